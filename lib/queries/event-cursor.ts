/**
 * Keyset pagination for the events explorer: a cursor is the sort key of the last event of a page,
 * so the next page starts strictly after it. Unlike OFFSET, a page deep in a million items costs
 * the same as the first, and events stored between two requests never shift a page by one.
 *
 * Opaque to clients (base64url JSON), but checked on the way back in: a cursor that does not
 * decode, or belongs to another sort order, is refused rather than silently restarting the list.
 */
export const EVENT_SORTS = ['newest', 'oldest', 'severity', 'relevance'] as const;
export type EventSort = (typeof EVENT_SORTS)[number];

export type CursorKey =
  | { sort: 'newest' | 'oldest'; publishedAt: number; id: number }
  | { sort: 'severity'; severity: number | null; publishedAt: number; id: number }
  | { sort: 'relevance'; rank: number; id: number };

export class CursorError extends Error {}

export function encodeCursor(key: CursorKey): string {
  const values =
    key.sort === 'severity' ? [key.severity, key.publishedAt, key.id] : key.sort === 'relevance' ? [key.rank, key.id] : [key.publishedAt, key.id];
  return Buffer.from(JSON.stringify([key.sort, ...values]), 'utf8').toString('base64url');
}

export function decodeCursor(raw: string, sort: EventSort): CursorKey {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,200}$/.test(raw)) throw new Error('not base64url');
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError('cursor is malformed: pass back the nextCursor of a previous page unchanged');
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'string') throw new CursorError('cursor is malformed: pass back the nextCursor of a previous page unchanged');
  const [cursorSort, ...values] = parsed as [string, ...unknown[]];
  if (cursorSort !== sort) throw new CursorError(`cursor belongs to sort=${cursorSort}, not sort=${sort}: start again without a cursor`);
  const int = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v);
  const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  if (sort === 'severity' && values.length === 3 && (values[0] === null || num(values[0])) && int(values[1]) && int(values[2])) {
    return { sort, severity: values[0] as number | null, publishedAt: values[1] as number, id: values[2] as number };
  }
  if (sort === 'relevance' && values.length === 2 && num(values[0]) && int(values[1])) {
    return { sort, rank: values[0] as number, id: values[1] as number };
  }
  if ((sort === 'newest' || sort === 'oldest') && values.length === 2 && int(values[0]) && int(values[1])) {
    return { sort, publishedAt: values[0] as number, id: values[1] as number };
  }
  throw new CursorError('cursor is malformed: pass back the nextCursor of a previous page unchanged');
}
