import { parseArgs, type ParseArgsConfig } from 'node:util';
import { getDb, migrateDb } from '../db';

/** A mistake in how a command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

export function parse<O extends Options>(args: string[], options: O = {} as O) {
  try {
    return parseArgs({ args, options, allowPositionals: true as const, strict: true as const });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

export function expectPositionals(positionals: string[], count: number, what: string): void {
  if (positionals.length < count) throw new UsageError(`missing ${what}`);
  if (positionals.length > count) throw new UsageError(`unexpected argument: ${positionals[count]}`);
}

export function parseLimit(raw: string | undefined, fallback = 50): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 100_000) {
    throw new UsageError(`--limit must be a whole number from 1 to 100000, got ${JSON.stringify(raw)}`);
  }
  return Number(raw);
}

/** YYYY-MM-DD (UTC midnight) or a full ISO timestamp. */
export function parseDateFlag(name: string, raw: string | undefined): Date | undefined {
  if (raw === undefined) return undefined;
  const ok = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw);
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw);
  if (!ok || Number.isNaN(date.getTime())) throw new UsageError(`${name} must be a date like 2023-05-21, got ${JSON.stringify(raw)}`);
  return date;
}

export function parseId(name: string, raw: string | undefined): number {
  if (raw === undefined) throw new UsageError(`missing ${name}`);
  if (!/^\d+$/.test(raw)) throw new UsageError(`${name} must be a number, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

export function openMigratedDb() {
  const db = getDb();
  migrateDb(db);
  return db;
}
