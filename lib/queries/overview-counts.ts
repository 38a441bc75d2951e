import { prepared, type Db } from '../../db';

export interface Totals {
  feeds: number;
  feedsFailing: number;
  items: number;
  events: number;
}

/**
 * Headline counts for the overview. An event is a relevant story cluster, counted once however
 * many feeds carried it (a row of exposure_events, kept in step by the exposure job). Every count
 * is read from an index, not from the item rows: at a million items that is milliseconds, not seconds.
 */
export function countTotals(db: Db): Totals {
  const row = prepared(
    db,
    `SELECT (SELECT count(*) FROM feeds) AS feeds,
            (SELECT count(*) FROM feeds WHERE last_status = 'error') AS feedsFailing,
            (SELECT count(*) FROM items) AS items,
            (SELECT count(*) FROM exposure_events) AS events`,
  ).get() as Totals;
  return row;
}

export interface MonthCount {
  month: string;
  items: number;
  events: number;
}

/** Items and events per calendar month (UTC) that has any. */
export function countItemsPerMonth(db: Db): MonthCount[] {
  const range = prepared(db, 'SELECT min(published_at) AS first, max(published_at) AS last FROM items').get() as { first: number | null; last: number | null };
  if (range.first === null || range.last === null) return [];
  const events = new Map(
    (prepared(db, 'SELECT substr(day, 1, 7) AS month, count(*) AS n FROM exposure_events GROUP BY month').all() as { month: string; n: number }[]).map((r) => [r.month, r.n]),
  );
  // One range count per month on the published_at index.
  const countIn = prepared(db, 'SELECT count(*) AS n FROM items WHERE published_at >= ? AND published_at < ?');
  const out: MonthCount[] = [];
  const first = new Date(range.first);
  for (let d = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1)); d.getTime() <= range.last; ) {
    const next = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
    const month = d.toISOString().slice(0, 7);
    const items = (countIn.get(d.getTime(), next.getTime()) as { n: number }).n;
    if (items > 0) out.push({ month, items, events: events.get(month) ?? 0 });
    d = next;
  }
  return out;
}
