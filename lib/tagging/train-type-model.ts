/**
 * `npx tsx lib/tagging/train-type-model.ts [--cv]`: trains the word model of type-model.ts on the
 * labelled development sets and writes lib/tagging/type-model.json. Bump TAGGER_RULES_VERSION in
 * tag-text.ts after retraining, so `retag` picks the new model up.
 *
 * `--cv` writes nothing and prints leave-one-set-out figures instead: for each held-out set, the
 * model is trained on every other set and the event-type accuracy of the rules alone, the model
 * alone and the two together (the shipped tagger) is measured on the held-out one.
 *
 * Only the sets below are read. A new labelled set is scored untuned first (docs/benchmarks.md),
 * and only then added here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getGazetteer } from './gazetteer';
import { Tagger } from './tag-text';
import { trainTypeModel, TypeModel } from './type-model';

const DIR = path.resolve(process.cwd(), 'tests/fixtures/tagging');
export const TRAINING_SETS = [
  'dev-tagging.jsonl', 'extra-tagging.jsonl', 'holdout-tagging.jsonl', 'holdout2-tagging.jsonl',
  'holdout3-tagging.jsonl', 'holdout4-tagging.jsonl', 'holdout5-tagging.jsonl', 'holdout6-tagging.jsonl',
  'holdout7-tagging.jsonl',
];
const OUT = path.resolve(process.cwd(), 'lib/tagging/type-model.json');

interface Labelled {
  id: string;
  title: string;
  summary: string;
  relevant: boolean | null;
  types: string[];
}

function read(file: string): Labelled[] {
  return fs
    .readFileSync(path.join(DIR, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Labelled);
}

function crossValidate(): void {
  const gazetteer = getGazetteer();
  const rulesAlone = new Tagger(gazetteer, { typeModel: null });
  const sums = { rules: [0, 0], model: [0, 0], hybrid: [0, 0] };
  for (const held of TRAINING_SETS.filter((f) => f.startsWith('holdout'))) {
    const train = TRAINING_SETS.filter((f) => f !== held);
    const model = new TypeModel(trainTypeModel(train.flatMap(read), train));
    const hybrid = new Tagger(gazetteer, { typeModel: model });
    const counts = { rules: 0, model: 0, hybrid: 0 };
    const test = read(held).filter((x) => x.relevant === true && x.types.length > 0);
    for (const x of test) {
      const byRules = rulesAlone.tag(x);
      if (x.types.includes(byRules.eventType)) counts.rules++;
      if (x.types.includes(model.classify(x.title, x.summary).type)) counts.model++;
      if (x.types.includes(hybrid.tag(x).eventType)) counts.hybrid++;
    }
    for (const k of ['rules', 'model', 'hybrid'] as const) {
      sums[k][0] += counts[k];
      sums[k][1] += test.length;
    }
    const f = (n: number) => (n / test.length).toFixed(3);
    console.log(`${held.padEnd(24)} rules alone ${f(counts.rules)}  model alone ${f(counts.model)}  rules + model ${f(counts.hybrid)}  (${test.length} typed items)`);
  }
  const f = ([a, b]: number[]) => (a / b).toFixed(3);
  console.log(`${'all held-out sets'.padEnd(24)} rules alone ${f(sums.rules)}  model alone ${f(sums.model)}  rules + model ${f(sums.hybrid)}`);
  console.log('(the rules were tuned on every set, so "rules alone" is optimistic here; the model is not)');
}

// Runs only as a script, not when imported.
const invoked = path.basename(process.argv[1] ?? '').startsWith('train-type-model');
if (invoked && process.argv.includes('--cv')) crossValidate();
else if (invoked) {
  const model = trainTypeModel(TRAINING_SETS.flatMap(read), TRAINING_SETS);
  // One feature a line, so a retrained model reads as a diff.
  const { words, ...header } = model;
  const head = JSON.stringify(header, null, 2).slice(0, -2);
  const body = Object.entries(words).map(([w, counts]) => `    ${JSON.stringify(w)}: ${JSON.stringify(counts)}`).join(',\n');
  fs.writeFileSync(OUT, `${head},\n  "words": {\n${body}\n  }\n}\n`);
  console.log(`wrote ${path.relative(process.cwd(), OUT)}: ${model.items} items, ${Object.keys(model.words).length} features. Bump TAGGER_RULES_VERSION.`);
}
