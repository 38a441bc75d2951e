import { afterAll, beforeAll, beforeEach } from 'vitest';
import { eq } from 'drizzle-orm';
import { feeds } from '../../db/schema';
import { startFeedServer, type FeedServer, type Route } from './feed-server';
import { createTempDb } from './temp-db';

/**
 * The setup the ingest tests share: one feed server on 127.0.0.1 for the file, and a fresh SQLite
 * file for every test. Registers the vitest hooks; read `h.server` and `h.temp` inside tests.
 */
export function useIngestHarness(routes: Record<string, Route> = {}) {
  const h = {
    server: undefined as unknown as FeedServer,
    temp: undefined as unknown as ReturnType<typeof createTempDb>,
    feedRow: (id: number) => h.temp.db.select().from(feeds).where(eq(feeds.id, id)).get()!,
  };
  beforeAll(async () => {
    h.server = await startFeedServer(routes);
  });
  afterAll(async () => {
    await h.server.close();
    h.temp?.cleanup();
  });
  beforeEach(() => {
    h.temp?.cleanup();
    h.temp = createTempDb();
  });
  return h;
}
