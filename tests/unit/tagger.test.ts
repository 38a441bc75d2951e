import { describe, expect, it } from 'vitest';
import { getGazetteer } from '../../lib/tagging/gazetteer';
import { Tagger } from '../../lib/tagging/tag-text';
import { trainTypeModel, TypeModel, words } from '../../lib/tagging/type-model';
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

describe('word senses: chips, wafers and foundries that are not semiconductors', () => {
  it.each([
    ['Casino fined after dealers swapped high-value chips without checks', 'The gaming commission said staff let players cash chips at the tables.', false],
    ['Card room manager charged with pocketing tournament chips', 'Prosecutors say he swapped chips for cash.', false],
    ['Ice-cream vans run short of wafers in heatwave', 'Vendors could not get enough cones and wafers.', false],
    ['Brewery opens in restored Victorian foundry', 'The owners kept the casting floor for a pub.', false],
    // Traps: unambiguous chip evidence (a chip company, "memory chip") keeps the item relevant.
    ['Golf club sponsor Samsung cuts memory chip output', 'The company said the cuts at its fab would last a quarter.', true],
    ['Casino town hosts new chip plant as TSMC breaks ground', 'The foundry will make 28-nanometre wafers.', true],
  ])('%s → relevant %s', (title, summary, expected) => {
    const r = tag(title, summary);
    expect(r.relevant).toBe(expected);
    if (!expected) expect(r.explain.rules.map((x) => x.rule)).toContain('other word sense');
  });
});

describe('technology goods and technology controls', () => {
  it.each([
    // Goods beside a trade measure are evidence…
    ['Washington cancels planned duties on phones and laptops', 'The levies due in December will not take effect.', true, 'tariff'],
    ['India requires licences for imports of laptops and PCs', 'The order aims to boost local electronics manufacturing.', true, 'import-ban'],
    ['Biden and Xi meet in Woodside, differ on tech curbs', 'The leaders agreed to restore military communications.', true, 'diplomatic'],
    // … but not alone: a laptop review is not policy news, nor a tariff on cars.
    ["Review: this thin laptop's new chip lasts all day", 'Battery life is excellent.', false, 'other'],
    ['Canada to impose 100 percent tariff on Chinese electric vehicles', 'Ottawa matched US duties on the cars.', false, 'other'],
  ])('%s → relevant %s, %s', (title, summary, relevant, type) => {
    const r = tag(title, summary);
    expect(r.relevant).toBe(relevant);
    expect(r.eventType).toBe(type);
  });
});

describe('relevance: a company name needs a second signal, reviews are consumer news', () => {
  it.each([
    // A chip company's name alone is no topic: namesakes, common words, product reviews …
    ['Micron-thick coating keeps lenses free of fog', 'Each layer is less than a micron across.', false, 'company named alone'],
    ['Intel from locals helps police find missing hiker', 'Volunteers shared sightings on social media.', false, 'company named alone'],
    ['Sony A7 V hands the vlogger a brighter viewfinder', 'The grip is deeper and the menus are tidier.', false, 'company named alone'],
    // … but beside a chip word, a policy cue, a government body or a state it counts.
    ['Micron warns memory prices will stay weak', 'The company expects DRAM demand to recover slowly.', true, undefined],
    ['Intel loses appeal against EU in rebates case', 'The court upheld the fine.', true, undefined],
    ['AMD flags hit from Washington rule on MI308', '', true, undefined],
  ])('%s → relevant %s', (title, summary, expected, rule) => {
    const r = tag(title, summary);
    expect(r.relevant).toBe(expected);
    if (rule) expect(r.explain.rules.map((x) => x.rule)).toContain(rule);
  });

  it.each([
    ['Galaxy Z Fold 7 review: Samsung finally makes the hinge disappear', 'Its Snapdragon chip runs cool and the battery lasts a day.', false],
    ['Review: Nvidia RTX 5090 is the fastest GPU you should not buy', 'The chip draws 575 watts.', false],
    ['Bose QuietComfort Ultra (review)', 'Noise-cancelling is the best we have tested.', false],
    // A measure named in a "review" headline is policy news: the word is not a product review there.
    ['CFIUS review: Washington blocks Chinese stake in chip tester', 'The Treasury-led panel cited national security.', true],
    ['China opens cybersecurity review of Micron chips', '', true],
  ])('%s → relevant %s', (title, summary, expected) => {
    expect(tag(title, summary).relevant).toBe(expected);
  });

  it('does not count noise-cancelling as a measure', () => {
    expect(tag('Sony WF-1000XM6 earbuds improve noise cancelling', '').explain.policy.map((p) => p.term)).not.toContain('cancel*');
  });

  it.each([
    // A disruption at a buyer needs technology evidence: a storm at Amazon is not chip supply risk …
    ['Heatwave dries up Amazon tributaries', 'Ferries stopped running as the river fell.', false],
    ['Flooding closes Ford dealership in Kentucky', 'Water reached the showroom.', false],
    // … but a parts shortage of electronic components at a carmaker is.
    ['Toyota halts lines as electronic components shortage bites', 'Plants in Aichi stopped for two days.', true],
  ])('%s → relevant %s', (title, summary, expected) => {
    expect(tag(title, summary).relevant).toBe(expected);
  });
});

