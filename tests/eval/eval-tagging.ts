import fs from 'node:fs';
import path from 'node:path';
import { getGazetteer } from '../../lib/tagging/gazetteer';
import { getTagger } from '../../lib/tagging/tagger-instance';
import { buildSlugResolver, FLOORS, prf, score, type Label, type Prediction, type Score } from './score';

/**
 * `npm run eval:tagging [-- --verbose]`: scores the tagger on the labelled sets in
 * tests/fixtures/tagging (the shared dev set, copied, and our own extra set) and prints precision,
 * recall and F1 per tag kind, per set and overall. Exits 1 when the overall figures miss the floors.
 */
const DIR = path.resolve(__dirname, '../fixtures/tagging');
const SETS = ['dev-tagging.jsonl', 'extra-tagging.jsonl', 'holdout-tagging.jsonl', 'holdout2-tagging.jsonl', 'holdout3-tagging.jsonl', 'holdout4-tagging.jsonl', 'holdout5-tagging.jsonl'];
const verbose = process.argv.includes('--verbose');

function readLabels(file: string): Label[] {
  return fs
    .readFileSync(path.join(DIR, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Label);
}

function predict(labels: Label[]): Prediction[] {
  const tagger = getTagger();
  return labels.map((x) => ({ id: x.id, ...tagger.tag({ title: x.title, summary: x.summary }) }));
}

function report(name: string, s: Score): void {
  const line = (kind: string, c: { tp: number; fp: number; fn: number }) => {
    const { precision, recall, f1 } = prf(c);
    return `  ${kind.padEnd(10)} precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}  F1 ${f1.toFixed(3)}  (tp ${c.tp} fp ${c.fp} fn ${c.fn})`;
  };
  console.log(`${name}`);
  console.log(line('relevant', s.relevance));
  console.log(line('off-topic', s.offTopic));
  console.log(`  relevance macro-F1 ${s.relevanceMacroF1.toFixed(3)}`);
  console.log(line('countries', s.countries));
  console.log(line('companies', s.companies));
  console.log(`  event type accuracy ${(s.types.total ? s.types.correct / s.types.total : 0).toFixed(3)} (${s.types.correct}/${s.types.total})`);
  if (verbose) for (const e of s.errors) console.log(`    ${e}`);
}

const aliases = JSON.parse(fs.readFileSync(path.join(DIR, 'aliases.json'), 'utf8')) as Record<string, string[]>;
// Our own gazetteer ids resolve to themselves, for companies the shared alias table does not list.
for (const c of getGazetteer().companies) aliases[c.id] ??= [c.name];
const slugOf = buildSlugResolver(aliases);

const all: Label[] = [];
// `-- --sets a.jsonl,b.jsonl` scores other labelled files in the same folder (a new held-out set, say).
const setsArg = process.argv.indexOf('--sets');
const chosen = setsArg >= 0 ? (process.argv[setsArg + 1] ?? '').split(',').filter(Boolean) : SETS;
const sets = chosen.filter((f) => fs.existsSync(path.join(DIR, f)));
if (sets.length !== chosen.length) {
  console.error(`no such labelled set in tests/fixtures/tagging: ${chosen.filter((f) => !sets.includes(f)).join(', ')}`);
  process.exit(2);
}
for (const file of sets) {
  const labels = readLabels(file);
  all.push(...labels);
  report(`${file} (${labels.length} items)`, score(labels, predict(labels), slugOf));
}
const overall = score(all, predict(all), slugOf);
if (sets.length > 1) report(`all sets (${all.length} items)`, overall);

const figures = {
  relevanceF1: overall.relevanceMacroF1,
  countriesF1: prf(overall.countries).f1,
  companiesF1: prf(overall.companies).f1,
  typeAccuracy: overall.types.total ? overall.types.correct / overall.types.total : 0,
};
const short = Object.entries(FLOORS).filter(([k, floor]) => figures[k as keyof typeof figures] < floor).map(([k]) => k);
console.log(`${short.length ? 'BELOW FLOOR' : 'ok'} ${Object.entries(figures).map(([k, v]) => `${k}=${v.toFixed(3)}`).join(' ')}${short.length ? ` short: ${short.join(', ')}` : ''}`);
process.exitCode = short.length ? 1 : 0;
