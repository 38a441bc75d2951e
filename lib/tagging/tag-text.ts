import { EntityMatcher, type EntityMatch } from './entity-matcher';
import type { Gazetteer } from './gazetteer';
import { BASE_SEVERITY, DOMAIN_TERMS, EVENT_TYPES, SEVERITY_CUES, TYPE_CUES, TYPE_PRIORITY, type EventType } from './rules';
import { TermMatcher, type TermMatch } from './term-matcher';

/** Bump when the rules change in a way that should show on re-tagged items. */
export const TAGGER_RULES_VERSION = 1;

/**
 * Relevant means enough evidence overall (`total`), and either semiconductor evidence (`domain`:
 * chip vocabulary or a chip company) or a measure aimed at a company of the supply chain (a named
 * gazetteer company plus a policy cue): Entity List news about Hikvision has no chip words in it.
 */
export const RELEVANCE_THRESHOLD = { domain: 2, total: 2.5, aimedAtCompany: 2, techControlDomain: 1 };
const CONTROL_TYPES = ['sanction', 'export-control', 'import-ban', 'investment-screening'] as const;
/** Semiconductor evidence, without the weak alias itself, that lets a weak alias count. */
const WEAK_ALIAS_CONTEXT = 3;
const CHIP_COMPANY_WEIGHT = 3;
const BUYER_COMPANY_WEIGHT = 1;
/** A type cue's weight in relevance: strong cues (weight ≥ 3) count 1, medium ones (≥ 1.5) count 0.5. */
const policyWeightOf = (cueWeight: number) => (cueWeight >= 3 ? 1 : cueWeight >= 1.2 ? 0.5 : 0);
const MAX_POLICY_CUES = 3;
const TITLE_WEIGHT = 1.5;
const MIN_TYPE_SCORE = 1;

export interface TagInput {
  title: string;
  summary: string;
}

export interface Tagging {
  relevant: boolean;
  relevance: number;
  countries: string[];
  companies: { id: string; name: string }[];
  eventType: EventType;
  severity: number;
  matches: EntityMatch[];
  /** Why: every contribution behind relevance, type and severity. */
  explain: {
    domain: { term: string; weight: number }[];
    policy: { term: string; weight: number }[];
    typeScores: Partial<Record<EventType, number>>;
    severity: { term: string; delta: number }[];
  };
}

export class Tagger {
  readonly version: string;
  private readonly entities: EntityMatcher;
  private readonly terms = new TermMatcher();

  constructor(private readonly gazetteer: Gazetteer) {
    this.entities = new EntityMatcher(gazetteer);
    this.version = `${TAGGER_RULES_VERSION}.${gazetteer.hash}`;
  }

  private isBuyer(companyId: string): boolean {
    return (this.gazetteer.companyById.get(companyId)?.segment ?? 'buyer-other').startsWith('buyer-');
  }

