/**
 * The word model behind the event type when the rules are unsure: a multinomial naive Bayes over
 * the words of the title and summary (binary counts, title words counted twice: once as words and
 * once as title words), trained offline on the labelled sets by `train-type-model.ts` and stored
 * as plain counts in `type-model.json`. Every decision it makes is listed with the words that
 * weighed most for the chosen type against the runner-up.
 */
import { EVENT_TYPES, type EventType } from './rules';
import stored from './type-model.json';

export type ModelType = Exclude<EventType, 'other'>;
export const MODEL_TYPES = EVENT_TYPES.filter((t): t is ModelType => t !== 'other');

export interface TypeModelFile {
  _about: string;
  alpha: number;
  secondaryLabelWeight: number;
  trainedOn: string[];
  items: number;
  /** Per type: weighted number of training items, and weighted number of (item, word) pairs. */
  classes: Record<ModelType, { items: number; words: number }>;
  /** Per feature: weighted number of training items of each type that contain it. */
  words: Record<string, Partial<Record<ModelType, number>>>;
}

export interface ModelDecision {
  type: ModelType;
  probability: number;
  /** The features that weighed most for `type` against the runner-up, with their log-odds. */
  words: { word: string; weight: number }[];
}

// A few words that carry no event type. The labelled texts are short, so the list stays short.
const STOP = new Set(
  'the a an of to in on for and with by at from as is its it that this be are was were will would has have had after over into than then but or not no new more up out about under says said us u.s'.split(' '),
);
const CJK_START = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+|[\p{L}][\p{L}\p{N}'’-]*/gu;
const LETTER = /[\p{L}\p{N}]/u;

/** A crude English stemmer: enough to fold "tariffs", "sanctioned", "probing" onto their stems. */
function stem(word: string): string {
  let w = word.endsWith("'s") || word.endsWith('’s') ? word.slice(0, -2) : word;
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && w.endsWith('es') && (w.endsWith('sses') || w.endsWith('xes') || w.endsWith('ches') || w.endsWith('shes'))) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  return w;
}

/** Lowercased, stemmed words; Chinese and Japanese runs become character pairs. */
export function words(text: string): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase();
  let i = 0;
  while (i < lower.length) {
    const code = lower.charCodeAt(i);
    if (code < 128) {
      // ASCII fast path: a word starts with a letter and runs on through letters, digits, ' and -.
      if (code >= 97 && code <= 122) {
        let j = i + 1;
        while (j < lower.length) {
          const c = lower.charCodeAt(j);
          if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39 || c === 45 || c === 0x2019) j++;
          else if (c >= 128 && LETTER.test(lower[j])) j++;
          else break;
        }
        push(lower.slice(i, j), out);
        i = j;
      } else i++;
      continue;
    }
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(lower);
    if (!m) break;
    if (m.index > i && lower.charCodeAt(m.index) < 128) {
      i = m.index;
      continue;
    }
    push(m[0], out);
    i = m.index + m[0].length;
  }
  return out;
}

function push(w: string, out: string[]): void {
  if (w.charCodeAt(0) >= 0x3040 && CJK_START.test(w[0])) {
    if (w.length === 1) out.push(w);
    for (let i = 0; i + 1 < w.length; i++) out.push(w.slice(i, i + 2));
  } else if (w.length > 1 && !STOP.has(w)) out.push(stem(w));
}

/** The model's features of an item: each distinct word, and each distinct title word again as `T:word`. */
export function features(title: string, summary: string): string[] {
  const t = words(title);
  return [...new Set([...t, ...words(summary), ...t.map((w) => `T:${w}`)])];
}

interface Row {
  /** Per type: log P(feature | type). */
  logp: Float64Array;
  /** The last classification that counted this feature (features count once per item). */
  stamp: number;
}

export class TypeModel {
  private readonly prior: Float64Array;
  /** Plain words, and title words (the `T:` features), kept apart so lookups need no string building. */
  private readonly rows = new Map<string, Row>();
  private readonly titleRows = new Map<string, Row>();
  private stamp = 0;

  constructor(readonly file: TypeModelFile) {
    const n = MODEL_TYPES.length;
    const vocabulary = Object.keys(file.words).length;
    const totalItems = MODEL_TYPES.reduce((a, t) => a + (file.classes[t]?.items ?? 0), 0);
    this.prior = new Float64Array(n);
    const logDenominator = new Float64Array(n);
    MODEL_TYPES.forEach((t, i) => {
      this.prior[i] = Math.log(((file.classes[t]?.items ?? 0) + 1) / (totalItems + n));
      logDenominator[i] = Math.log((file.classes[t]?.words ?? 0) + file.alpha * vocabulary);
    });
    for (const [feature, counts] of Object.entries(file.words)) {
      const logp = new Float64Array(n);
      MODEL_TYPES.forEach((t, i) => (logp[i] = Math.log((counts[t] ?? 0) + file.alpha) - logDenominator[i]));
      if (feature.startsWith('T:')) this.titleRows.set(feature.slice(2), { logp, stamp: 0 });
      else this.rows.set(feature, { logp, stamp: 0 });
    }
  }

