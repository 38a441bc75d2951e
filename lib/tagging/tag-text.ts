import { EntityMatcher, isWeak, type EntityMatch } from './entity-matcher';
import type { Gazetteer } from './gazetteer';
import { BASE_SEVERITY, DOMAIN_TERMS, EVENT_TYPES, SEVERITY_CUES, TECH_GOODS, TYPE_CUES, TYPE_PRIORITY, type EventType } from './rules';
import { TermMatcher, type TermMatch, type TermMatches } from './term-matcher';
import { getTypeModel, type ModelDecision, type TypeModel } from './type-model';
import { AMBIGUOUS_DOMAIN, BACKGROUND_FACTOR, DIPLOMATIC_ACT_WEIGHT, PAIR_NEED_BITS, PAIR_RULES, STRUCTURE_TERMS } from './type-rules';

/** Bump when the rules change in a way that should show on re-tagged items. */
export const TAGGER_RULES_VERSION = 3;

/**
 * Relevant means enough evidence overall (`total`), and either semiconductor evidence (`domain`:
 * chip vocabulary or a chip company) or a measure aimed at a company of the supply chain (a named
 * gazetteer company plus a policy cue): Entity List news about Hikvision has no chip words in it.
 */
export const RELEVANCE_THRESHOLD = { domain: 2, total: 2.5, aimedAtCompany: 2, techControlDomain: 1 };
const CONTROL_TYPES = ['sanction', 'export-control', 'import-ban', 'investment-screening', 'tariff'] as const;
/** Semiconductor evidence, without the weak alias itself, that lets a weak alias count. */
const WEAK_ALIAS_CONTEXT = 3;
const CHIP_COMPANY_WEIGHT = 3;
const BUYER_COMPANY_WEIGHT = 1;
/** A type cue's weight in relevance: strong cues (weight ≥ 3) count 1, medium ones (≥ 1.5) count 0.5. */
const policyWeightOf = (cueWeight: number) => (cueWeight >= 3 ? 1 : cueWeight >= 1.2 ? 0.5 : 0);
const MAX_POLICY_CUES = 3;
const TITLE_WEIGHT = 1.5;
const MIN_TYPE_SCORE = 1;
/**
 * The rules decide the type when their best type scores at least `score` (one strong cue) and leads
 * the runner-up by at least `lead`; otherwise the word model (type-model.ts) decides.
 */
export const RULES_DECIDE = { score: 3, lead: 2 };
/** A consumer product review's headline: "Review: …", "X review: …", "X (review)". */
const PRODUCT_REVIEW = /^\s*review\b|\breview\s*[:|]|\(review\)/i;
/** A headline's main clause needs a strong cue (weight ≥ 3) before a background clause counts less. */
const BACKGROUND_MAIN_CUE = 3;

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
    /** Who chose the event type: the cue rules, or the word model when the rules were weak or close. */
    typeDecidedBy: 'rules' | 'model' | null;
    /** The word model's choice and its strongest words, when it was asked. */
    model?: ModelDecision;
    /** Sentence-level rules that fired (type-rules.ts), with the text that fired them. */
    rules: { rule: string; text: string; type?: EventType; weight?: number }[];
    severity: { term: string; delta: number }[];
  };
}

export class Tagger {
  readonly version: string;
  private readonly entities: EntityMatcher;
  private readonly terms = new TermMatcher();

  private readonly typeModel: TypeModel | null;

  /** `typeModel: null` gives the rules alone (for evaluation). */
  constructor(private readonly gazetteer: Gazetteer, options: { typeModel?: TypeModel | null } = {}) {
    this.typeModel = options.typeModel === undefined ? getTypeModel() : options.typeModel;
    this.entities = new EntityMatcher(gazetteer);
    this.version = `${TAGGER_RULES_VERSION}.${gazetteer.hash}`;
  }

  private isBuyer(companyId: string): boolean {
    return (this.gazetteer.companyById.get(companyId)?.segment ?? 'buyer-other').startsWith('buyer-');
  }