describe('relevance: technology-control vocabulary in every script and on dual-use goods', () => {
  it.each([
    ['日本、韓国向け輸出規制を強化', '経済産業省はフッ化水素など3品目を対象にした。', true, 'export-control'],
    ['中国がガリウムとゲルマニウムの輸出を許可制に', '中国商務省が発表した。', true, 'export-control'],
    ['산업부, 일본 수출규제 대응책 발표', '정부는 불화수소 국산화를 지원한다.', true, undefined],
    ['중국, 희토류 수출 통제 강화', '상무부가 발표했다.', true, 'export-control'],
    ['China restricts dual-use exports to US defence contractors', 'The commerce ministry named 28 firms.', true, 'export-control'],
    ['Ministry halts wine exports amid cork shortage', 'Producers could not bottle the vintage.', false, 'other'],
    ['Farmers plan dual-use solar fields for sheep', 'Panels shade the grazing land.', false, 'other'],
  ])('%s → relevant %s', (title, summary, relevant, type) => {
    const r = tag(title, summary);
    expect(r.relevant).toBe(relevant);
    if (type) expect(r.eventType).toBe(type);
  });

  it('reads a restriction acting on exports as an export control', () => {
    const r = tag('Beijing bars dual-use exports to three US drone makers', '');
    expect(r.explain.rules.map((x) => x.rule)).toContain('restriction on exports');
    expect(r.eventType).toBe('export-control');
  });
});

describe('event type: sentence-level rules (type-rules.ts)', () => {
  it.each([
    // A government actor speaks, meets or agrees: diplomatic, whatever measure it talks about.
    ['Jensen Huang meets Chinese vice-premier after new US curbs on AI chips', 'diplomatic', 'government meets or agrees'],
    ["Trump says Taiwan 'took' US chip business", 'diplomatic', 'government speaks'],
    ['China warns of retaliation after Dutch curbs on ASML chip machines', 'diplomatic', 'government speaks'],
    ['Netherlands and Japan agree to curb chipmaking tool exports to China', 'diplomatic', 'government meets or agrees'],
    // Traps: a company speaking is not diplomacy.
    ["Korea's Samsung warns chip shortage will hit smartphone output", 'supply-disruption', 'cut in output'],
    // Background clauses count less when the main clause names a measure…
    ['US sanctions Hong Kong firms over chip shipments to Russia', 'sanction', 'background clause'],
    ['China puts export licences on seven rare earths in tariff retaliation', 'export-control', 'background clause'],
    ['Ex-Samsung executive indicted over plan to copy chip plant in China', 'regulatory-probe', 'background clause'],
    // Word pairs: a restriction acting on an investment, a cut acting on output, licences.
    ['Biden widens ban on American investment in Chinese chip firms', 'investment-screening', 'restriction on investment'],
    ['Trump bars Americans from investing in Chinese chip companies', 'investment-screening', 'restriction on investment'],
    ['Foxconn to unwind stake in Chinese chip conglomerate', 'investment-screening', 'restriction on investment'],
    ['Apple set to cut iPhone 13 output by 10 million units as chip shortage bites', 'supply-disruption', 'cut in output'],
    ['Nvidia needs a licence to ship H20 chips to China', 'export-control', 'licence needed'],
    ['Trump to let Nvidia ship H200 chips to approved Chinese buyers', 'export-control', 'permission to sell abroad'],
  ])('%s → %s (%s)', (title, type, rule) => {
    const r = tag(title);
    expect(r.eventType).toBe(type);
    expect(r.explain.rules.map((x) => x.rule)).toContain(rule);
  });

  it.each([
    // … but not when the main clause has no measure: then the clause after "over" is the news.
    ['Chinese-backed buyout of US chip test firm collapses over CFIUS', 'investment-screening'],
    // Selling a stake of one's own accord is no screening; investing is investment.
    ['Intel sells stake in Mobileye to fund chip plants', 'investment'],
    ['Tokyo backs chip venture Rapidus with 70 billion yen', 'investment'],
    // An accounting charge is not a criminal charge; a judge "rules", no export rule.
    ['Nvidia to take 5.5 billion dollar charge as H20 needs licence for China', 'export-control'],
    ['Judge rules Qualcomm illegally squeezed rivals in modem chip market', 'antitrust'],
    ['Huawei CFO arrested in Canada at US request', 'regulatory-probe'],
    ['Micron warns of revenue hit from China ban on its chips', 'import-ban', 'Operators of critical information infrastructure must stop buying them.'],
  ])('trap: %s → %s', (title, type, summary = '') => {
    const r = tag(title, summary);
    expect(r.eventType).toBe(type);
    expect(r.explain.rules.map((x) => x.rule)).not.toContain('government speaks');
  });
});

