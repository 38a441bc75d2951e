import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { items } from '../../db/schema';
import { DocumentError, DocumentPreparer } from '../../lib/feeds/document-preparer';
import { storeFeedDocument } from '../../lib/feeds/ingest-feed';
import { addFeed } from '../../lib/feeds/manage-feeds';
import { prepareDocument, type DocumentInput } from '../../lib/feeds/prepare-document';
import { addCustomCompany } from '../../lib/tagging/custom-companies';
import { getGazetteerFor, getTaggerFor, taggerSpecFor } from '../../lib/tagging/tagger-instance';
import { createTempDb } from '../helpers/temp-db';

/**
 * The ingest prepares documents (decode → parse → normalise → tag) on a worker thread. What comes
 * back must be exactly what the main thread would have made, errors included, and a worker that
 * cannot run must cost speed, never items.
 */
let temp: ReturnType<typeof createTempDb>;
let preparer: DocumentPreparer | undefined;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(async () => {
  await preparer?.close();
  preparer = undefined;
  temp.cleanup();
});

const FIXTURES = path.resolve(__dirname, '../fixtures/feeds');
const input = (file: string, contentType: string | null = null): DocumentInput => ({
  body: fs.readFileSync(path.join(FIXTURES, file)),
  contentType,
  fallbackBase: 'https://feeds.example/feed.xml',
  now: Date.parse('2026-01-01T00:00:00Z'),
});

