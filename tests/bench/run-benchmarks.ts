import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Parser from 'rss-parser';
import { documentWorkerBundle } from '../../lib/feeds/document-preparer';
import { writeCorpus } from './corpus';
import { runScaleBench } from './scale-bench';
import { measureTagging, textsFromFeeds } from './tagging-throughput';

/**
 * `npm run bench`: prints figures, asserts nothing. Targets are compared here and recorded in
 * docs/benchmarks.md with the date and machine.
 */
const FEEDS = Number(process.env.BENCH_FEEDS ?? 100);
const ITEMS_PER_FEED = Number(process.env.BENCH_ITEMS_PER_FEED ?? 500);
const ROOT = path.resolve(__dirname, '../..');

async function parserAlone(files: string[]): Promise<{ items: number; seconds: number }> {
  const parser = new Parser();
  const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
  const started = process.hrtime.bigint();
  let items = 0;
  for (const text of texts) items += (await parser.parseString(text)).items.length;
  return { items, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

async function startServer(dir: string): Promise<{ port: number; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'serve-corpus.ts'), dir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve) => child.stdout!.once('data', (d) => resolve(Number(String(d).trim()))));
  return { port, stop: () => child.kill('SIGTERM') };
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'chipwatch-bench-'));
  try {
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
    // BENCH_SKIP_INGEST=1 runs the million-item dashboard benchmark alone (no ingest or tagger figures).
    if (process.env.BENCH_SKIP_INGEST === '1') return await runScaleBench(work);
    console.log(`corpus: ${FEEDS} feeds × ${ITEMS_PER_FEED} items = ${FEEDS * ITEMS_PER_FEED} items (RSS 2.0, HTML descriptions)`);
    const files = writeCorpus(path.join(work, 'corpus'), FEEDS, ITEMS_PER_FEED);
    const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
    console.log(`corpus size: ${(bytes / 2 ** 20).toFixed(1)} MiB`);

    // The ingest's worker thread loads from a bundle that the first run after a code change builds
    // (lib/feeds/worker-bundle.ts, ~70 ms): made here, as the job runner's first run would have.
    const bundle = documentWorkerBundle();
    console.log(`document worker: ${bundle.ok ? (bundle.built ? 'bundle built' : 'bundle up to date') : `not bundled (${bundle.error}), loaded through tsx`}`);
    const server = await startServer(path.join(work, 'corpus'));
    let ingest: { items: number; failed: number; seconds: number; itemsPerSecond: number; peakRssMiB: number };
    try {
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', path.join(__dirname, 'ingest-corpus.ts'), path.join(work, 'bench.db'), String(server.port), String(FEEDS)],
        { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent' }, encoding: 'utf8' },
      );
      if (child.status !== 0) throw new Error(`ingest child failed: ${child.stderr}`);
      ingest = JSON.parse(child.stdout.trim().split('\n').pop()!);
    } finally {
      server.stop();
    }

    // Parser alone, same corpus, same run (after the ingest child so the two never share a core).
    await parserAlone(files.slice(0, 5)); // warm up the JIT
    const parsed = await parserAlone(files);
    const parserRate = parsed.items / parsed.seconds;

    const ratio = ingest.itemsPerSecond / parserRate;
    console.log('');
    console.log('ingest (fetch → decode → parse → normalise → store), end to end:');
    console.log(`  items stored:        ${ingest.items} (${ingest.failed} feeds failed)`);
    console.log(`  time:                ${ingest.seconds.toFixed(2)} s`);
    console.log(`  throughput:          ${Math.round(ingest.itemsPerSecond).toLocaleString('en-US')} items/s`);
    console.log(`  peak RSS:            ${ingest.peakRssMiB.toFixed(0)} MiB   (target < 400 MiB: ${ingest.peakRssMiB < 400 ? 'met' : 'MISSED'})`);
    console.log('rss-parser parseString alone, same corpus:');
    console.log(`  throughput:          ${Math.round(parserRate).toLocaleString('en-US')} items/s`);
    console.log(`ratio end-to-end / parser: ${(ratio * 100).toFixed(1)}%   (target ≥ 25%: ${ratio >= 0.25 ? 'met' : 'MISSED'})`);

    // Tagger alone, this process, one core: on the generated corpus and on real-language text
    // (the labelled sets and the sample archive, repeated to get a stable timing).
    const corpusTexts = await textsFromFeeds(files);
    const corpusRate = measureTagging(corpusTexts);
    const labelled = fs
      .readdirSync(path.join(ROOT, 'tests/fixtures/tagging'))
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) => fs.readFileSync(path.join(ROOT, 'tests/fixtures/tagging', f), 'utf8').split('\n').filter(Boolean))
      .map((l) => JSON.parse(l) as { title: string; summary: string });
    const realTexts = Array.from({ length: 100 }, () => labelled).flat();
    const realRate = measureTagging(realTexts);
    console.log('tagger alone (relevance, countries, companies, type, severity), one core:');
    console.log(`  generated corpus:    ${Math.round(corpusRate.itemsPerSecond).toLocaleString('en-US')} items/s   (target ≥ 20,000: ${corpusRate.itemsPerSecond >= 20_000 ? 'met' : 'MISSED'})`);
    console.log(`  labelled news ×100:  ${Math.round(realRate.itemsPerSecond).toLocaleString('en-US')} items/s   (${realRate.items} items)`);

    // BENCH_SKIP_SCALE=1 leaves out the million-item dashboard benchmark (a few minutes).
    if (process.env.BENCH_SKIP_SCALE !== '1') await runScaleBench(work);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
