import { AhoCorasick, onWordBoundaries, selectLongest } from './aho-corasick';
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

  /** Matches in one field, before the cross-field rules (weak and ambiguous names) are applied. */
  matchField(text: string, field: Field): EntityMatch[] {
    const candidates = this.automaton.search(text, (start, end) => onWordBoundaries(text, start, end));
    const result: EntityMatch[] = [];
    for (const m of selectLongest(candidates)) {
      if (m.payload.kind === 'block') continue;
      result.push({
        kind: m.payload.kind,
        id: m.payload.id,
        via: m.payload.via,
        text: text.slice(m.start, m.end),
        field,
        offset: m.start,
      });
    }
    return result;
  }

  /**
   * Matches in title and summary. A weak alias ("Lam", "Arm") or an ambiguous country name
   * ("Jordan", "Chad") only counts when the same entity is also named unambiguously in the item,
   * or, for a weak company alias, when `inChipContext` says the item is plainly about chips.
   */
  match(title: string, summary: string, inChipContext: (strong: EntityMatch[]) => boolean = () => false): EntityMatch[] {
    const all = [...this.matchField(title.normalize('NFC'), 'title'), ...this.matchField(summary.normalize('NFC'), 'summary')];
    const isWeak = (m: EntityMatch) => m.via === 'weak-alias' || m.via === 'ambiguous-name';
    const strong = all.filter((m) => !isWeak(m));
    if (strong.length === all.length) return all;
    const confirmed = new Set(strong.map((m) => `${m.kind}:${m.id}`));
    const chipContext = inChipContext(strong);
    return all.filter((m) => !isWeak(m) || confirmed.has(`${m.kind}:${m.id}`) || (m.via === 'weak-alias' && chipContext));
  }
}