  /**
   * Written for the ingest path, where it runs once per item: loops in place of chains of array
   * methods, and no closures over its locals (each call would allocate their context). The order of
   * every list, and of the additions in every sum, is that of the plainer code it replaced: the
   * output must stay the same to the byte.
   */
  tag(input: TagInput): Tagging {
    const title = input.title ?? '';
    const summary = input.summary ?? '';
    const titleTerms = this.terms.matchField(title, 'title');
    const summaryTerms = this.terms.matchField(summary, 'summary');
    const rules: Tagging['explain']['rules'] = [];
    // Relevance evidence, each distinct term counted once; chip companies are added below.
    let domain: { term: string; weight: number }[] = [];
    addDomainTerms(domain, titleTerms.domain);
    addDomainTerms(domain, summaryTerms.domain);
    // Word sense: "chips" beside "casino" or "wafers" beside "ice cream" are not semiconductors,
    // unless something unambiguous (a weight-3 term) says the item is about chips after all.
    const sense = titleTerms.structure.find(isSense) ?? summaryTerms.structure.find(isSense);
    if (sense && !domain.some((d) => d.weight >= 3) && domain.some((d) => AMBIGUOUS_DOMAIN.has(d.term))) {
      rules.push({ rule: 'other word sense', text: sense.text });
      domain = domain.filter((d) => !AMBIGUOUS_DOMAIN.has(d.term));
    }
    // Technology goods ("laptops", "5G") count only beside a policy cue (any type cue of weight ≥ 1.2).
    const hasPolicyCue = titleTerms.type.some(isPolicyCue) || summaryTerms.type.some(isPolicyCue);
    if (!hasPolicyCue && domain.some(isTechGood)) domain = domain.filter(isNotTechGood);
    const termDomain = sumWeights(domain);
    // A weak alias ("Arm", "Lam") counts in an item that is plainly about chips without it.
    const found = this.entities.find(title, summary);
    const matches = found.some(isWeak) ? this.confirmWeak(found, termDomain) : found;

    const countries: string[] = [];
    const companyIds: string[] = [];
    for (const m of matches) {
      const ids = m.kind === 'country' ? countries : companyIds;
      if (!ids.includes(m.id)) ids.push(m.id);
    }
    const companies: Tagging['companies'] = [];
    for (const id of companyIds) companies.push({ id, name: this.gazetteer.companyById.get(id)?.name ?? id });

    const policy: { term: string; weight: number }[] = [];
    const chipCompanyIds: string[] = [];
    for (const id of companyIds) {
      if (this.isBuyer(id)) policy.push({ term: `company:${id}`, weight: BUYER_COMPANY_WEIGHT });
      else chipCompanyIds.push(id);
    }
    const typeScores = scoreTypes(title, titleTerms, summaryTerms, matches, rules);
    // Policy cues: type cue words, and the sentence-level rules that fired (each counts as a strong cue).
    const cues = policyCues(titleTerms.type, summaryTerms.type, rules);
    for (const c of cues) policy.push(c);
    const bodies: string[] = [];
    for (const m of matches) {
      if (bodies.length === 2) break;
      if (m.kind === 'country' && m.via === 'body' && !bodies.includes(m.text)) bodies.push(m.text);
    }
    for (const body of bodies) policy.push({ term: `body:${body}`, weight: 1 });
    // A chip company's name is semiconductor evidence only beside a second signal: a chip word, a
    // policy cue, a government body or a state. Alone it is as likely a product review ("Nikon Z6
    // III review"), a namesake ("Micron-thin gold leaf") or a common word ("Intel from birdwatchers").
    const corroborated = termDomain > 0 || cues.length > 0 || bodies.length > 0 || matches.some(isState);
    if (corroborated) for (const id of chipCompanyIds) domain.push({ term: `company:${id}`, weight: CHIP_COMPANY_WEIGHT });
    else if (chipCompanyIds.length) rules.push({ rule: 'company named alone', text: chipCompanyIds.join(', ') });

    const domainScore = sumWeights(domain);
    const relevance = round(domainScore + sumWeights(policy));
    // A measure aimed at a named company. A disruption cue (drought, fire, storm) at a buyer such as
    // Amazon or Ford needs some technology evidence besides: disruptions matter when they stop chip
    // or materials output, not when they strand river communities.
    const aimedAtCompany =
      companyIds.length > 0 &&
      cues.length > 0 &&
      (chipCompanyIds.length > 0 || termDomain > 0 || !allDisruptionOnly(cues, rules)) &&
      relevance >= RELEVANCE_THRESHOLD.aimedAtCompany;
    // A technology-trade measure (Entity List, export control, import ban, investment screening)
    // touching technology goods is relevant even when the story names no chip or company.
    const techControl =
      domainScore >= RELEVANCE_THRESHOLD.techControlDomain && relevance >= RELEVANCE_THRESHOLD.total && anyControlCue(cues, rules);
    // A product review ("Nikon Z6 III review: …", "Review: …") is consumer news, whatever chips it
    // mentions, unless a measure is named in it (a strong policy cue or a sentence rule). The regex
    // (case-insensitive, ASCII letters only) cannot match a title whose lowercase lacks "review".
    const review = titleTerms.lower.includes('review') ? PRODUCT_REVIEW.exec(title) : null;
    const productReview = review !== null && !cues.some(isStrongCue);
    if (productReview) rules.push({ rule: 'product review', text: review[0] });
    const relevant =
      !productReview &&
      ((domainScore >= RELEVANCE_THRESHOLD.domain && relevance >= RELEVANCE_THRESHOLD.total) || aimedAtCompany || techControl);

    let eventType = relevant ? pickType(typeScores) : 'other';
    let typeDecidedBy: Tagging['explain']['typeDecidedBy'] = relevant ? 'rules' : null;
    let model: ModelDecision | undefined;
    if (relevant && this.typeModel) {
      const best = topScore(typeScores, 0);
      const second = topScore(typeScores, 1);
      if (best < RULES_DECIDE.score || best - second < RULES_DECIDE.lead) {
        model = this.typeModel.classify(title, summary);
        eventType = model.type;
        typeDecidedBy = 'model';
      }
    }

    const severityCues: { term: string; delta: number }[] = [];
    addSeverityCues(severityCues, titleTerms.severity);
    addSeverityCues(severityCues, summaryTerms.severity);
    let deltas = 0;
    for (const c of severityCues) deltas += c.delta;
    const severity = relevant ? clamp(BASE_SEVERITY[eventType] + deltas, 0.05, 1) : 0;

    // Two literals rather than a spread, for the same key order without the intermediate object.
    const explain: Tagging['explain'] = model
      ? { domain, policy, typeScores, typeDecidedBy, model, rules, severity: severityCues }
      : { domain, policy, typeScores, typeDecidedBy, rules, severity: severityCues };
    return { relevant, relevance, countries, companies, eventType, severity: round(severity, 2), matches, explain };
  }

