import { describe, expect, it } from 'vitest';
import { EntityMatcher } from '../../lib/tagging/entity-matcher';
import { getGazetteer } from '../../lib/tagging/gazetteer';
import { TermMatcher } from '../../lib/tagging/term-matcher';
import { PAIR_NEEDS, PAIR_NEED_BITS, PAIR_RULES } from '../../lib/tagging/type-rules';

const terms = new TermMatcher();
const entities = new EntityMatcher(getGazetteer());

describe('TermMatcher', () => {
  it.each([
    'US bans American investment in Chinese chip firms',
    'Outbound INVESTMENT rules; shipments halted; licences needed for imports',
    'reinvestments, stakeholders, pipelines, permitting, salesforce', // needs count inside words too
    'Nothing here',
    '',
    '美国限制对华出口 export',
  ])('reports which pair-rule needs occur: %j', (text) => {
    const { pairNeeds, lower } = terms.matchField(text, 'title');
    PAIR_NEEDS.forEach((need, i) => expect([need, (pairNeeds >> i) & 1]).toEqual([need, lower.includes(need) ? 1 : 0]));
    PAIR_RULES.forEach((rule, r) => expect((PAIR_NEED_BITS[r] & pairNeeds) !== 0).toBe(rule.needs.some((n) => lower.includes(n))));
  });

  it('runs a prefix term on to the end of its word, and keeps the text as written', () => {
    const found = terms.matchField('Beijing SUBSIDISES fabs', 'summary');
    const subsidy = found.domain.concat(found.type).find((t) => t.term.startsWith('subsid'));
    expect(subsidy).toMatchObject({ text: 'SUBSIDISES', start: 8, field: 'summary' });
  });

  it('reports a term that ends the text, and none that the text cuts short', () => {
    expect(terms.matchField('Added to the entity list', 'title').type.map((t) => t.term)).toContain('entity list');
    expect(terms.matchField('Added to the entity lis', 'title').type.map((t) => t.term)).not.toContain('entity list');
  });

  it('gives fields without matches empty groups', () => {
    const found = terms.matchField('', 'title');
    expect([found.domain, found.type, found.severity, found.structure, found.pairNeeds]).toEqual([[], [], [], [], 0]);
  });
});

describe('EntityMatcher', () => {
  it('matches text in any normal form, and text that is plain ASCII as it is', () => {
    const decomposed = 'Cote d’Ivoire'.replace('o', 'o\u0302'); // ô as o + combining circumflex
    expect(entities.find(decomposed, '').map((m) => [m.id, m.text])).toEqual([['CI', 'Côte d’Ivoire']]);
    expect(entities.find('Montre\u0301al and Tokyo Electron', 'TSMC').map((m) => [m.field, m.id, m.offset])).toEqual([
      ['title', 'CA', 0],
      ['title', 'tokyo-electron', 13],
      ['summary', 'tsmc', 0],
    ]);
  });

  it('keeps a blocker out and the longest name in', () => {
    expect(entities.find('Carrie Lam meets Lam Research', '').map((m) => m.id)).toEqual(['lam-research']);
  });
});
