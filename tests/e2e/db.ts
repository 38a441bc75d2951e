import Database from 'better-sqlite3';

/** Read-only view of the database the e2e server uses, so specs compare the page with the data. */
export function queryE2eDb<T>(sql: string): T[] {
  const db = new Database(process.env.E2E_DATABASE_PATH!, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}
