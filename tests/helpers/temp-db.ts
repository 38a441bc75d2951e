import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateDb, openDb, type Db } from '../../db';

/** A migrated SQLite file in a fresh temporary folder: the same kind of database the app uses. */
export function createTempDb(): { db: Db; file: string; dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chipwatch-test-'));
  const file = path.join(dir, 'test.db');
  const db = openDb(file);
  migrateDb(db);
  return {
    db,
    file,
    dir,
    cleanup: () => {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