  /** Adds a feature's row to the scores, once per item (a row remembers the last item that counted it). */
  private count(row: Row | undefined, name: string, stamp: number, scores: Float64Array, known: Row[], names: string[]): void {
    if (!row || row.stamp === stamp) return;
    row.stamp = stamp;
    known.push(row);
    names.push(name);
    const logp = row.logp;
    for (let i = 0; i < logp.length; i++) scores[i] += logp[i];
  }

  classify(title: string, summary: string): ModelDecision {
    const n = MODEL_TYPES.length;
    const scores = new Float64Array(this.prior);
    const titleWords = words(title);
    const summaryWords = words(summary);
    const known: Row[] = [];
    const names: string[] = [];
    const stamp = ++this.stamp;
    for (const w of titleWords) this.count(this.rows.get(w), w, stamp, scores, known, names);
    for (const w of summaryWords) this.count(this.rows.get(w), w, stamp, scores, known, names);
    const plain = known.length;
    for (const w of titleWords) this.count(this.titleRows.get(w), w, stamp, scores, known, names);
    let best = 0;
    let second = -1;
    for (let i = 1; i < n; i++) {
      if (scores[i] > scores[best]) {
        second = best;
        best = i;
      } else if (second < 0 || scores[i] > scores[second]) second = i;
    }
    let z = 0;
    for (let i = 0; i < n; i++) z += Math.exp(scores[i] - scores[best]);
    // The strongest words for the chosen type against the runner-up, at most EVIDENCE of them.
    const evidence: { word: string; weight: number }[] = [];
    for (let k = 0; k < known.length; k++) {
      const weight = known[k].logp[best] - known[k].logp[second];
      if (weight <= 0 || (evidence.length === EVIDENCE && weight <= evidence[EVIDENCE - 1].weight)) continue;
      let at = evidence.length < EVIDENCE ? evidence.length : EVIDENCE - 1;
      while (at > 0 && evidence[at - 1].weight < weight) at--;
      evidence.splice(at, 0, { word: k >= plain ? `T:${names[k]}` : names[k], weight });
      if (evidence.length > EVIDENCE) evidence.pop();
    }
    for (const e of evidence) e.weight = round(e.weight);
    return { type: MODEL_TYPES[best], probability: round(1 / z), words: evidence };
  }
}

const EVIDENCE = 6;

/** Trains a model from labelled items (relevant ones with types; the first type counts 1, others `secondaryLabelWeight`). */
export function trainTypeModel(
  items: { title: string; summary: string; relevant: boolean | null; types: string[] }[],
  trainedOn: string[],
  alpha = 0.5,
  secondaryLabelWeight = 0.5,
): TypeModelFile {
  const classes = Object.fromEntries(MODEL_TYPES.map((t) => [t, { items: 0, words: 0 }])) as TypeModelFile['classes'];
  const table: Record<string, Partial<Record<ModelType, number>>> = {};
  let count = 0;
  for (const x of items) {
    if (x.relevant !== true) continue;
    const labels = x.types.filter((t): t is ModelType => (MODEL_TYPES as string[]).includes(t));
    if (!labels.length) continue;
    count++;
    const fs = features(x.title, x.summary);
    labels.forEach((label, i) => {
      const w = i === 0 ? 1 : secondaryLabelWeight;
      if (!w) return;
      classes[label].items += w;
      classes[label].words += w * fs.length;
      for (const f of fs) {
        const row = (table[f] ??= {});
        row[label] = (row[label] ?? 0) + w;
      }
    });
  }
  const sorted = Object.fromEntries(Object.keys(table).sort().map((k) => [k, table[k]]));
  return {
    _about:
      'Word counts per event type for the naive Bayes fallback of lib/tagging/type-model.ts. Generated by `npx tsx lib/tagging/train-type-model.ts`; do not edit by hand.',
    alpha,
    secondaryLabelWeight,
    trainedOn,
    items: count,
    classes,
    words: sorted,
  };
}

let cached: TypeModel | undefined;
/** The stored model (type-model.json next to this file). */
export function getTypeModel(): TypeModel {
  cached ??= new TypeModel(stored as unknown as TypeModelFile);
  return cached;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
