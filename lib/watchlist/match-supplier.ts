import type { Gazetteer } from '../tagging/gazetteer';
import type { Tagger } from '../tagging/tag-text';

export interface SupplierMatch {
  companyId: string;
  /** "name": the whole supplier name is a company's name or alias (legal suffixes aside); "mention": it contains exactly one. */
  how: 'name' | 'mention';
}

// Legal forms and filler that supplier lists add and the gazetteer leaves out.
const SUFFIXES = new Set(
  'inc incorporated corp corporation co company ltd limited plc llc lp ag se sa nv bv gmbh kg kk oyj ab asa spa srl pte pty bhd sdn holdings holding group the'.split(' '),
);

export function normaliseCompanyName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    // "N.V.", "S.A.", "Co.": dotted legal forms become one word before punctuation is dropped.
    .replace(/\./g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((w) => w && !SUFFIXES.has(w))
    .join(' ');
}

/** Exact names first, then a single company named inside the supplier name; otherwise no match. */
export class SupplierMatcher {
  private readonly byName = new Map<string, Set<string>>();

  constructor(
    gazetteer: Gazetteer,
    private readonly tagger: Tagger,
  ) {
    for (const c of gazetteer.companies) {
      for (const n of [c.id.replace(/-/g, ' '), c.name, ...c.aliases]) {
        const key = normaliseCompanyName(n);
        if (!key) continue;
        const ids = this.byName.get(key) ?? new Set();
        ids.add(c.id);
        this.byName.set(key, ids);
      }
    }
  }

  match(name: string): SupplierMatch | null {
    const exact = this.byName.get(normaliseCompanyName(name));
    if (exact?.size === 1) return { companyId: [...exact][0], how: 'name' };
    if (exact && exact.size > 1) return null;
    const found = this.tagger.tag({ title: name, summary: '' }).companies;
    return found.length === 1 ? { companyId: found[0].id, how: 'mention' } : null;
  }
}
