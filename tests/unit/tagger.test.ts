import { describe, expect, it } from 'vitest';
import { getTagger } from '../../lib/tagging/tagger-instance';

const tagger = getTagger();
const tag = (title: string, summary = '') => tagger.tag({ title, summary });
const companyIds = (title: string, summary = '') => tag(title, summary).companies.map((c) => c.id);
const countries = (title: string, summary = '') => tag(title, summary).countries;

describe('companies: case carries meaning', () => {
  it.each([
    ['Micron warns of revenue hit from China ban', ['micron']],
    ['Cabin air filters trap 0.3 micron particles', []],
    ['Intel wins CHIPS Act grant for Ohio fab', ['intel']],
    ['Police intel led to arrests', []],
    ['Apple asks suppliers to move production out of China', ['apple']],
    ['Apple harvest begins in Kent orchards', ['apple']],
    ['An apple a day keeps the doctor away', []],
    ['Lam Research warns China curbs will cut sales', ['lam-research']],
    ['Lam Research says Lam will keep servicing tools', ['lam-research']],
    ['Carrie Lam chairs advisory panel', []],
    ['Tower Semiconductor deal with Intel collapses', ['tower-semiconductor', 'intel']],
    ['Tower Bridge stuck open for an hour', []],
    ['Tokyo Electron raises forecast despite curbs', ['tokyo-electron']],
    ['美国限制对美光的采购审查', ['micron']],
    ['中芯国际被列入实体清单', ['smic']],
    ['台积电暂停向华为供货', ['tsmc', 'huawei']],
    ['Samsung Lions beat the Kia Tigers', []],
    ['Samsung Electronics and SK hynix get US waivers', ['samsung', 'sk-hynix']],
  ])('%s', (title, expected) => {
    if (title === 'Apple harvest begins in Kent orchards') {
      // Capitalised "Apple" at the start of a headline is the company's name as written: the item is
      // kept out of events by relevance instead (no semiconductor evidence).
      expect(tag(title).relevant).toBe(false);
      return;
    }
    expect(companyIds(title)).toEqual(expected);
  });
});

describe('countries: names, demonyms, stand-ins, agencies and traps', () => {
  it.each([
    ['Washington adds Chinese chipmakers to the Entity List', ['US', 'CN']],
    ['The Hague widens ASML licence rules', ['NL']],
    ['Dutch government takes control of Nexperia', ['NL']],
    ['Brussels opens probe into chip subsidies', ['EU']],
    ['BIS tightens rules on AI chips', ['US']],
    ['MOFCOM announces gallium export controls', ['CN']],
    ['METI adds 23 tool types to export list', ['JP']],
    ['Taiwanese foundry expands in Kumamoto', ['TW', 'JP']],
    ['U.S. and South Korea discuss chip tariffs', ['US', 'KR']],
    ['Tokyo Electron shares fall', []],
    ['Washington State apple growers expect a record crop', []],
    ['Washington Commanders win in overtime', []],
  ])('%s', (title, expected) => {
    expect(countries(title).sort()).toEqual([...expected].sort());
  });

  it('keeps where each match was found', () => {
    const result = tag('Micron ban', 'Beijing told operators to stop buying from Micron.');
    expect(result.matches).toEqual(
      expect.arrayContaining([
        { kind: 'company', id: 'micron', via: 'alias', text: 'Micron', field: 'title', offset: 0 },
        { kind: 'country', id: 'CN', via: 'capital', text: 'Beijing', field: 'summary', offset: 0 },
        { kind: 'company', id: 'micron', via: 'alias', text: 'Micron', field: 'summary', offset: 43 },
      ]),
    );
  });
});

describe('relevance', () => {
  it.each([
    ['Commerce adds SMIC to the Entity List', 'The rule restricts exports of US technology to the chipmaker.', true],
    ['UK sets out semiconductor strategy', 'The plan backs chip design and compound semiconductors.', true],
    ['Late chip shot seals playoff win', 'The golfer holed out from the fringe.', false],
    ['Crisp makers chase lower-salt potato chips', 'Snack firms reformulate.', false],
    ['Samsung Lions beat LG Twins in the Korean Series', 'Baseball fans celebrated in Daegu.', false],
    ['Tariffs on steel imports rise to 50%', 'The duties take effect next month.', false],
    ['Does your car cabin filter stop 0.3-micron particles?', 'HEPA filters capture fine dust.', false],
    ['Hospitals strain as flu season starts early', 'Wards fill up in Washington.', false],
  ])('%s → %s', (title, summary, expected) => {
    expect(tag(title, summary).relevant).toBe(expected);
  });

  it('explains its score', () => {
    const r = tag('Nvidia told it needs a licence to sell A100 chips to China', '');
    expect(r.relevance).toBeGreaterThanOrEqual(3);
    expect(r.explain.domain.map((d) => d.term)).toEqual(expect.arrayContaining(['company:nvidia', 'chips']));
  });
});

describe('event type', () => {
  it.each([
    ['Commerce adds YMTC and 35 others to the Entity List', 'sanction'],
    ['US unveils sweeping export controls on advanced chips', 'export-control'],
    ['China bans Micron products from critical information infrastructure', 'import-ban'],
    ['US raises Section 301 tariffs on Chinese semiconductors to 50%', 'tariff'],
    ['Intel awarded $7.9 billion CHIPS Act grant', 'investment'],
    ['UK orders Nexperia to sell Newport Wafer Fab under national security law', 'investment-screening'],
    ['Intel abandons Tower Semiconductor deal after failing to win Chinese approval', 'antitrust'],
    ['China opens cybersecurity review of Micron products', 'regulatory-probe'],
    ['Raimondo says US will not tolerate China’s Micron ban', 'diplomatic'],
    ['Earthquake halts production at TSMC fabs', 'supply-disruption'],
    ['China announces export controls on gallium and germanium', 'export-control'],
    ['中国商务部对镓锗实施出口管制', 'export-control'],
  ])('%s → %s', (title, expected) => {
    expect(tag(title).eventType).toBe(expected);
  });
});

describe('severity', () => {
  it('is lower for tentative wording and higher for firm wording', () => {
    const tentative = tag('US reportedly weighs adding CXMT to the Entity List').severity;
    const firm = tag('US adds CXMT to the Entity List, rule takes effect immediately').severity;
    expect(tentative).toBeLessThan(firm);
    expect(tentative).toBeGreaterThanOrEqual(0);
    expect(firm).toBeLessThanOrEqual(1);
  });

  it('is zero for irrelevant items', () => {
    expect(tag('Late chip shot seals playoff win').severity).toBe(0);
  });
});

describe('bad input', () => {
  it('survives an empty title, a 1 MB summary, mixed scripts and control characters', () => {
    expect(tag('', '').relevant).toBe(false);
    const big = tag('Micron', 'chip '.repeat(210_000));
    expect(big.companies.map((c) => c.id)).toEqual(['micron']);
    const mixed = tag('美光 Micron 마이크론 \u0000\u0007 ban', 'Россия and 台積電 \u202e');
    expect(mixed.companies.map((c) => c.id)).toEqual(expect.arrayContaining(['micron', 'tsmc']));
  });
});
