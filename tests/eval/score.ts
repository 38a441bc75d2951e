/**
 * The scoring definitions of ../shared/eval/score_tagging.py, in TypeScript: relevance macro-F1
 * over both classes, company F1 on every item (traps must yield none), country F1 on items not
 * labelled off-topic, event-type accuracy on relevant items with types.
 */
export interface Label {
  id: string;
  title: string;
  summary: string;
  relevant: boolean | null;
  countries: string[];
  countries_opt: string[];
  companies: string[];
  companies_opt: string[];
  types: string[];
}

export interface Prediction {
  id: string | number;
  relevant: boolean;
  countries: string[];
  companies: ({ id: string; name?: string } | string)[];
  eventType: string;
}

export const FLOORS = { relevanceF1: 0.95, countriesF1: 0.92, companiesF1: 0.95, typeAccuracy: 0.85 };

const SUFFIX = /\b(inc|corp|corporation|co|company|ltd|limited|holdings?|group|plc|nv|n v|ag|se|sa|llc|technologies|technology)\b/g;

function norm(s: string): [string, string] {
  let t = s.toLowerCase().replace(/&/g, ' and ');
  t = t.replace(/[^a-z0-9 ]+/g, ' ');
  const t2 = t.replace(SUFFIX, ' ');
  return [t.split(/\s+/).filter(Boolean).join(' '), t2.split(/\s+/).filter(Boolean).join(' ')];
}

export function buildSlugResolver(aliases: Record<string, string[]>) {
  const aliasToSlug = new Map<string, string>();
  for (const [slug, names] of Object.entries(aliases)) {
    for (const n of [...names, slug.replace(/-/g, ' ')]) {
      for (const v of norm(n)) if (v && !aliasToSlug.has(v)) aliasToSlug.set(v, slug);
    }
  }
  return (c: { id?: string; name?: string } | string): string => {
    const candidates = typeof c === 'string' ? [c] : [c.id ?? '', c.name ?? ''];
    for (const cand of candidates) for (const v of norm(cand.replace(/-/g, ' '))) if (aliasToSlug.has(v)) return aliasToSlug.get(v)!;
    return `?${candidates[0] ?? ''}`;
  };
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export function prf({ tp, fp, fn }: Counts) {
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

export interface Score {
  relevance: Counts;
  offTopic: Counts;
  countries: Counts;
  companies: Counts;
  types: { correct: number; total: number };
  relevanceMacroF1: number;
  missing: string[];
  errors: string[];
}

export function score(labels: Label[], predictions: Prediction[], slugOf: ReturnType<typeof buildSlugResolver>): Score {
  const byId = new Map(predictions.map((p) => [String(p.id), p]));
  const rel: Counts = { tp: 0, fp: 0, fn: 0 };
  const neg: Counts = { tp: 0, fp: 0, fn: 0 };
  const cty: Counts = { tp: 0, fp: 0, fn: 0 };
  const com: Counts = { tp: 0, fp: 0, fn: 0 };
  const types = { correct: 0, total: 0 };
  const errors: string[] = [];
  for (const x of labels) {
    const p = byId.get(x.id);
    const pr = Boolean(p?.relevant);
    if (x.relevant !== null) {
      if (pr && x.relevant) rel.tp++;
      else if (pr && !x.relevant) rel.fp++;
      else if (!pr && x.relevant) rel.fn++;
      if (!pr && !x.relevant) neg.tp++;
      else if (!pr && x.relevant) neg.fp++;
      else if (pr && !x.relevant) neg.fn++;
    }
    const pc = new Set((p?.companies ?? []).map(slugOf));
    const need = new Set(x.companies);
    const ok = new Set([...x.companies, ...x.companies_opt]);
    const cfp = [...pc].filter((c) => !ok.has(c));
    const cfn = [...need].filter((c) => !pc.has(c));
    com.tp += [...pc].filter((c) => need.has(c)).length;
    com.fp += cfp.length;
    com.fn += cfn.length;
    let kfp: string[] = [];
    let kfn: string[] = [];
    let typeWrong = false;
    if (x.relevant !== false) {
      const pk = new Set((p?.countries ?? []).map((c) => String(c).toUpperCase()));
      const needc = new Set(x.countries);
      const okc = new Set([...x.countries, ...x.countries_opt]);
      kfp = [...pk].filter((c) => !okc.has(c));
      kfn = [...needc].filter((c) => !pk.has(c));
      cty.tp += [...pk].filter((c) => needc.has(c)).length;
      cty.fp += kfp.length;
      cty.fn += kfn.length;
      if (x.relevant && x.types.length) {
        types.total++;
        if (x.types.includes(String(p?.eventType ?? '').toLowerCase())) types.correct++;
        else typeWrong = true;
      }
    }
    if (cfp.length || cfn.length || kfp.length || kfn.length || typeWrong || (x.relevant !== null && pr !== x.relevant)) {
      errors.push(
        `${x.id}: rel ${pr}/${x.relevant} companies +[${cfp}] -[${cfn}] countries +[${kfp}] -[${kfn}] type ${p?.eventType}/${x.types[0] ?? ''}  | ${x.title}`,
      );
    }
  }
  return {
    relevance: rel,
    offTopic: neg,
    countries: cty,
    companies: com,
    types,
    relevanceMacroF1: (prf(rel).f1 + prf(neg).f1) / 2,
    missing: labels.filter((x) => !byId.has(x.id)).map((x) => x.id),
    errors,
  };
}
