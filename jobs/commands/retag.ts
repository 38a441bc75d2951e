import { rebuildExposure } from '../../lib/exposure/update-exposure';
import { retagItems } from '../../lib/tagging/retag';
import { getTaggerFor } from '../../lib/tagging/tagger-instance';
import { expectPositionals, openMigratedDb, parse, parseDateFlag } from '../cli-args';

export async function retagCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { since: { type: 'string' } });
  expectPositionals(positionals, 0, '');
  const since = parseDateFlag('--since', values.since);
  const db = openMigratedDb();
  const tagger = getTaggerFor(db);
  const started = Date.now();
  const count = retagItems(db, tagger, {
    since,
    onProgress: process.stderr.isTTY ? (done, total) => process.stderr.write(`\rretag: ${done}/${total}`) : undefined,
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  // Clusters may have moved: every event and score is derived again.
  rebuildExposure(db);
  console.log(`retag: ${count} items tagged by tagger ${tagger.version}${since ? ` (published since ${since.toISOString().slice(0, 10)})` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}
