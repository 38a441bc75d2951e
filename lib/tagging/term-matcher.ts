import { AhoCorasick, isWordCharAt, onWordBoundaries, startsOnWordBoundary } from './aho-corasick';
import { Hits } from './hits';
import { DOMAIN_TERMS, DOMAIN_TRAPS, SEVERITY_CUES, TYPE_CUES, TYPE_TRAPS } from './rules';
import { PAIR_NEEDS, STRUCTURE_TERMS } from './type-rules';
import type { Field } from './entity-matcher';

export interface TermMatch {
  /** The rule key as written in rules.ts (with its `*` if it has one). */
  term: string;
  field: Field;
  text: string;
  /** Offset in the field's text. */
  start: number;
}

/** Read-only: a group without matches is one empty array shared by every field. */
export interface TermMatches {
  domain: readonly TermMatch[];
  type: readonly TermMatch[];
  severity: readonly TermMatch[];
  /** Words with a role in the sentence-level rules of type-rules.ts (actors, acts, clause markers, senses). */
  structure: readonly TermMatch[];
  /** The field's text, lowercased (what the terms were matched in). */
  lower: string;
  /** Which of the substrings pair rules need (PAIR_NEEDS of type-rules.ts) occur in `lower`, as bits. */
  pairNeeds: number;
}

interface TermPattern {
  term: string;
  prefix: boolean;
  /** The groups the term belongs to (a term can be a domain word and a type cue at once). */
  domain?: boolean;
  type?: boolean;
  severity?: boolean;
  structure?: boolean;
  /** 'domain': hides domain words inside it; 'type': hides type cues inside it. */
  trap: false | 'domain' | 'type';
  /** A substring a pair rule needs (anywhere, even inside a word): its bit in `pairNeeds`. */
  need?: number;
}

/**
 * Finds the vocabulary of rules.ts in lowercased text, in one automaton pass per field. Traps take
 * part in the leftmost-longest selection and then drop out, taking the words inside them along.
 */
export class TermMatcher {
  private readonly automaton = new AhoCorasick<TermPattern>();
  /** Per pattern number: WORD, PREFIX, TRAP or NEED. */
  private readonly kindOf: Uint8Array;
  /** Per pattern number: the groups it takes part in (bits DOMAIN, TYPE, SEVERITY, STRUCTURE). */
  private readonly groupsOf: Uint8Array;
  private readonly hits = new Hits();
  private readonly reach = new Int32Array(GROUPS);
  private readonly found: (TermMatch[] | undefined)[] = new Array<undefined>(GROUPS).fill(undefined);

  constructor() {
    const keys = new Set<string>([...Object.keys(DOMAIN_TERMS), ...Object.keys(SEVERITY_CUES), ...Object.keys(STRUCTURE_TERMS)]);
    for (const cues of Object.values(TYPE_CUES)) for (const k of Object.keys(cues)) keys.add(k);
    for (const key of keys) {
      const prefix = key.endsWith('*');
      this.automaton.add(prefix ? key.slice(0, -1) : key, {
        term: key,
        prefix,
        trap: false,
        domain: key in DOMAIN_TERMS,
        type: TYPE_TERMS.has(key),
        severity: key in SEVERITY_CUES,
        structure: key in STRUCTURE_TERMS,
      });
    }
    for (const trap of DOMAIN_TRAPS) this.automaton.add(trap, { term: trap, prefix: false, trap: 'domain' });
    for (const trap of TYPE_TRAPS) this.automaton.add(trap, { term: trap, prefix: false, trap: 'type' });
    // The pair rules' quick test rides along in the same pass (a dozen `includes` per field cost more).
    PAIR_NEEDS.forEach((need, i) => this.automaton.add(need, { term: need, prefix: false, trap: false, need: 1 << i }));
    this.automaton.build();
    const count = this.automaton.patternCount;
    this.kindOf = new Uint8Array(count);
    this.groupsOf = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const p = this.automaton.payload(i);
      this.kindOf[i] = p.need ? NEED : p.trap ? TRAP : p.prefix ? PREFIX : WORD;
      if (p.trap === 'domain') this.groupsOf[i] = DOMAIN;
      else if (p.trap === 'type') this.groupsOf[i] = TYPE;
      else this.groupsOf[i] = (p.domain ? DOMAIN : 0) | (p.type ? TYPE : 0) | (p.severity ? SEVERITY : 0) | (p.structure ? STRUCTURE : 0);
    }
  }

  /**
   * Domain words, type cues and severity cues are selected separately: "to the entity list" (a
   * severity cue) must not hide "entity list" (a sanction cue) just because it is longer.
   */
  matchField(text: string, field: Field): TermMatches {
    const lower = text.toLowerCase();
    const hits = this.hits;
    this.automaton.scan(lower, hits);
    let accepted = 0;
    let pairNeeds = 0;
    for (let k = 0; k < hits.count; k++) {
      const kind = this.kindOf[hits.pattern[k]];
      if (kind === NEED) {
        pairNeeds |= this.automaton.payload(hits.pattern[k]).need ?? 0;
        continue;
      }
      const start = hits.start[k];
      const prefix = kind === PREFIX;
      if (!(prefix ? startsOnWordBoundary(lower, start) : onWordBoundaries(lower, start, hits.end[k]))) continue;
      hits.move(k, accepted);
      // A prefix term ("subsid*") covers the rest of its word, so it competes fairly for the longest match.
      if (prefix) {
        let end = hits.end[k];
        while (end < lower.length && isWordCharAt(lower, end)) end++;
        hits.end[accepted] = end;
      }
      accepted++;
    }
    hits.count = accepted;
    // Each group is selected on its own, leftmost-longest, in one pass over the hits in that order;
    // traps take part and then drop out.
    const found = this.found.fill(undefined);
    const reach = this.reach.fill(-1);
    const order = hits.sortLeftmostLongest();
    for (let j = 0; j < accepted; j++) {
      const k = order[j];
      const pattern = hits.pattern[k];
      const mask = this.groupsOf[pattern];
      const start = hits.start[k];
      let match: TermMatch | undefined;
      for (let g = 0; g < GROUPS; g++) {
        if ((mask & (1 << g)) === 0 || start < reach[g]) continue;
        reach[g] = hits.end[k];
        if (this.kindOf[pattern] === TRAP) continue;
        // One object for all the groups that keep the match: they are only ever read.
        match ??= { term: this.automaton.payload(pattern).term, field, text: text.slice(start, hits.end[k]), start };
        (found[g] ??= []).push(match);
      }
    }
    return { domain: found[0] ?? EMPTY, type: found[1] ?? EMPTY, severity: found[2] ?? EMPTY, structure: found[3] ?? EMPTY, lower, pairNeeds };
  }
}

const GROUPS = 4;
// The groups, as bits of `TermMatcher.groupsOf`.
const DOMAIN = 1;
const TYPE = 2;
const SEVERITY = 4;
const STRUCTURE = 8;
// Kinds of pattern: a whole word, a prefix ("subsid*") that runs on to the end of its word, a trap,
// a pair rule's need.
const WORD = 0;
const PREFIX = 1;
const TRAP = 2;
const NEED = 3;
// Not frozen: with a frozen array among the plain ones, V8 stopped optimising the for-of loops over
// them and allocated an iterator result per step (measured, about 1 KiB per item).
const EMPTY: readonly TermMatch[] = [];

const TYPE_TERMS = new Set(Object.values(TYPE_CUES).flatMap((cues) => Object.keys(cues)));
