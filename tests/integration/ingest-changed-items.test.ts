import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterKeys, items, itemTags } from '../../db/schema';
import { addFeed } from '../../lib/feeds/manage-feeds';
import { runIngest } from '../../lib/feeds/run-ingest';
import { getGazetteer } from '../../lib/tagging/gazetteer';
import { setManualTag } from '../../lib/tagging/manual-tags';
import { rss2, startFeedServer, type FeedServer } from '../helpers/feed-server';
import { createTempDb } from '../helpers/temp-db';

// The feed's content can change between polls: the first poll reports a Micron story, the
// second rewrites that item (same guid) to be about SK hynix, and edits another while dropping its date.
let version = 1;
const documentFor = () =>
  rss2([
    version === 1
      ? { title: 'China bars Micron chips from critical infrastructure', guid: 'g1', description: 'The cyberspace regulator cited a failed security review.', pubDate: 'Sun, 21 May 2023 12:00:00 GMT' }
      : { title: 'Korea weighs curbs after SK hynix memory shipments are delayed', guid: 'g1', description: 'Seoul said it would review export licences for memory chips.', pubDate: 'Mon, 22 May 2023 08:00:00 GMT' },
    version === 1
      ? { title: 'Japan adds 23 chipmaking tool types to export controls', guid: 'g2', description: 'METI said the rules take effect in July.', pubDate: 'Sun, 21 May 2023 20:00:00 GMT' }
      : { title: 'Japan adds 23 chipmaking tool types to export controls', guid: 'g2', description: 'METI said the rules take effect on July 23.' },
    { title: 'Dutch rules on ASML immersion tools take effect', guid: 'g3', description: 'The Hague requires licences for advanced DUV systems.', pubDate: 'Fri, 01 Sep 2023 09:00:00 GMT' },
  ]);

let server: FeedServer;
let temp: ReturnType<typeof createTempDb>;
let feedId: number;

beforeAll(async () => {
  server = await startFeedServer({
    '/feed.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(documentFor());
    },
  });
  temp = createTempDb();
  feedId = addFeed(temp.db, server.url('/feed.xml')).feed.id;
});
afterAll(async () => {
  await server.close();
  temp.cleanup();
});

const itemByGuid = (guid: string) => temp.db.select().from(items).where(eq(items.guid, guid)).get()!;
const tagsOf = (id: number) =>
  temp.db
    .select({ kind: itemTags.kind, value: itemTags.value, source: itemTags.source, removed: itemTags.removed })
    .from(itemTags)
    .where(eq(itemTags.itemId, id))
    .all()
    .map((t) => `${t.source}:${t.kind}:${t.value}${t.removed ? ':removed' : ''}`)
    .sort();

describe('re-polling a feed whose items changed', () => {
  it('updates a changed item in place, re-tags it, and keeps the analyst’s corrections', async () => {
    const first = await runIngest(temp.db, { feedIds: [feedId], allowPrivate: true });
    expect(first.inserted).toBe(3);
    const micron = itemByGuid('g1');
    expect(tagsOf(micron.id)).toContain('auto:company:micron');
    const toolsDate = itemByGuid('g2').publishedAt.getTime();
    setManualTag(temp.db, getGazetteer(), { itemId: micron.id, kind: 'company', value: 'samsung' }, true);
    setManualTag(temp.db, getGazetteer(), { itemId: micron.id, kind: 'country', value: 'US' }, false);

    version = 2;
    const second = await runIngest(temp.db, { feedIds: [feedId], allowPrivate: true });
    expect({ inserted: second.inserted, updated: second.updated, unchanged: second.outcomes[0].unchanged }).toEqual({ inserted: 0, updated: 2, unchanged: 1 });

    const changed = itemByGuid('g1');
    expect(changed.id).toBe(micron.id);
    expect(changed.title).toMatch(/SK hynix/);
    expect(changed.updatedAt.getTime()).toBeGreaterThan(micron.updatedAt.getTime() - 1);
    const tags = tagsOf(changed.id);
    expect(tags).toContain('auto:company:sk-hynix');
    expect(tags).not.toContain('auto:company:micron');
    expect(tags).toContain('manual:company:samsung');
    expect(tags).toContain('manual:country:US:removed');
    // Cluster keys follow the new tagging, and the item is still its own cluster.
    const keys = temp.db.select().from(clusterKeys).where(eq(clusterKeys.itemId, changed.id)).all().map((k) => k.key);
    expect(keys.some((k) => k.endsWith('company:sk-hynix'))).toBe(true);
    expect(keys.some((k) => k.endsWith('company:micron'))).toBe(false);
    expect(changed.clusterId).toBe(changed.id);

    // g2 changed but lost its date: the item keeps the date it had.
    expect(itemByGuid('g2').publishedAt.getTime()).toBe(toolsDate);
    expect(temp.db.select().from(items).all()).toHaveLength(3);
  });

  it('leaves unchanged items alone on the next poll, and new items continue the id sequence', async () => {
    const before = temp.db.select().from(items).all();
    const again = await runIngest(temp.db, { feedIds: [feedId], allowPrivate: true });
    expect({ inserted: again.inserted, updated: again.updated, unchanged: again.outcomes[0].unchanged }).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    expect(temp.db.select().from(items).all()).toEqual(before);
  });
});
