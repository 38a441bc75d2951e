import { findFeed } from '../../lib/feeds/manage-feeds';
import { runIngest } from '../../lib/feeds/run-ingest';
import { refreshExposure } from '../../lib/exposure/refresh-exposure';
import { UsageError, expectPositionals, openMigratedDb, parse } from '../cli-args';
import { formatIngestSummary, progressLine } from '../ingest-output';

export async function ingestCommand(args: string[]): Promise<number> {
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
  // As the job runner does: what was stored counts in exposure at once.
  if (summary.inserted + summary.updated > 0) refreshExposure(db);
  if (values.json) console.log(JSON.stringify(summary, null, 2));
  else console.log(formatIngestSummary(summary));
  return 0;
}

