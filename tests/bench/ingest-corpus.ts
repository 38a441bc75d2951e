import { migrateDb, openDb } from '../../db';
import { feeds } from '../../db/schema';
import { runIngest } from '../../lib/feeds/run-ingest';

/**
 * Child process of the benchmark: ingests the served corpus into a fresh database and reports
 * throughput and this process's peak RSS as one JSON line.
 */
async function main(): Promise<void> {
  const [dbFile, port, feedCount] = process.argv.slice(2);
  const db = openDb(dbFile);
  migrateDb(db);
  const rows = Array.from({ length: Number(feedCount) }, (_, f) => ({
    url: `http://127.0.0.${1 + (f % 10)}:${port}/feed-${f}.xml`,
  }));
  db.insert(feeds).values(rows).run();
  const started = process.hrtime.bigint();
  const summary = await runIngest(db, { allowPrivate: true, concurrency: 4 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.$client.close();
  process.stdout.write(
    `${JSON.stringify({
      feeds: summary.feeds,
      failed: summary.failed,
      items: summary.inserted,
      seconds,
      itemsPerSecond: summary.inserted / seconds,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
    })}\n`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