  /** The matches with weak aliases and ambiguous names dropped unless confirmed (a method: `tag` keeps no closure). */
  private confirmWeak(found: EntityMatch[], termDomain: number): EntityMatch[] {
    return this.entities.confirmWeak(found, (strong) => {
      const chipCompanies = unique(strong.filter((m) => m.kind === 'company' && !this.isBuyer(m.id)).map((m) => m.id));
      return termDomain + CHIP_COMPANY_WEIGHT * chipCompanies.length >= WEAK_ALIAS_CONTEXT;
    });
  }
}

/** Each domain term not yet in `domain`, with its weight. */
function addDomainTerms(domain: { term: string; weight: number }[], found: readonly TermMatch[]): void {
  for (const t of found) if (!hasTerm(domain, t.term)) domain.push({ term: t.term, weight: DOMAIN_TERMS[t.term] });
}

function addSeverityCues(cues: { term: string; delta: number }[], found: readonly TermMatch[]): void {
  for (const t of found) if (!hasTerm(cues, t.term)) cues.push({ term: t.term, delta: SEVERITY_CUES[t.term] });
}

/**
 * The strongest MAX_POLICY_CUES policy cues: distinct type cue words (title first) that weigh
 * something in relevance, then the distinct sentence rules that fired with a type, by weight (ties
 * keep that order).
 */