describe('document worker', () => {
  it('prepares RSS 2.0, RSS 1.0 and Atom documents exactly as the main thread does', async () => {
    preparer = new DocumentPreparer();
    for (const file of ['rss2.xml', 'rss1.rdf', 'atom.xml']) {
      const onWorker = await preparer.prepare(input(file), taggerSpecFor(temp.db));
      const here = await prepareDocument(input(file), getTaggerFor(temp.db));
      expect(onWorker.entries.length).toBeGreaterThan(0);
      expect(onWorker).toEqual(here);
    }
    expect(preparer.available).toBe(true);
    expect(preparer.loadedFrom).toBe('bundle');
  });

  it('decodes GBK and windows-1252 documents on the thread exactly as the main thread does', async () => {
    preparer = new DocumentPreparer();
    const gbk = iconv.encode(fs.readFileSync(path.join(FIXTURES, 'gbk-source.xml'), 'utf8'), 'gbk');
    const cp1252 = iconv.encode('<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><title>t</title><item><guid>c1</guid><title>Breton’s “Chips Act” – Société européenne</title></item></channel></rss>', 'windows-1252');
    for (const body of [gbk, cp1252]) {
      const doc: DocumentInput = { ...input('rss2.xml'), body };
      const onWorker = await preparer.prepare(doc, taggerSpecFor(temp.db));
      expect(onWorker.entries.length).toBeGreaterThan(0);
      expect(onWorker).toEqual(await prepareDocument(doc, getTaggerFor(temp.db)));
    }
    expect(preparer.loadedFrom).toBe('bundle');
  });

  it('loads the worker through tsx when it cannot be bundled, and prepares the same documents', async () => {
    preparer = new DocumentPreparer(undefined, () => ({ ok: false, error: 'esbuild is not installed' }));
    const onWorker = await preparer.prepare(input('rss2.xml'), taggerSpecFor(temp.db));
    expect(preparer.loadedFrom).toBe('tsx');
    expect(preparer.available).toBe(true);
    expect(onWorker).toEqual(await prepareDocument(input('rss2.xml'), getTaggerFor(temp.db)));
  });

  it('sends a broken document’s error back with the message the feed will show', async () => {
    preparer = new DocumentPreparer();
    const broken: DocumentInput = { ...input('rss2.xml'), body: Buffer.from('<?xml version="1.0"?><rss><channel><item><title>x</title></chan') };
    const here = await prepareDocument(broken, getTaggerFor(temp.db)).catch((e: Error) => e);
    const there = await preparer.prepare(broken, taggerSpecFor(temp.db)).catch((e: Error) => e);
    expect(there).toBeInstanceOf(DocumentError);
    expect((there as Error).message).toBe((here as Error).message);
    expect((there as Error).message).toMatch(/XML error/);
    // The thread survives a bad document: the next one is prepared there too.
    expect((await preparer.prepare(input('rss2.xml'), taggerSpecFor(temp.db))).entries.length).toBeGreaterThan(0);
    expect(preparer.available).toBe(true);
  });

  it('tags with the companies analysts added to this database', async () => {
    addCustomCompany(temp.db, getGazetteerFor(temp.db), { name: 'Quillon Microsystems', aliases: [], hq: 'DE', sites: [], segment: 'buyer-auto' });
    preparer = new DocumentPreparer();
    const doc: DocumentInput = {
      ...input('rss2.xml'),
      body: Buffer.from(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><guid>q1</guid><title>Quillon Microsystems added to the Entity List over chip exports</title><description>The Commerce Department listed the chipmaker.</description></item>
</channel></rss>`),
    };
    const prepared = await preparer.prepare(doc, taggerSpecFor(temp.db));
    expect(prepared.entries[0].tagging.tags.has('company:quillon-microsystems')).toBe(true);
    expect(prepared.taggerVersion).toBe(getTaggerFor(temp.db).version);
  });

  it('hands replies over one per turn of the event loop, so timers and I/O run between two documents', async () => {
    preparer = new DocumentPreparer();
    const spec = taggerSpecFor(temp.db);
    await preparer.prepare(input('rss2.xml'), spec); // the thread is up and its tagger built
    const order: string[] = [];
    const spin = (ms: number) => {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        /* a synchronous write, as the ingest does with each document */
      }
    };
    const docs = [0, 1, 2].map((i) =>
      preparer!.prepare(input('rss2.xml'), spec).then(() => {
        order.push(`doc ${i}`);
        if (i === 0) setTimeout(() => order.push('timer'), 0);
        spin(5);
      }),
    );
    // Busy until the worker has finished all three: their replies wait on the port together.
    spin(500);
    await Promise.all(docs);
    expect(order).toEqual(['doc 0', 'timer', 'doc 1', 'doc 2']);
  });

  it('prepares documents on the main thread when the bundled worker file cannot be loaded', async () => {
    preparer = new DocumentPreparer(undefined, () => ({ ok: true, file: path.join(FIXTURES, 'no-such-worker.cjs'), built: false }));
    const { feed } = addFeed(temp.db, 'https://feeds.example/feed.xml');
    const outcome = await storeFeedDocument(temp.db, feed, fs.readFileSync(path.join(FIXTURES, 'rss2.xml')), null, { now: new Date('2026-01-01T00:00:00Z'), nextCheckAt: null }, { preparer });
    expect(outcome.status).toBe('ok');
    expect(outcome.inserted).toBe((await prepareDocument(input('rss2.xml'), getTaggerFor(temp.db))).entries.length);
    expect(preparer.available).toBe(false);
  });

  it('falls back to the main thread when the worker cannot run, and stores every item', async () => {
    // A heap far too small for the tagger: the thread dies on start.
    preparer = new DocumentPreparer({ maxOldGenerationSizeMb: 1, maxYoungGenerationSizeMb: 1 });
    const { feed } = addFeed(temp.db, 'https://feeds.example/feed.xml');
    const outcome = await storeFeedDocument(temp.db, feed, fs.readFileSync(path.join(FIXTURES, 'rss2.xml')), null, { now: new Date('2026-01-01T00:00:00Z'), nextCheckAt: null }, { preparer });
    const expected = (await prepareDocument(input('rss2.xml'), getTaggerFor(temp.db))).entries.length;
    expect(outcome.status).toBe('ok');
    expect(outcome.inserted).toBe(expected);
    expect(temp.db.select().from(items).all()).toHaveLength(expected);
    expect(preparer.available).toBe(false);
  });
});
