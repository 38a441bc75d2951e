import { loadSampleArchive } from '../../lib/feeds/load-sample';
import { refreshExposure } from '../../lib/exposure/refresh-exposure';
import { expectPositionals, openMigratedDb, parse } from '../cli-args';

export async function demoCommand(args: string[]): Promise<number> {
  expectPositionals(parse(args).positionals, 0, '');
  const db = openMigratedDb();
  const outcomes = await loadSampleArchive(db);
  refreshExposure(db);
  const inserted = outcomes.reduce((n, o) => n + o.inserted, 0);
  const updated = outcomes.reduce((n, o) => n + o.updated, 0);
  console.log(`demo: loaded ${outcomes.length} sample feeds, ${inserted} new and ${updated} updated items`);
  return 0;
}