function policyCues(titleCues: readonly TermMatch[], summaryCues: readonly TermMatch[], rules: Tagging['explain']['rules']): { term: string; weight: number }[] {
  const cues: { term: string; weight: number }[] = [];
  addPolicyCues(cues, titleCues);
  addPolicyCues(cues, summaryCues);
  const typeCues = cues.length;
  for (const r of rules) {
    if (!r.type) continue;
    const term = `rule:${r.rule}`;
    let repeated = false;
    for (let i = typeCues; i < cues.length; i++) if (cues[i].term === term) repeated = true;
    if (!repeated) cues.push({ term, weight: 1 });
  }
  sortByWeightDescending(cues);
  if (cues.length > MAX_POLICY_CUES) cues.length = MAX_POLICY_CUES;
  return cues;
}

/** A term's weight depends on the term alone: skipping a weightless one drops its repeats too, as a filter after de-duplication would. */
function addPolicyCues(cues: { term: string; weight: number }[], found: readonly TermMatch[]): void {
  for (const t of found) {
    if (hasTerm(cues, t.term)) continue;
    const weight = policyWeightOf(maxCueWeight(t.term));
    if (weight > 0) cues.push({ term: t.term, weight });
  }
}

/** Every cue only ever signals a supply disruption. */
function allDisruptionOnly(cues: { term: string }[], rules: Tagging['explain']['rules']): boolean {
  for (const c of cues) if (!isDisruptionOnly(c.term, rules)) return false;
  return true;
}

/** Some cue is a technology-trade measure: a strong cue of a control type, or a sentence rule of one. */
function anyControlCue(cues: { term: string; weight: number }[], rules: Tagging['explain']['rules']): boolean {
  for (const c of cues) {
    if (c.weight < 1) continue;
    for (const type of CONTROL_TYPES) if ((TYPE_CUES[type][c.term] ?? 0) >= 3) return true;
    for (const r of rules) if (`rule:${r.rule}` === c.term && (CONTROL_TYPES as readonly string[]).includes(r.type ?? '')) return true;
  }
  return false;
}

function hasTerm(list: { term: string }[], term: string): boolean {
  for (const x of list) if (x.term === term) return true;
  return false;
}

function isTechGood(d: { term: string }): boolean {
  return TECH_GOODS.has(d.term);
}

function isNotTechGood(d: { term: string }): boolean {
  return !TECH_GOODS.has(d.term);
}

function isStrongCue(c: { weight: number }): boolean {
  return c.weight >= 1;
}

/**
 * Stable insertion sort, heaviest first (what `sort((a, b) => b.weight - a.weight)` gives): the
 * lists are a handful long, and Array#sort allocates a work array on every call.
 */
function sortByWeightDescending(list: { weight: number }[]): void {
  for (let i = 1; i < list.length; i++) {
    const x = list[i];
    let at = i;
    while (at > 0 && list[at - 1].weight < x.weight) {
      list[at] = list[at - 1];
      at--;
    }
    list[at] = x;
  }
}

/**
 * The highest (`rank` 0) or second highest (`rank` 1) type score, ties counted twice, 0 when there
 * are not that many: what `[best = 0, second = 0]` of the scores sorted high to low gives.
 */
function topScore(scores: Partial<Record<EventType, number>>, rank: 0 | 1): number {
  let best: number | undefined;
  let second: number | undefined;
  for (const type in scores) {
    const score = scores[type as EventType] as number;
    if (best === undefined || score > best) {
      second = best;
      best = score;
    } else if (second === undefined || score > second) second = score;
  }
  return (rank === 0 ? best : second) ?? 0;
}

/** Sums weights in list order, as `reduce` from 0 would (the order of floating-point additions shows in the output). */
function sumWeights(list: { weight: number }[]): number {
  let total = 0;
  for (const x of list) total += x.weight;
  return total;
}

