import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db';
import { feeds } from '../../db/schema';
import { storeFeedDocument, type FeedOutcome } from './ingest-feed';

export const SAMPLE_DIR = path.resolve(process.cwd(), 'data/sample');
/** Sample feeds get a URL in a scheme of their own: never fetchable, never confused with a user's feed. */
export const SAMPLE_URL_PREFIX = 'chipwatch-sample:';

/**
 * Loads the bundled sample archive through the same decode → parse → normalise → store path as a
 * fetched feed. Safe to run again: items are deduplicated like any re-polled feed.
 */
export async function loadSampleArchive(db: Db, dir = SAMPLE_DIR, now = new Date()): Promise<FeedOutcome[]> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.xml'))
    .sort();
  if (files.length === 0) throw new Error(`no sample feeds (*.xml) in ${dir}`);
  const outcomes: FeedOutcome[] = [];
  for (const file of files) {
    const url = `${SAMPLE_URL_PREFIX}${file}`;
    const feed =
      db.select().from(feeds).where(eq(feeds.url, url)).get() ??
      db.insert(feeds).values({ url, kind: 'sample', enabled: true }).returning().get();
    const body = fs.readFileSync(path.join(dir, file));
    outcomes.push(await storeFeedDocument(db, feed, body, null, { now, nextCheckAt: null }));
  }
  return outcomes;
}