  tag(input: TagInput): Tagging {
    const title = input.title ?? '';
    const summary = input.summary ?? '';
    const titleTerms = this.terms.matchField(title, 'title');
    const summaryTerms = this.terms.matchField(summary, 'summary');
    // Relevance evidence, each distinct term counted once; chip companies are added below.
    const domain = unique([...titleTerms.domain, ...summaryTerms.domain].map((t) => t.term)).map((term) => ({
      term,
      weight: DOMAIN_TERMS[term],
    }));
    const termDomain = sum(domain.map((d) => d.weight));
    // A weak alias ("Arm", "Lam") counts in an item that is plainly about chips without it.
    const matches = this.entities.match(title, summary, (strong) => {
      const chipCompanies = unique(strong.filter((m) => m.kind === 'company' && !this.isBuyer(m.id)).map((m) => m.id));
      return termDomain + CHIP_COMPANY_WEIGHT * chipCompanies.length >= WEAK_ALIAS_CONTEXT;
    });

    const countries = unique(matches.filter((m) => m.kind === 'country').map((m) => m.id));
    const companyIds = unique(matches.filter((m) => m.kind === 'company').map((m) => m.id));
    const companies = companyIds.map((id) => ({ id, name: this.gazetteer.companyById.get(id)?.name ?? id }));

    const policy: { term: string; weight: number }[] = [];
    for (const id of companyIds) {
      if (this.isBuyer(id)) policy.push({ term: `company:${id}`, weight: BUYER_COMPANY_WEIGHT });
      else domain.push({ term: `company:${id}`, weight: CHIP_COMPANY_WEIGHT });
    }
    const cues = unique([...titleTerms.type, ...summaryTerms.type].map((t) => t.term))
      .map((term) => ({ term, weight: policyWeightOf(maxCueWeight(term)) }))
      .filter((c) => c.weight > 0)
      .sort((a, b) => b.weight - a.weight)
      .slice(0, MAX_POLICY_CUES);
    policy.push(...cues);
    const bodies = unique(matches.filter((m) => m.kind === 'country' && m.via === 'body').map((m) => m.text)).slice(0, 2);
    for (const body of bodies) policy.push({ term: `body:${body}`, weight: 1 });

    const domainScore = sum(domain.map((d) => d.weight));
    const relevance = round(domainScore + sum(policy.map((p) => p.weight)));
    const aimedAtCompany = companyIds.length > 0 && cues.length > 0 && relevance >= RELEVANCE_THRESHOLD.aimedAtCompany;
    // A technology-trade measure (Entity List, export control, import ban, investment screening)
    // touching technology goods is relevant even when the story names no chip or company.
    const techControl =
      domainScore >= RELEVANCE_THRESHOLD.techControlDomain &&
      relevance >= RELEVANCE_THRESHOLD.total &&
      cues.some((c) => c.weight >= 1 && CONTROL_TYPES.some((type) => (TYPE_CUES[type][c.term] ?? 0) >= 3));
    const relevant = (domainScore >= RELEVANCE_THRESHOLD.domain && relevance >= RELEVANCE_THRESHOLD.total) || aimedAtCompany || techControl;

    const typeScores = scoreTypes(titleTerms.type, summaryTerms.type);
    const eventType = relevant ? pickType(typeScores) : 'other';

    const severityCues = unique([...titleTerms.severity, ...summaryTerms.severity].map((t) => t.term)).map((term) => ({
      term,
      delta: SEVERITY_CUES[term],
    }));
    const severity = relevant ? clamp(BASE_SEVERITY[eventType] + sum(severityCues.map((c) => c.delta)), 0.05, 1) : 0;

    return {
      relevant,
      relevance,
      countries,
      companies,
      eventType,
      severity: round(severity, 2),
      matches,
      explain: { domain, policy, typeScores, severity: severityCues },
    };
  }
}

function scoreTypes(titleCues: TermMatch[], summaryCues: TermMatch[]): Partial<Record<EventType, number>> {
  const scores: Partial<Record<EventType, number>> = {};
  const seen = new Set<string>();
  for (const [cues, factor] of [[titleCues, TITLE_WEIGHT], [summaryCues, 1]] as const) {
    for (const cue of cues) {
      const key = `${cue.field}:${cue.term}`;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const type of EVENT_TYPES) {
        if (type === 'other') continue;
        const weight = TYPE_CUES[type][cue.term];
        if (weight) scores[type] = round((scores[type] ?? 0) + weight * factor, 2);
      }
    }
  }
  return scores;
}

function pickType(scores: Partial<Record<EventType, number>>): EventType {
  let best: EventType = 'other';
  let bestScore = MIN_TYPE_SCORE - 1e-9;
  for (const type of TYPE_PRIORITY) {
    const score = scores[type] ?? 0;
    if (score > bestScore) {
      best = type;
      bestScore = score;
    }
  }
  return best;
}

function maxCueWeight(term: string): number {
  let max = 0;
  for (const cues of Object.values(TYPE_CUES)) max = Math.max(max, cues[term] ?? 0);
  return max;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
