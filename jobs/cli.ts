import fs from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closeDb, getDb, migrateDb } from '../db';
import { ConfigError } from '../lib/config';
import { LockHeldError } from '../lib/jobs/job-lock';
import { log } from '../lib/log';
import { addFeed, exportOpmlOutlines, FeedInputError, findFeed, importOpml, listFeeds, removeFeed } from '../lib/feeds/manage-feeds';
import { OpmlError, renderOpml } from '../lib/feeds/opml';
import { loadSampleArchive } from '../lib/feeds/load-sample';
import { runIngest } from '../lib/feeds/run-ingest';
import { feedToJson } from '../lib/queries/feed-rows';
import { listItems } from '../lib/queries/list-items';
import { formatIngestSummary, progressLine } from './ingest-output';

/** A mistake in how the command was called: printed with the usage, exit code 2. */
class UsageError extends Error {}

const USAGE = `usage: npm run --silent cli -- <command>

  migrate                              apply database migrations
  feeds add <url> [--title T]          add a feed (http or https)
  feeds list [--json]                  list feeds with their health
  feeds import <file.opml>             add the feeds of an OPML file
  feeds export                         print the feeds as OPML
  feeds remove <id|url>                remove a feed and its items
  ingest [--feed <id|url>] [--due] [--json]
                                       fetch enabled feeds now (--due: only those due)
  events list [--all] [--json] [--limit N]
                                       newest events (--all: include irrelevant items)
  demo                                 load the bundled sample archive`;

type Options = NonNullable<ParseArgsConfig['options']>;

function parse<O extends Options>(args: string[], options: O = {} as O) {
  try {
    return parseArgs({ args, options, allowPositionals: true as const, strict: true as const });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

function expectPositionals(positionals: string[], count: number, what: string): void {
  if (positionals.length < count) throw new UsageError(`missing ${what}`);
  if (positionals.length > count) throw new UsageError(`unexpected argument: ${positionals[count]}`);
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return 50;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 100_000) {
    throw new UsageError(`--limit must be a whole number from 1 to 100000, got ${JSON.stringify(raw)}`);
  }
  return Number(raw);
}

function openMigratedDb() {
  const db = getDb();
  migrateDb(db);
  return db;
}

async function feedsCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add': {
      const { values, positionals } = parse(rest, { title: { type: 'string' } });
      expectPositionals(positionals, 1, 'feed URL');
      const { feed, created } = addFeed(openMigratedDb(), positionals[0], values.title);
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
      const result = await importOpml(openMigratedDb(), text);
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
      const feed = removeFeed(openMigratedDb(), positionals[0]);
      console.log(`removed feed ${feed.id}: ${feed.url} (${feed.itemCount} items)`);
      return 0;
    }
    default:
      throw new UsageError(sub ? `unknown feeds command: ${sub}` : 'missing feeds command');
  }
}

async function ingestCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    feed: { type: 'string' },
    due: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  expectPositionals(positionals, 0, '');
  const db = openMigratedDb();
  let feedIds: number[] | undefined;
  if (values.feed !== undefined) {
    const feed = findFeed(db, values.feed);
    if (!feed) throw new UsageError(`no feed with id or URL ${JSON.stringify(values.feed)}`);
    if (feed.kind === 'sample') throw new UsageError(`feed ${feed.id} is a bundled sample feed: reload it with \`demo\``);
    feedIds = [feed.id];
  }
  const showProgress = process.stderr.isTTY && !values.json;
  const summary = await runIngest(db, {
    feedIds,
    dueOnly: values.due,
    onFeedDone: showProgress ? (o, done, total) => process.stderr.write(`${progressLine(o, done, total)}\n`) : undefined,
  });
  if (values.json) {
    const { changedIds: _omit, ...rest } = summary;
    console.log(JSON.stringify(rest, null, 2));
  } else console.log(formatIngestSummary(summary));
  return 0;
}

function eventsCommand(args: string[]): number {
  const [sub, ...rest] = args;
  if (sub !== 'list') throw new UsageError(sub ? `unknown events command: ${sub}` : 'missing events command');
  const { values, positionals } = parse(rest, {
    all: { type: 'boolean' },
    json: { type: 'boolean' },
    limit: { type: 'string' },
  });
  expectPositionals(positionals, 0, '');
  const rows = listItems(openMigratedDb(), { all: values.all, limit: parseLimit(values.limit) });
  if (values.json) console.log(JSON.stringify(rows, null, 2));
  else if (rows.length === 0) console.log('no events yet: run `ingest`, or `demo` to load the sample archive');
  else for (const r of rows) console.log(`${r.publishedAt.slice(0, 10)}  ${r.title}\n            ${r.url ?? ''} (${r.feedTitle ?? r.feedUrl})`);
  return 0;
}

async function demoCommand(args: string[]): Promise<number> {
  expectPositionals(parse(args).positionals, 0, '');
  const outcomes = await loadSampleArchive(openMigratedDb());
  const inserted = outcomes.reduce((n, o) => n + o.inserted, 0);
  const updated = outcomes.reduce((n, o) => n + o.updated, 0);
  console.log(`demo: loaded ${outcomes.length} sample feeds, ${inserted} new and ${updated} updated items`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'migrate':
      expectPositionals(parse(args).positionals, 0, '');
      openMigratedDb();
      console.log('database is up to date');
      return 0;
    case 'feeds':
      return feedsCommand(args);
    case 'ingest':
      return ingestCommand(args);
    case 'events':
      return eventsCommand(args);
    case 'demo':
      return demoCommand(args);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command: ${command}`);
  }
}

async function run(): Promise<void> {
  // A CLI user reads the summary line; per-feed warnings are for the worker's logs unless asked for.
  if (!process.env.LOG_LEVEL) log.level = 'error';
  // `cli feeds export | head` closes the pipe early; that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  let code: number;
  try {
    code = await main(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`error: ${err.message}\n\n${USAGE}`);
      code = 2;
    } else if (err instanceof FeedInputError || err instanceof OpmlError || err instanceof ConfigError || err instanceof LockHeldError) {
      console.error(`error: ${err.message}`);
      code = 1;
    } else {
      console.error(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      code = 1;
    }
  }
  closeDb();
  process.exitCode = code;
}

void run();
