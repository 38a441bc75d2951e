import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { items } from '../../db/schema';
import { addFeed } from '../../lib/feeds/manage-feeds';
import { runIngest } from '../../lib/feeds/run-ingest';
import { listItems } from '../../lib/queries/list-items';
import { rss2, serve, startFeedServer, type FeedServer } from '../helpers/feed-server';
import { createTempDb } from '../helpers/temp-db';

let server: FeedServer;
let temp: ReturnType<typeof createTempDb>;

beforeAll(async () => {
  server = await startFeedServer({
    '/wire-a.xml': serve(
      rss2([
        {
          title: 'China bars Micron chips from critical infrastructure after security review',
          guid: 'a1',
          description: 'Beijing told operators of critical information infrastructure to stop buying Micron products.',
          pubDate: 'Sun, 21 May 2023 12:00:00 GMT',
        },
        { title: 'Tower Bridge stuck open for an hour', guid: 'a2', description: 'Traffic backed up across the Thames.', pubDate: 'Sun, 21 May 2023 13:00:00 GMT' },
      ]),
    ),
    '/wire-b.xml': serve(
      rss2([
        {
          title: 'Beijing tells infrastructure operators to stop buying Micron products',
          guid: 'b1',
          description: 'The Cyberspace Administration of China said the US memory maker failed its cybersecurity review.',
          pubDate: 'Sun, 21 May 2023 19:30:00 GMT',
        },
        {
          title: 'Japan adds 23 chipmaking tool types to export controls',
          guid: 'b2',
          description: 'METI said the rules take effect in July.',
          pubDate: 'Sun, 21 May 2023 20:00:00 GMT',
        },
      ]),
    ),
  });
  temp = createTempDb();
  const a = addFeed(temp.db, server.url('/wire-a.xml')).feed;
  const b = addFeed(temp.db, server.url('/wire-b.xml')).feed;
  await runIngest(temp.db, { feedIds: [a.id, b.id], allowPrivate: true, concurrency: 1 });
});
afterAll(async () => {
  await server.close();
  temp.cleanup();
});

describe('ingest tags every new item', () => {
  it('stores relevance, type, severity, countries and companies, with the tagger version', () => {
    const rows = temp.db.select().from(items).all();
    expect(rows.every((r) => r.taggerVersion && r.taggedAt && r.relevant !== null)).toBe(true);
    const bridge = rows.find((r) => r.title.startsWith('Tower Bridge'))!;
    expect(bridge).toMatchObject({ relevant: false, clusterId: null, eventType: null });
    const events = listItems(temp.db);
    const tools = events.find((e) => e.title.startsWith('Japan adds'))!;
    expect(tools).toMatchObject({ countries: ['JP'], eventType: 'export-control', relevant: true });
    expect(tools.severity).toBeGreaterThan(0.5);
  });

  it('groups two feeds reporting the same story into one cluster, listed once with both sources', () => {
    const events = listItems(temp.db);
    const micron = events.filter((e) => e.companies.some((c) => c.id === 'micron'));
    expect(micron).toHaveLength(1);
    expect(micron[0].eventType).toBe('import-ban');
    expect(micron[0].countries).toContain('CN');
    expect(micron[0].sources.map((s) => s.url)).toEqual([null, null]);
    expect(new Set(micron[0].sources.map((s) => s.feedId)).size).toBe(2);
    expect(events).toHaveLength(2);
    const all = listItems(temp.db, { all: true });
    expect(all).toHaveLength(3);
  });
});
