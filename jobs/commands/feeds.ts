import fs from 'node:fs';
import { CLI_ACTOR, recordAudit } from '../../lib/auth/audit';
import { addFeed, exportOpmlOutlines, importOpml, listFeeds, removeFeed } from '../../lib/feeds/manage-feeds';
import { renderOpml } from '../../lib/feeds/opml';
import { feedToJson } from '../../lib/queries/feed-rows';
import { UsageError, expectPositionals, openMigratedDb, parse } from '../cli-args';

export async function feedsCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add': {
      const { values, positionals } = parse(rest, { title: { type: 'string' } });
      expectPositionals(positionals, 1, 'feed URL');
      const db = openMigratedDb();
      const { feed, created } = addFeed(db, positionals[0], values.title);
      if (created) recordAudit(db, CLI_ACTOR, 'feed.add', feed.url);
      console.log(created ? `added feed ${feed.id}: ${feed.url}` : `feed ${feed.id} already exists: ${feed.url}`);
      return 0;
    }
    case 'list': {
      const { values, positionals } = parse(rest, { json: { type: 'boolean' } });
      expectPositionals(positionals, 0, '');
      const rows = listFeeds(openMigratedDb()).map(feedToJson);
      if (values.json) console.log(JSON.stringify(rows, null, 2));
      else if (rows.length === 0) console.log('no feeds yet: add one with `feeds add <url>` or load the sample with `demo`');
      else {
        for (const f of rows) {
          const status = f.lastStatus ?? 'never fetched';
          const error = f.lastError ? ` — ${f.lastError}` : '';
          const next = f.nextCheckAt ? `, next check ${f.nextCheckAt}` : '';
          console.log(`${String(f.id).padStart(4)}  ${f.enabled ? ' ' : 'off'} ${f.url}\n      ${f.title ?? '(no title)'}: ${status}${error}; ${f.itemCount} items${next}`);
        }
      }
      return 0;
    }
    case 'import': {
      const { positionals } = parse(rest);
      expectPositionals(positionals, 1, 'OPML file');
      let text: string;
      try {
        text = fs.readFileSync(positionals[0], 'utf8');
      } catch (err) {
        throw new UsageError(`cannot read ${positionals[0]}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      }
      const db = openMigratedDb();
      const result = await importOpml(db, text);
      for (const url of result.addedUrls) recordAudit(db, CLI_ACTOR, 'feed.add', url, 'OPML import');
      console.log(`imported ${positionals[0]}: ${result.added} added, ${result.existing} already present, ${result.rejected.length} rejected`);
      for (const r of result.rejected) console.error(`  rejected ${r.url}: ${r.reason}`);
      return 0;
    }
    case 'export': {
      const { positionals } = parse(rest);
      expectPositionals(positionals, 0, '');
      process.stdout.write(renderOpml(exportOpmlOutlines(openMigratedDb())));
      return 0;
    }
    case 'remove': {
      const { positionals } = parse(rest);
      expectPositionals(positionals, 1, 'feed id or URL');
      const db = openMigratedDb();
      const feed = removeFeed(db, positionals[0]);
      recordAudit(db, CLI_ACTOR, 'feed.remove', feed.url);
      console.log(`removed feed ${feed.id}: ${feed.url} (${feed.itemCount} items)`);
      return 0;
    }
    default:
      throw new UsageError(sub ? `unknown feeds command: ${sub}` : 'missing feeds command');
  }
}

