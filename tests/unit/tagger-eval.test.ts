import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getGazetteer } from '../../lib/tagging/gazetteer';
import { getTagger } from '../../lib/tagging/tagger-instance';
import { buildSlugResolver, prf, score, type Label } from '../eval/score';

const DIR = path.resolve(__dirname, '../fixtures/tagging');
const read = (file: string) =>
  fs.readFileSync(path.join(DIR, file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Label);

/**
 * A regression guard: the tagger must keep the figures the tagging issue asks for on the labelled
 * sets it was developed against. (Figures on the held-out set are reported by `npm run eval:tagging`.)
 */
/**
 * The figures on these sets when the rules and the word model were last changed (round 7, with
 * held-out 6 and 7 added: relevance 0.998, countries 0.984, companies 0.991, event type 0.990), minus a
 * small margin (countries lower: held-out 7 names more places the gazetteer misses). They are optimistic
 * by construction (the rules were tuned and the word model trained on these sets): they guard
 * against regressions, they do not measure the tagger (docs/benchmarks.md does).
 */
const DEV_FLOORS = { relevanceF1: 0.98, countriesF1: 0.975, companiesF1: 0.98, typeAccuracy: 0.97 };

describe('tagger quality on the labelled development sets', () => {
  // Sets the rules were developed against and the word model trained on (a new held-out set stays
  // out until it has been scored untuned: it measures, not guards).
  const labels = [
    'dev-tagging.jsonl', 'extra-tagging.jsonl', 'holdout-tagging.jsonl', 'holdout2-tagging.jsonl',
    'holdout3-tagging.jsonl', 'holdout4-tagging.jsonl', 'holdout5-tagging.jsonl', 'holdout6-tagging.jsonl',
    'holdout7-tagging.jsonl',
  ].flatMap(read);
  const aliases = JSON.parse(fs.readFileSync(path.join(DIR, 'aliases.json'), 'utf8')) as Record<string, string[]>;
  for (const c of getGazetteer().companies) aliases[c.id] ??= [c.name];
  const tagger = getTagger();
  const result = score(labels, labels.map((x) => ({ id: x.id, ...tagger.tag(x) })), buildSlugResolver(aliases));

  it('has enough labelled items, traps included', () => {
    expect(labels.length).toBeGreaterThanOrEqual(570);
    expect(labels.filter((x) => x.relevant === false).length).toBeGreaterThanOrEqual(40);
  });

  it.each([
    ['relevance macro-F1', () => result.relevanceMacroF1, DEV_FLOORS.relevanceF1],
    ['countries F1', () => prf(result.countries).f1, DEV_FLOORS.countriesF1],
    ['companies F1', () => prf(result.companies).f1, DEV_FLOORS.companiesF1],
    ['event-type accuracy', () => result.types.correct / result.types.total, DEV_FLOORS.typeAccuracy],
  ])('%s stays at or above its floor', (_name, figure, floor) => {
    expect(figure()).toBeGreaterThanOrEqual(floor);
  });
});