/**
 * Cue weights per type (a title cue counts TITLE_WEIGHT times, one in a headline's background
 * clause BACKGROUND_FACTOR times), plus the sentence-level rules of type-rules.ts.
 */
function scoreTypes(
  title: string,
  titleTerms: TermMatches,
  summaryTerms: TermMatches,
  entities: EntityMatch[],
  rules: Tagging['explain']['rules'],
): Partial<Record<EventType, number>> {
  const scores: Partial<Record<EventType, number>> = {};
  // The headline's structure words by role: government actors, speech and meeting acts, clause markers.
  let hasActor = false;
  let hasAct = false;
  for (const t of titleTerms.structure) {
    const role = STRUCTURE_TERMS[t.term];
    if (role === 'actor') hasActor = true;
    else if (role === 'speech' || role === 'meeting') hasAct = true;
  }

  // Background clause: the first "after", "amid", "over" … that follows a strong cue.
  let background = Infinity;
  const firstCue = titleTerms.type.find(isMainCue);
  if (firstCue) {
    let marker: TermMatch | undefined;
    for (const t of titleTerms.structure) {
      if (t.start > firstCue.start && STRUCTURE_TERMS[t.term] === 'background') {
        marker = t;
        break;
      }
    }
    if (marker) {
      background = marker.start;
      rules.push({ rule: 'background clause', text: title.slice(marker.start) });
    }
  }

  const seen = SEEN;
  seen.clear();
  for (const cue of titleTerms.type) {
    if (seen.has(cue.term)) continue;
    seen.add(cue.term);
    const factor = cue.start > background ? BACKGROUND_FACTOR : TITLE_WEIGHT;
    addCueScores(scores, cue.term, factor);
  }
  seen.clear();
  for (const cue of summaryTerms.type) {
    if (seen.has(cue.term)) continue;
    seen.add(cue.term);
    addCueScores(scores, cue.term, 1);
  }

  // Diplomatic acts in the headline: a government actor speaks, or meets, agrees, visits.
  if (hasAct) diplomaticAct(titleTerms, entities, hasActor, rules, scores);

  // Word pairs: a restriction acting on an investment, a cut acting on output.
  pairRules(titleTerms, TITLE_WEIGHT, rules, scores);
  pairRules(summaryTerms, 1, rules, scores);
  return scores;
}

/** The word-pair rules that fire in one field's lowercased text, scored `factor` times their weight. */
function pairRules(terms: TermMatches, factor: number, rules: Tagging['explain']['rules'], scores: Partial<Record<EventType, number>>): void {
  let fired: Map<string, string> | undefined;
  for (let r = 0; r < PAIR_RULES.length; r++) {
    // The rule's cheap test (one of its `needs` occurs in the text), found by the term matcher's pass.
    if ((PAIR_NEED_BITS[r] & terms.pairNeeds) === 0) continue;
    const rule = PAIR_RULES[r];
    const m = rule.pattern.exec(terms.lower);
    if (m) (fired ??= new Map()).set(rule.name, m[0]);
  }
  if (!fired) return;
  for (const rule of PAIR_RULES) {
    const match = fired.get(rule.name);
    if (match === undefined || (rule.yieldsTo && fired.has(rule.yieldsTo))) continue;
    rules.push({ rule: rule.name, text: match, type: rule.type, weight: rule.weight });
    addScore(scores, rule.type, rule.weight * factor);
  }
}

/** The terms `scoreTypes` has counted in a field: one set reused, as the tagger runs one item at a time. */
const SEEN = new Set<string>();

/** A cue strong enough (weight ≥ BACKGROUND_MAIN_CUE) to make a headline's main clause. */
function isMainCue(c: TermMatch): boolean {
  return maxCueWeight(c.term) >= BACKGROUND_MAIN_CUE;
}

