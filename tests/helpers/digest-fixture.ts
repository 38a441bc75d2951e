import type { Db } from '../../db';
import { refreshExposure } from '../../lib/exposure/refresh-exposure';
import { addFeed } from '../../lib/feeds/manage-feeds';
import { runIngest } from '../../lib/feeds/run-ingest';
import { parseSubscriptionInput, type RawSubscriptionInput } from '../../lib/digest/subscription-input';
import { subscribe } from '../../lib/digest/manage-subscriptions';
import { getGazetteerFor } from '../../lib/tagging/tagger-instance';
import { rss2, serve, startFeedServer } from './feed-server';

/** Four events the tagger reads unambiguously (checked with `cli tag`), three on 27 March 2026 and one a week earlier. */
export const FIXTURE_ITEMS = [
  {
    title: 'US adds Micron to Entity List in new export control crackdown',
    guid: 'a',
    link: 'https://news.example.com/a',
    description: 'The Commerce Department said Micron units in China would need licences for American tools.',
    pubDate: 'Fri, 27 Mar 2026 10:00:00 GMT',
  },
  {
    title: 'China bans Micron chips from critical infrastructure after security review',
    guid: 'b',
    link: 'https://news.example.com/b',
    description: 'The cyberspace regulator told operators to stop buying Micron products. Officials gave no deadline.',
    pubDate: 'Fri, 27 Mar 2026 12:00:00 GMT',
  },
  {
    title: 'Netherlands widens export licence rules for ASML lithography tools',
    guid: 'c',
    link: 'https://news.example.com/c',
    description: 'The Dutch government said ASML needs licences to ship more immersion scanners to China.',
    pubDate: 'Fri, 27 Mar 2026 14:00:00 GMT',
  },
  {
    title: 'Micron fab in Hiroshima halted by earthquake damage',
    guid: 'd',
    link: 'https://news.example.com/d',
    description: 'Micron said production of DRAM at the Hiroshima plant stopped after the quake.',
    pubDate: 'Fri, 20 Mar 2026 09:00:00 GMT',
  },
];

/** Ingests items from a local feed server through the real pipeline, then computes exposure up to `now`. */
export async function ingestItems(db: Db, items: typeof FIXTURE_ITEMS, now: Date, path = '/news.xml'): Promise<void> {
  const server = await startFeedServer({ [path]: serve(rss2(items)) });
  try {
    const feed = addFeed(db, server.url(path)).feed;
    await runIngest(db, { feedIds: [feed.id], allowPrivate: true });
    refreshExposure(db, now);
  } finally {
    await server.close();
  }
}

export function subscribeWith(db: Db, raw: RawSubscriptionInput, now = new Date()) {
  return subscribe(db, parseSubscriptionInput(raw, getGazetteerFor(db)), now).subscription;
}
