import { AhoCorasick, isWordChar, onWordBoundaries, selectLongest, startsOnWordBoundary, type RawMatch } from './aho-corasick';
import { DOMAIN_TERMS, DOMAIN_TRAPS, SEVERITY_CUES, TYPE_CUES, TYPE_TRAPS } from './rules';
import { STRUCTURE_TERMS } from './type-rules';
import type { Field } from './entity-matcher';

export interface TermMatch {
  /** The rule key as written in rules.ts (with its `*` if it has one). */
  term: string;
  field: Field;
  text: string;
  /** Offset in the field's text. */
  start: number;
}

export interface TermMatches {
  domain: TermMatch[];
  type: TermMatch[];
  severity: TermMatch[];
  /** Words with a role in the sentence-level rules of type-rules.ts (actors, acts, clause markers, senses). */
  structure: TermMatch[];
  /** The field's text, lowercased (what the terms were matched in). */
  lower: string;
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
}


/**
 * Finds the vocabulary of rules.ts in lowercased text, in one automaton pass per field. Traps take
 * part in the leftmost-longest selection and then drop out, taking the words inside them along.
 */
export class TermMatcher {
  private readonly automaton = new AhoCorasick<TermPattern>();

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
    this.automaton.build();
  }

  /**
   * Domain words, type cues and severity cues are selected separately: "to the entity list" (a
   * severity cue) must not hide "entity list" (a sanction cue) just because it is longer.
   */
  matchField(text: string, field: Field): TermMatches {
    const lower = text.toLowerCase();
    const candidates = this.automaton.search(lower, (start, end, p) =>
      p.prefix ? startsOnWordBoundary(lower, start) : onWordBoundaries(lower, start, end),
    );
    // A prefix term ("subsid*") covers the rest of its word, so it competes fairly for the longest match.
    for (const m of candidates) if (m.payload.prefix) while (m.end < lower.length && isWordChar(lower[m.end])) m.end++;
    // Each group is selected on its own (one pass sorts the candidates into the groups).
    const groups: RawMatch<TermPattern>[][] = [[], [], [], []];
    for (const m of candidates) {
      const p = m.payload;
      if (p.trap === 'domain') groups[0].push(m);
      else if (p.trap === 'type') groups[1].push(m);
      else {
        if (p.domain) groups[0].push(m);
        if (p.type) groups[1].push(m);
        if (p.severity) groups[2].push(m);
        if (p.structure) groups[3].push(m);
      }
    }
    return {
      domain: pick(groups[0], field, text),
      type: pick(groups[1], field, text),
      severity: pick(groups[2], field, text),
      structure: pick(groups[3], field, text),
      lower,
    };
  }
}

/** Leftmost-longest within one group; traps take part and then drop out. */
function pick(group: RawMatch<TermPattern>[], field: Field, text: string): TermMatch[] {
  if (group.length === 0) return [];
  return selectLongest(group)
    .filter((m) => !m.payload.trap)
    .map((m) => ({ term: m.payload.term, field, text: text.slice(m.start, m.end), start: m.start }));
}

const TYPE_TERMS = new Set(Object.values(TYPE_CUES).flatMap((cues) => Object.keys(cues)));
