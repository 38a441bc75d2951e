import { AhoCorasick, onWordBoundaries } from './aho-corasick';
import { Hits } from './hits';
import type { Gazetteer } from './gazetteer';

export type EntityKind = 'company' | 'country';
/** How a country or company was named: the matched string's role in the gazetteer. */
export type Via = 'alias' | 'weak-alias' | 'name' | 'ambiguous-name' | 'demonym' | 'capital' | 'body' | 'place';
export type Field = 'title' | 'summary';

interface EntityPattern {
  kind: EntityKind | 'block';
  id: string;
  via: Via;
}

export interface EntityMatch {
  kind: EntityKind;
  id: string;
  via: Via;
  text: string;
  field: Field;
  offset: number;
}

/**
 * Finds companies and countries in a title and summary. One automaton holds every name, alias,
 * demonym, capital, agency and place, plus "blockers" (phrases such as "Carrie Lam" or "Tokyo
 * Electron" that contain a name but mean something else). Matching is case-sensitive because case
 * carries meaning (Micron/micron, Apple/apple), on word boundaries, leftmost-longest.
 */
export class EntityMatcher {
  private readonly automaton = new AhoCorasick<EntityPattern>();
  private readonly hits = new Hits();

  constructor(gazetteer: Gazetteer) {
    const add = (text: string, pattern: EntityPattern) => this.automaton.add(text.normalize('NFC'), pattern);
    for (const c of gazetteer.companies) {
      for (const a of c.aliases) add(a, { kind: 'company', id: c.id, via: 'alias' });
      for (const a of c.weakAliases) add(a, { kind: 'company', id: c.id, via: 'weak-alias' });
      for (const b of c.blockers) add(b, { kind: 'block', id: c.id, via: 'alias' });
    }
    for (const c of gazetteer.countries) {
      // A display name that is also a common word ("Chad", "Jordan") is listed as ambiguous instead.
      const ambiguous = new Set(c.ambiguousNames);
      for (const n of [c.name, ...c.names]) if (!ambiguous.has(n)) add(n, { kind: 'country', id: c.code, via: 'name' });
      for (const n of c.ambiguousNames) add(n, { kind: 'country', id: c.code, via: 'ambiguous-name' });
      for (const n of c.demonyms) add(n, { kind: 'country', id: c.code, via: 'demonym' });
      for (const n of c.capitals) add(n, { kind: 'country', id: c.code, via: 'capital' });
      for (const n of c.bodies) add(n, { kind: 'country', id: c.code, via: 'body' });
      for (const n of c.places) add(n, { kind: 'country', id: c.code, via: 'place' });
      for (const b of c.blockers) add(b, { kind: 'block', id: c.code, via: 'name' });
    }
    this.automaton.build();
  }

  /** Matches in one field, before the cross-field rules (weak and ambiguous names) are applied; appended to `out`. */
  matchField(text: string, field: Field, out: EntityMatch[] = []): EntityMatch[] {
    const hits = this.hits;
    this.automaton.scan(text, hits);
    let accepted = 0;
    for (let k = 0; k < hits.count; k++) if (onWordBoundaries(text, hits.start[k], hits.end[k])) hits.move(k, accepted++);
    hits.count = accepted;
    const kept = hits.selectLongest();
    for (let j = 0; j < kept; j++) {
      const k = hits.order[j];
      const p = this.automaton.payload(hits.pattern[k]);
      if (p.kind === 'block') continue;
      const start = hits.start[k];
      out.push({ kind: p.kind, id: p.id, via: p.via, text: text.slice(start, hits.end[k]), field, offset: start });
    }
    return out;
  }

  /**
   * Matches in title and summary. A weak alias ("Lam", "Arm") or an ambiguous country name
   * ("Jordan", "Chad") only counts when the same entity is also named unambiguously in the item,
   * or, for a weak company alias, when `inChipContext` says the item is plainly about chips.
   */
  match(title: string, summary: string, inChipContext: (strong: EntityMatch[]) => boolean = () => false): EntityMatch[] {
    return this.confirmWeak(this.find(title, summary), inChipContext);
  }

  /** Matches in title and summary, weak ones included (`match` in two steps). */
  find(title: string, summary: string): EntityMatch[] {
    const all = this.matchField(nfc(title), 'title');
    return this.matchField(nfc(summary), 'summary', all);
  }

  /** The matches of `find` without the weak ones that are not confirmed (see `match`). */
  confirmWeak(all: EntityMatch[], inChipContext: (strong: EntityMatch[]) => boolean): EntityMatch[] {
    if (!all.some(isWeak)) return all;
    const strong = all.filter((m) => !isWeak(m));
    const confirmed = new Set(strong.map((m) => `${m.kind}:${m.id}`));
    const chipContext = inChipContext(strong);
    return all.filter((m) => !isWeak(m) || confirmed.has(`${m.kind}:${m.id}`) || (m.via === 'weak-alias' && chipContext));
  }
}

/** A weak company alias or an ambiguous country name: it needs confirming (see `EntityMatcher.match`). */
export function isWeak(m: EntityMatch): boolean {
  return m.via === 'weak-alias' || m.via === 'ambiguous-name';
}

/** NFC form; ASCII text is its own NFC form, and checking that costs less than asking ICU. */
function nfc(text: string): string {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 128) return text.normalize('NFC');
  return text;
}
