import { AhoCorasick, isWordChar, onWordBoundaries, selectLongest, startsOnWordBoundary } from './aho-corasick';
import { DOMAIN_TERMS, DOMAIN_TRAPS, SEVERITY_CUES, TYPE_CUES } from './rules';
import type { Field } from './entity-matcher';

export interface TermMatch {
  /** The rule key as written in rules.ts (with its `*` if it has one). */
  term: string;
  field: Field;
  text: string;
}

export interface TermMatches {
  domain: TermMatch[];
  type: TermMatch[];
  severity: TermMatch[];
}

interface TermPattern {
  term: string;
  prefix: boolean;
  trap: boolean;
}


/**
 * Finds the vocabulary of rules.ts in lowercased text, in one automaton pass per field. Traps take
 * part in the leftmost-longest selection and then drop out, taking the words inside them along.
 */
export class TermMatcher {
  private readonly automaton = new AhoCorasick<TermPattern>();

  constructor() {
    const keys = new Set<string>([...Object.keys(DOMAIN_TERMS), ...Object.keys(SEVERITY_CUES)]);
    for (const cues of Object.values(TYPE_CUES)) for (const k of Object.keys(cues)) keys.add(k);
    for (const key of keys) {
      const prefix = key.endsWith('*');
      this.automaton.add(prefix ? key.slice(0, -1) : key, { term: key, prefix, trap: false });
    }
    for (const trap of DOMAIN_TRAPS) this.automaton.add(trap, { term: trap, prefix: false, trap: true });
    this.automaton.build();
  }

  /**
   * Domain words, type cues and severity cues are selected separately: "to the entity list" (a
   * severity cue) must not hide "entity list" (a sanction cue) just because it is longer.
   */
  matchField(text: string, field: Field): TermMatches {
    const lower = text.toLowerCase();
    const candidates = this.automaton
      .search(lower)
      .filter((m) =>
        m.payload.prefix ? startsOnWordBoundary(lower, m.start) : onWordBoundaries(lower, m.start, m.end),
      )
      .map((m) => {
        if (!m.payload.prefix) return m;
        // A prefix term ("subsid*") covers the rest of its word, so it competes fairly for the longest match.
        while (m.end < lower.length && isWordChar(lower[m.end])) m.end++;
        return m;
      });
    const pick = (inGroup: (p: TermPattern) => boolean) =>
      selectLongest(candidates.filter((m) => inGroup(m.payload)))
        .filter((m) => !m.payload.trap)
        .map((m) => ({ term: m.payload.term, field, text: text.slice(m.start, m.end) }));
    return {
      domain: pick((p) => p.trap || p.term in DOMAIN_TERMS),
      type: pick((p) => TYPE_TERMS.has(p.term)),
      severity: pick((p) => p.term in SEVERITY_CUES),
    };
  }
}

const TYPE_TERMS = new Set(Object.values(TYPE_CUES).flatMap((cues) => Object.keys(cues)));