function diplomaticAct(
  titleTerms: TermMatches,
  entities: EntityMatch[],
  hasActor: boolean,
  rules: Tagging['explain']['rules'],
  scores: Partial<Record<EventType, number>>,
): void {
  const structure = titleTerms.structure;
  // Who is named in the headline, in order: government actors, states (by name or capital), companies.
  const actors = [
    ...structure.filter((t) => STRUCTURE_TERMS[t.term] === 'actor').map((t) => ({ start: t.start, gov: true })),
    ...entities
      .filter((m) => m.field === 'title' && (m.kind === 'company' || m.via === 'name' || m.via === 'capital'))
      .map((m) => ({ start: m.offset, gov: m.kind === 'country' })),
  ].sort((a, b) => a.start - b.start);
  const states = new Set(entities.filter((m) => m.field === 'title' && m.kind === 'country' && m.via !== 'place').map((m) => m.id));
  for (const act of structure) {
    const role = STRUCTURE_TERMS[act.term];
    if (role === 'speech') {
      // The speaker is the nearest actor before the verb: "Korea's Samsung warns" is Samsung speaking.
      const speaker = actors.filter((a) => a.start < act.start).pop();
      if (!speaker?.gov) continue;
      const weight = act.term === 'says' || act.term === 'said' || act.term === '表示' ? DIPLOMATIC_ACT_WEIGHT.says : DIPLOMATIC_ACT_WEIGHT.speech;
      rules.push({ rule: 'government speaks', text: act.text, type: 'diplomatic', weight });
      addScore(scores, 'diplomatic', weight * TITLE_WEIGHT);
      return;
    }
    if (role === 'meeting' && (hasActor || states.size >= 2)) {
      rules.push({ rule: 'government meets or agrees', text: act.text, type: 'diplomatic', weight: DIPLOMATIC_ACT_WEIGHT.meeting });
      addScore(scores, 'diplomatic', DIPLOMATIC_ACT_WEIGHT.meeting * TITLE_WEIGHT);
      return;
    }
  }
}

/** A type cue's weight for each type it cues, times `factor`. */
function addCueScores(scores: Partial<Record<EventType, number>>, term: string, factor: number): void {
  const list = CUE_TYPES.get(term);
  if (!list) return;
  // Indexed rather than destructured in a for-of: the iterator protocol allocated on every call.
  for (let i = 0; i < list.length; i++) addScore(scores, list[i][0], list[i][1] * factor);
}

function addScore(scores: Partial<Record<EventType, number>>, type: EventType, weight: number): void {
  scores[type] = round((scores[type] ?? 0) + weight, 2);
}

/** A country named as a state (name, capital, demonym, body), not a place or a common word. */
function isState(m: EntityMatch): boolean {
  return m.kind === 'country' && m.via !== 'place' && m.via !== 'ambiguous-name';
}

/** A relevance cue that only ever signals a supply disruption (a type cue, or a sentence rule). */
function isDisruptionOnly(term: string, rules: Tagging['explain']['rules']): boolean {
  if (term.startsWith('rule:')) return rules.every((r) => `rule:${r.rule}` !== term || r.type === 'supply-disruption');
  return (CUE_TYPES.get(term) ?? []).every(([type, weight]) => type === 'supply-disruption' || weight < 1.2);
}

function isSense(t: TermMatch): boolean {
  return STRUCTURE_TERMS[t.term] === 'sense';
}

/** Any type cue of weight ≥ 1.2 (what counts as a policy cue in relevance). */
function isPolicyCue(t: TermMatch): boolean {
  return maxCueWeight(t.term) >= 1.2;
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

// Cue weights by term, computed once: the highest weight of a term, and its weight for each type.
const CUE_MAX = new Map<string, number>();
const CUE_TYPES = new Map<string, [EventType, number][]>();
for (const type of EVENT_TYPES) {
  if (type === 'other') continue;
  for (const [term, weight] of Object.entries(TYPE_CUES[type])) {
    CUE_MAX.set(term, Math.max(CUE_MAX.get(term) ?? 0, weight));
    const list = CUE_TYPES.get(term) ?? [];
    list.push([type, weight]);
    CUE_TYPES.set(term, list);
  }
}

function maxCueWeight(term: string): number {
  return CUE_MAX.get(term) ?? 0;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
