import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateDb, openDb, type Db } from '../../db';

/**
 * Processes that start together on a new database (two CLI commands, the server beside the job
 * runner) all migrate it. drizzle decides what to apply before it takes the write lock, so the
 * slower one used to fail with "table already exists" (seen in CI as a failed `digest subscribe`).
 * The race is replayed exactly: the other process runs its whole migration in the gap.
 */
let dir: string;
const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('migrate', () => {
  it('succeeds when another process applies the same migrations between our check and our write', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chipwatch-migrate-'));
    const file = path.join(dir, 'race.db');
    const slow = openDb(file);
    const fast = openDb(file);
    open.push(slow, fast);
    // Just before the slow connection creates its first table, the fast one migrates to the end.
    const prepare = slow.$client.prepare.bind(slow.$client);
    let raced = false;
    slow.$client.prepare = ((source: string) => {
      if (!raced && /^\s*CREATE TABLE `feeds`/.test(source)) {
        raced = true;
        migrateDb(fast);
      }
      return prepare(source);
    }) as typeof slow.$client.prepare;

    expect(() => migrateDb(slow)).not.toThrow();
    expect(raced).toBe(true);
    const applied = (db: Db) => (db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
    expect(applied(slow)).toBe(fs.readdirSync(path.resolve(__dirname, '../../db/migrations')).filter((f) => f.endsWith('.sql')).length);
    expect(slow.$client.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'items'").get()).toEqual({ n: 1 });
  });

  it('still reports a migration that fails for a reason of its own', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chipwatch-migrate-'));
    const db = openDb(path.join(dir, 'broken.db'));
    open.push(db);
    const prepare = db.$client.prepare.bind(db.$client);
    db.$client.prepare = ((source: string) => (/^\s*CREATE TABLE `items`/.test(source) ? prepare('SELECT * FROM no_such_table') : prepare(source))) as typeof db.$client.prepare;
    expect(() => migrateDb(db)).toThrow(/no such table|Failed to run the query/);
  });
});
