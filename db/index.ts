import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { getConfig } from '../lib/config';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Where drizzle-kit writes migrations; resolved from the working directory, which is the project root for every entry point. */
export const MIGRATIONS_DIR = path.resolve(process.cwd(), 'db/migrations');

/**
 * Opens a SQLite file with the settings every process needs: WAL so the dashboard reads while a job
 * writes, a busy timeout so a writer in another process makes us wait instead of failing, and
 * foreign keys on. The folder is created when missing.
 */
export function openDb(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const client = new Database(file);
  client.pragma('journal_mode = WAL');
  client.pragma('busy_timeout = 5000');
  client.pragma('foreign_keys = ON');
  client.pragma('synchronous = NORMAL');
  // 64 MiB of page cache (the default is 2 MiB): ingest updates several indexes per item, and with
  // a small cache each of those B-tree writes went back to the OS for pages (docs/benchmarks.md).
  client.pragma('cache_size = -65536');
  client.pragma('temp_store = MEMORY');
  return drizzle(client, { schema }) as Db;
}

export function migrateDb(db: Db): void {
  try {
    migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  } catch (err) {
    // drizzle reads which migrations are applied before it takes the write lock, so two processes
    // starting on a new database (the CLI twice, or the server beside the job runner) can both set
    // out to apply the same ones; the second then fails on "table already exists" once the first
    // has committed. Its transaction rolled back, and a second pass finds nothing left to do. A
    // migration that is really broken fails the same way again, and that error is the one thrown.
    if (!/already exists/.test(String(err instanceof Error ? `${err.message} ${err.cause ?? ''}` : err))) throw err;
    migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  }
}

// One client per process. Cached on globalThis so Next's dev-mode module reloading does not open
// a new connection on every edit (the create-t3-app pattern).
const globalForDb = globalThis as unknown as { chipwatchDb?: Db };

export function getDb(): Db {
  globalForDb.chipwatchDb ??= openDb(getConfig().DATABASE_PATH);
  return globalForDb.chipwatchDb;
}

export function closeDb(): void {
  globalForDb.chipwatchDb?.$client.close();
  globalForDb.chipwatchDb = undefined;
}

export { schema };

type Statement = Database.Statement<unknown[]>;
const statementCache = new WeakMap<Database.Database, Map<string, Statement>>();

/**
 * A raw statement prepared once per connection. For the few statements that run once per item on
 * the ingest path, where building the query through drizzle and preparing it each time cost more
 * than the work itself (see docs/benchmarks.md). Everything else goes through drizzle.
 */
export function prepared(db: Db, sql: string): Statement {
  let cache = statementCache.get(db.$client);
  if (!cache) statementCache.set(db.$client, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.$client.prepare<unknown[]>(sql)));
  return stmt;
}
