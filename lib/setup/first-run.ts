import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db';
import { createFirstAdmin } from '../auth/first-admin';
import { importOpml, listFeeds } from '../feeds/manage-feeds';
import { loadSampleArchive } from '../feeds/load-sample';
import { refreshExposure } from '../exposure/refresh-exposure';
import { hasAnyItems } from '../queries/list-items';

export const DEFAULT_FEEDS_OPML = path.resolve(process.cwd(), 'data/default-feeds.opml');

/**
 * What `npm start` does to an empty database: create the first admin (no accounts, no way in), subscribe to the default public feeds (which work
 * online and fail visibly offline) and load the bundled sample archive, so the dashboard has
 * something true to show on the first run with or without a network.
 */
export async function prepareFirstRun(db: Db): Promise<string[]> {
  const done: string[] = [];
  const admin = await createFirstAdmin(db);
  if (admin) {
    done.push(`created the first admin account: ${admin.email}`);
    done.push(`its password, shown only this once: ${admin.password}`);
    done.push('sign in at /login; add more accounts on the Users page or with `npm run cli -- users add`');
  }
  if (listFeeds(db).filter((f) => f.kind === 'remote').length === 0) {
    const result = await importOpml(db, fs.readFileSync(DEFAULT_FEEDS_OPML, 'utf8'));
    done.push(`subscribed to ${result.added} default feeds`);
  }
  if (!hasAnyItems(db)) {
    const outcomes = await loadSampleArchive(db);
    // Scores and events before the first page is served, not only once the worker has started.
    const exposure = refreshExposure(db);
    done.push(`loaded ${outcomes.reduce((n, o) => n + o.inserted, 0)} items from ${outcomes.length} sample feeds (${exposure.events} events)`);
  }
  return done;
}