describe('event type: the word model decides when the rules are weak or close', () => {
  const rulesOnly = new Tagger(getGazetteer(), { typeModel: null });

  it('leaves a clear rule decision to the rules', () => {
    const r = tag('Commerce adds YMTC and 35 others to the Entity List');
    expect(r.explain.typeDecidedBy).toBe('rules');
    expect(r.explain.model).toBeUndefined();
  });

  it('asks the model when no cue fires, and says which words decided', () => {
    const title = 'TSMC chairman hosts dinner for chip suppliers in Hsinchu';
    expect(rulesOnly.tag({ title, summary: '' }).eventType).toBe('other');
    const r = tag(title);
    expect(r.explain.typeDecidedBy).toBe('model');
    expect(r.eventType).toBe(r.explain.model?.type);
    expect(r.explain.model?.words.length).toBeGreaterThan(0);
    expect(r.explain.model?.probability).toBeGreaterThan(0);
  });

  it('gives irrelevant items no type and does not ask the model', () => {
    const r = tag('Late chip shot seals playoff win');
    expect(r.eventType).toBe('other');
    expect(r.explain.typeDecidedBy).toBeNull();
  });

  it('tokenises English by stem and Chinese by character pairs', () => {
    expect(words("Tariffs on China's chips, sanctioned firms and probing regulators")).toEqual([
      'tariff', 'china', 'chip', 'sanction', 'firm', 'prob', 'regulator',
    ]);
    expect(words('美国制裁')).toEqual(['美国', '国制', '制裁']);
  });

  it('learns from labelled items and explains with the words that weighed most', () => {
    const file = trainTypeModel(
      [
        { title: 'US raises tariffs on chips', summary: 'Duties rise to 50 percent.', relevant: true, types: ['tariff'] },
        { title: 'Tariffs on wafers take effect', summary: 'The duties apply from January.', relevant: true, types: ['tariff'] },
        { title: 'Earthquake halts fab', summary: 'Lines were evacuated.', relevant: true, types: ['supply-disruption'] },
        { title: 'Fire at chip plant', summary: 'Production stopped.', relevant: true, types: ['supply-disruption'] },
        { title: 'Crisps win flavour vote', summary: '', relevant: false, types: [] },
      ],
      ['test'],
    );
    expect(file.items).toBe(4);
    const model = new TypeModel(file);
    const decision = model.classify('New tariffs on memory', 'Duties double.');
    expect(decision.type).toBe('tariff');
    expect(decision.words.map((w) => w.word)).toEqual(expect.arrayContaining(['tariff', 'T:tariff']));
    expect(model.classify('Quake hits plant', 'Production stopped for a week.').type).toBe('supply-disruption');
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
