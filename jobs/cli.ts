import { closeDb } from '../db';
import { ConfigError } from '../lib/config';
import { SubscriptionInputError } from '../lib/digest/subscription-error';
import { FeedInputError } from '../lib/feeds/manage-feeds';
import { OpmlError } from '../lib/feeds/opml';
import { LockHeldError } from '../lib/jobs/job-lock';
import { log } from '../lib/log';
import { GazetteerError } from '../lib/tagging/gazetteer';
import { TagInputError } from '../lib/tagging/manual-tags';
import { UsageError, expectPositionals, openMigratedDb, parse } from './cli-args';
import { demoCommand } from './commands/demo';
import { eventsCommand } from './commands/events';
import { exposureCommand } from './commands/exposure';
import { feedsCommand } from './commands/feeds';
import { ingestCommand } from './commands/ingest';
import { retagCommand } from './commands/retag';
import { tagCommand } from './commands/tag';
import { tagsCommand } from './commands/tags';
import { usersCommand } from './commands/users';
import { UserInputError } from '../lib/auth/users';

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
  demo                                 load the bundled sample archive
  tag                                  tag JSON Lines from stdin ({id,title,summary}); no database
  retag [--since DATE]                 re-run the tagger over stored items (manual tags kept)
  tags add --item <id> (--company <id> | --country <code>)
  tags remove --item <id> (--company <id> | --country <code>)
                                       correct an item's tags by hand
  exposure rebuild                     recompute every event, exposure score and country index
  exposure --company <id> [--from D] [--to D] [--json]
                                       a company's daily exposure and the ledger behind its last day
  digest subscribe --email E [--company ID ...] [--country CODE ...] [--region ID] [--watchlist]
                   [--type T ...] [--min-severity S] [--cadence daily|weekly] [--hour H] [--tz Area/City]
                   [--weekday 1-7] [--send-when-empty] [--alert-rise N] [--alert-severity S]
                                       subscribe an address to email digests (again: replaces its choices)
  digest list [--json] [--all]         subscriptions with their last delivery (--all: with unsubscribed ones)
  digest unsubscribe --email E         stop an address's digests and alerts
  digest preview --email E             print the text part of the next digest, as it would be sent now
  digest send [--now] [--dry-run] [--json]
                                       send every digest that is due (--now: the period in progress);
                                       exits 1 naming each send that failed
  users add --email E --role viewer|analyst|admin
                                       add an account; the password is read from stdin when it is
                                       not a terminal, otherwise a one-time password is printed
  users list [--json]                  accounts and their roles
  users role --email E --role R        change an account's role
  users remove --email E               remove an account, its sessions and tokens`;

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
    case 'tag':
      return tagCommand(args);
    case 'retag':
      return retagCommand(args);
    case 'tags':
      return tagsCommand(args);
    case 'exposure':
      return exposureCommand(args);
    case 'digest':
      // Loaded on demand: the mail stack (nodemailer and friends) is half a second no other command needs.
      return (await import('./commands/digest')).digestCommand(args);
    case 'users':
      return usersCommand(args);
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
    } else if (err instanceof FeedInputError || err instanceof OpmlError || err instanceof ConfigError || err instanceof LockHeldError || err instanceof TagInputError || err instanceof GazetteerError || err instanceof SubscriptionInputError || err instanceof UserInputError) {
      console.error(`error: ${err.message}`);
      code = 1;
    } else if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      // Another process held a write lock for longer than busy_timeout; the transaction rolled back.
      console.error('error: the database is locked by another process (waited 5 s); nothing was changed, try again');
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
