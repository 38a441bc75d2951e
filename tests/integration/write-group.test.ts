import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WriteGroup } from '../../lib/feeds/write-group';
import { createTempDb } from '../helpers/temp-db';

/**
 * An ingest run commits a few feeds per transaction (lib/feeds/write-group.ts). What must hold:
 * nothing a group held is visible to others before its commit, a group commits on its own after
 * its time or size limit, and a feed whose write fails takes no other feed's write down with it.
 */
let temp: ReturnType<typeof createTempDb>;
let other: Database.Database;
beforeEach(() => {
  temp = createTempDb();
  temp.db.$client.exec('CREATE TABLE t (name TEXT PRIMARY KEY)');
  // A second connection, as the dashboard's process would have.
  other = new Database(temp.file, { readonly: true });
});
afterEach(() => {
  other.close();
  temp.cleanup();
});

const seen = () => (other.prepare('SELECT name FROM t ORDER BY name').all() as { name: string }[]).map((r) => r.name);
const insert = (name: string) => () => temp.db.$client.prepare('INSERT INTO t (name) VALUES (?)').run(name);

describe('write group', () => {
  it('holds writes until it has maxWrites of them, then commits them together', () => {
    const group = new WriteGroup(temp.db, undefined, { maxWrites: 3, maxMs: 60_000 });
    group.write(insert('a'));
    group.write(insert('b'));
    expect(seen()).toEqual([]);
    group.write(insert('c'));
    expect(seen()).toEqual(['a', 'b', 'c']);
    expect(temp.db.$client.inTransaction).toBe(false);
  });

  it('commits on its own maxMs after its first write, so the lock is not kept while the run waits', async () => {
    const group = new WriteGroup(temp.db, undefined, { maxWrites: 100, maxMs: 50 });
    group.write(insert('a'));
    expect(seen()).toEqual([]);
    await new Promise((r) => setTimeout(r, 120));
    expect(seen()).toEqual(['a']);
    expect(temp.db.$client.inTransaction).toBe(false);
  });

  it('commit() writes out what it holds, and does nothing when it holds nothing', () => {
    const group = new WriteGroup(temp.db, undefined, { maxWrites: 100, maxMs: 60_000 });
    group.commit();
    group.write(insert('a'));
    group.commit();
    expect(seen()).toEqual(['a']);
  });

  it('a failing write loses only itself: the group is rolled back, the others are redone, the error reaches its caller', () => {
    let rollbacks = 0;
    const group = new WriteGroup(temp.db, () => rollbacks++, { maxWrites: 100, maxMs: 60_000 });
    group.write(insert('a'));
    group.write(insert('b'));
    // A write that fails half-way: its first row must not survive either.
    const failing = () => {
      insert('c')();
      insert('a')(); // primary key taken
    };
    expect(() => group.write(failing)).toThrow(/UNIQUE constraint failed/);
    expect(rollbacks).toBe(1);
    expect(seen()).toEqual(['a', 'b']);
    group.write(insert('d'));
    group.commit();
    expect(seen()).toEqual(['a', 'b', 'd']);
  });

  it('a failed commit loses the group, as a crash would, and leaves no transaction open', () => {
    let rollbacks = 0;
    const group = new WriteGroup(temp.db, () => rollbacks++, { maxWrites: 100, maxMs: 60_000 });
    group.write(insert('a'));
    // A deferred foreign-key violation is only found at COMMIT.
    temp.db.$client.exec('CREATE TABLE child (parent TEXT REFERENCES t(name) DEFERRABLE INITIALLY DEFERRED)');
    group.write(() => temp.db.$client.prepare("INSERT INTO child (parent) VALUES ('nobody')").run());
    expect(() => group.commit()).toThrow(/FOREIGN KEY constraint failed/);
    expect(rollbacks).toBe(1);
    expect(temp.db.$client.inTransaction).toBe(false);
    expect(seen()).toEqual([]);
  });
});
