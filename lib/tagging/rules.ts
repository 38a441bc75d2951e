/**
 * The tagger's vocabulary, in one place so every figure it produces can be traced to a line here
 * (the sentence-level rules are in type-rules.ts, the event-type word model in type-model.ts).
 * Terms are matched case-insensitively on word boundaries; a trailing `*` matches any word ending
 * ("subsid*" matches "subsidy" and "subsidies"). Chinese, Japanese and Korean terms need no boundary.
 */
export const EVENT_TYPES = [
  'export-control', 'import-ban', 'sanction', 'tariff', 'investment', 'investment-screening',
  'antitrust', 'regulatory-probe', 'diplomatic', 'supply-disruption', 'other',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** When two types score the same, the one earlier here wins: the more specific and more severe measure. */
export const TYPE_PRIORITY: EventType[] = [
  'sanction', 'export-control', 'import-ban', 'investment-screening', 'antitrust', 'tariff',
  'regulatory-probe', 'supply-disruption', 'investment', 'diplomatic', 'other',
];

/** Semiconductor vocabulary: evidence that an item is about chips at all. */
export const DOMAIN_TERMS: Record<string, number> = {
  semiconductor: 3, semiconductors: 3, chip: 2, chips: 2, chipmaker: 3, chipmakers: 3, chipmaking: 3,
  'chip-making': 3, 'chip maker': 3, 'chip makers': 3, 'chip design*': 3, microchip: 2, microchips: 2, microelectronics: 3,
  // Single words that also have everyday senses weigh less than 2, so alone they never make an item relevant.
  wafer: 1.5, wafers: 1.5, foundry: 1.5, foundries: 1.5, fab: 1.5, fabs: 2, lithography: 3, euv: 3, duv: 3,
  dram: 3, nand: 3, hbm: 3, 'high-bandwidth memory': 3, 'memory chip*': 3, 'flash memory': 3, processor: 1.5, processors: 1.5,
  gpu: 2, gpus: 2, 'ai accelerator*': 3, 'integrated circuit*': 3, transistor: 2, transistors: 2,
  'silicon carbide': 2, 'gallium nitride': 2, gallium: 2, germanium: 2, 'rare earth*': 2, 'rare-earth*': 2,
  antimony: 2, graphite: 2, neon: 1, 'high-purity quartz': 3, quartz: 1.5,
  // The vocabulary of technology trade controls is itself evidence: it is rarely used about anything else.
  'entity list': 2, 'export control*': 2, 'foreign direct product': 2, 'unreliable entity list': 2,
  '出口管制': 2, '实体清单': 2, '不可靠实体清单': 2, photoresist: 3, photoresists: 3, 'hydrogen fluoride': 2, polyimide: 1,
  'chipmaking equipment': 3, 'chip tools': 3, 'chipmaking tools': 3, 'etch*': 1, deposition: 1, nanometre: 2, nanometer: 2,
  'advanced packaging': 3, 'chip packaging': 3, 'supercomputer*': 1.5, 'chip material*': 3, 'a100': 2, h100: 2, h20: 2, a800: 2, h800: 2, h200: 2,
  // Technology goods next to chips: weak alone (under 2), enough beside a technology-trade measure.
  electronics: 1, telecom: 1, telecommunications: 1, '5g': 1, 'artificial intelligence': 1, 'quantum computing': 1,
  servers: 1, smartphone: 1, smartphones: 1, 'critical minerals': 1.5, 'rare earth magnets': 1.5, polysilicon: 1.5,
  'surveillance equipment': 1, 'surveillance cameras': 1, 'advanced computing': 2, 'ai chips': 3,
  // Technology goods (TECH_GOODS below) count only beside a policy cue.
  server: 1, laptop: 1, laptops: 1, pcs: 1, 'personal computers': 1, tablets: 1, phones: 1, handsets: 1, 'iphone*': 1,
  'telecom gear': 1, 'telecom equipment': 1, 'network equipment': 1, 'surveillance devices': 1, 'electronic components': 1.5,
  // Technology controls named as such, without the word chip: 'differ on tech curbs'.
  'tech curbs': 2, 'technology curbs': 2, 'tech controls': 2, 'technology controls': 2, 'tech restrictions': 2,
  'technology restrictions': 2, 'tech war': 1.5, '科技壁垒': 2, '科技封锁': 2, '脱钩': 1,
  '半导体': 3, '芯片': 3, '晶圆': 3, '光刻': 3, '集成电路': 3, '存储': 1, '镓': 2, '锗': 2, '稀土': 2, '锑': 2,
  '半導体': 3, '반도체': 3, '晶片': 3, '晶圓': 3,
  // The same vocabulary in Japanese and Korean (materials and controls, as in English and Chinese above).
  '輸出規制': 2, '輸出管理': 2, '수출 규제': 2, '수출규제': 2, '수출 통제': 2, '수출통제': 2,
  '希土類': 2, 'レアアース': 2, 'ガリウム': 2, 'ゲルマニウム': 2, 'フォトレジスト': 3, 'フッ化水素': 2,
  '희토류': 2, '갈륨': 2, '게르마늄': 2, '포토레지스트': 3, '불화수소': 2,
  // Goods with civil and military uses: the object of export controls (weak alone, like electronics).
  'dual-use': 1, 'dual use': 1, '两用物项': 2, '軍民両用': 1,
};

/**
 * Technology goods rather than chips: evidence only in an item that also has a policy cue, so a duty
 * on laptops counts and a laptop review does not.
 */
export const TECH_GOODS = new Set([
  'electronics', 'telecom', 'telecommunications', '5g', 'artificial intelligence', 'quantum computing', 'servers', 'server',
  'smartphone', 'smartphones', 'laptop', 'laptops', 'pcs', 'personal computers', 'tablets', 'phones', 'handsets', 'iphone*',
  'telecom gear', 'telecom equipment', 'network equipment', 'surveillance equipment', 'surveillance cameras', 'surveillance devices',
]);

/**
 * Phrases in which a domain word means something else. Matched like terms; the longest match wins,
 * so "chip shot" hides "chip".
 */
export const DOMAIN_TRAPS = [
  'chip shot', 'chip-shot', 'potato chip', 'potato chips', 'chocolate chip', 'chocolate chips', 'kale chips',
  'tortilla chips', 'banana chips', 'veggie chips', 'poker chip', 'poker chips', 'casino chips', 'wood chips', 'wood chip',
  'fish and chips', 'fish-and-chips', 'fish-and-chip', 'chip shop', 'chip counter', 'chip butty', 'chip pan', 'chip in',
  'chipped in', 'chips in', 'chip-in', 'blue chip', 'blue-chip', 'blue chips', 'chip and pin', 'chip-and-pin', 'chip-and-pin cards',
  'bargaining chip', 'chip on his shoulder', 'chip on her shoulder', 'chip on their shoulder', 'chip away', 'chips away',
  'chipping away', 'ice cream wafer', 'wafer-thin', 'wafer thin', 'wafer biscuit', 'wafer biscuits', 'communion wafer',
  'bell foundry', 'iron foundry', 'type foundry', 'brass foundry', 'fab four', 'fab five', 'absolutely fab',
  'neon lights', 'neon sign', 'neon signs', 'neon-lit', 'graphite pencil', 'graphite pencils', 'rare earth magnets in',
];

/**
 * Phrases in which a type cue means something else ("a 5.5 billion dollar charge" is an accounting
 * charge, not a criminal one). The longest match wins, so the phrase hides the cue inside it.
 */
export const TYPE_TRAPS = [
  'dollar charge', 'euro charge', 'yen charge', 'billion charge', 'million charge', 'one-time charge', 'one-off charge',
  'impairment charge', 'inventory charge', 'restructuring charge', 'in charge', 'charging', 'free of charge',
  // "rules" as a verb of courts ("Judge rules Qualcomm squeezed rivals") is no export rule.
  'judge rules', 'court rules', 'tribunal rules', 'panel rules', 'rules in favour', 'rules in favor',
  // Product features, not measures: noise-cancelling headphones cancel nothing by decree.
  'noise cancelling', 'noise-cancelling', 'noise canceling', 'noise-canceling', 'noise cancellation', 'noise-cancellation',
];

/** Cues for each event type, with weights. A title match counts 1.5 times. */
export const TYPE_CUES: Record<Exclude<EventType, 'other'>, Record<string, number>> = {
  sanction: {
    'entity list': 4, 'trade blacklist': 4, 'blacklist*': 3, 'denial order': 4, 'unverified list': 3, 'sanction*': 3,
    'unreliable entity list': 4, 'military end user*': 2, 'military end-user*': 2, 'military compan*': 3.5, 'military-backed': 3, 'military-linked': 3, 'supplier ban': 3, 'sanctions package': 3.5, ofac: 2, 'sdn list': 3,
    '实体清单': 4, '制裁': 2.5, '不可靠实体清单': 4, '黑名单': 3, '実体リスト': 4,
  },
  'export-control': {
    'export control*': 4, 'export restriction*': 3.5, 'export curb*': 3.5, 'export licen*': 3, 'export rule*': 3,
    'export ban*': 3, 'export limits': 3, 'foreign direct product': 3, 'licence requirement*': 3, 'license requirement*': 3,
    'licence to sell': 3, 'license to sell': 3, 'needs a licence': 3, 'needs a license': 3, 'need a licence': 3,
    'need a license': 3, 'controls on': 2.5, 'curbs on': 2, 'curbs': 1.5, 'restricts exports': 3, 'restrict exports': 3,
    'export*': 1, 'licences': 1.5, 'licenses': 1.5, 'licence': 1, 'license': 1, 'shipments': 1, 'ai diffusion': 3,
    wassenaar: 3, 'dual-use': 2, 'stop supplying': 2, 'tool controls': 3, 'chip controls': 3, 'chip rules': 2,
    'validated end user*': 2.5, 'validated end-user*': 2.5, 'bans exports': 3.5, 'ban on exports': 3.5,
    'banned exports': 3.5, 'bans the export': 3.5, 'bars exports': 3.5, 'halts exports': 3, 'export permits': 3,
    'selling to': 1.5, 'sell to': 1.5, 'sales to': 1.5, 'allow* sales': 2, 'to ship': 1.5, 'cap on': 2, 'access to': 1, tightens: 1, 'amended rule': 2, rule: 1, rules: 1,
    '禁止出口': 3.5, '出口': 1.5, '禁令': 2, controls: 1.5, measures: 1, 'permit*': 1.5, whitelist: 3, 'white list': 3,
    'trusted trade': 3, 'trusted partners': 2.5, 'catch-all': 3,
    // Agencies whose remit is this kind of measure.
    bis: 2, 'bureau of industry and security': 2,
    '出口管制': 4, '出口许可': 3, '出口限制': 3.5, '管制物项': 3, '輸出規制': 4, '輸出管理': 4, '수출 규제': 4, '수출규제': 4,
  },
  'import-ban': {
    'import ban*': 4, 'critical information infrastructure': 3.5, 'stop buying': 3.5, 'stop using': 3,
    'phase out': 2.5, 'phase-out': 2.5, 'procurement': 2, 'purchases of': 1.5, 'barred from buying': 3.5,
    'rip and replace': 3, 'halts sales': 3, 'swap out': 2.5, 'replace foreign': 3, 'foreign adversar*': 2.5, 'domestic alternatives': 2, 'sales ban': 3.5, injunction: 3, 'customs checks': 2.5, 'covered list': 2.5, 'banned from': 1.5, 'bans': 2, 'ban': 1.5, 'banned': 1.5,
    'critical infrastructure': 3, 'stops using': 3, 'stops buying': 3.5, 'stop installing': 3, 'stops installing': 3, 'chinese-made': 1.5, 'foreign-made': 1.5, 'security threat*': 2.5, 'national security threat*': 2.5, 'import licen*': 3,
    'government computers': 2, 'state agencies': 1, 'buying': 1, 'bars': 1.5, 'barred': 1.5, 'strip out': 2, 'remove': 1.5,
    'cancel*': 2, 'exclude*': 1.5, 'equipment authori*': 2.5, fcc: 2, 'federal communications commission': 2,
    '关键信息基础设施': 3.5, '停止采购': 3.5, '禁止采购': 4, '禁用': 2, '采购': 1.5,
  },
  tariff: {
    'tariff*': 4, duties: 3, duty: 2, 'section 301': 4, 'levies': 3, 'levy': 2.5, 'anti-dumping': 3.5,
    countervailing: 3, 'import taxes': 3, 'reciprocal': 1.5, 'section 232': 2.5, ustr: 2.5, '关税': 4, '関税': 4, '관세': 4,
  },
  investment: {
    'subsid*': 3, 'grant*': 2, 'award*': 2, 'chips act': 1.5, 'chips and science act': 1.5, 'incentive*': 2,
    'invest*': 2, 'pledge*': 1.5, 'new fab': 2.5, 'fund': 1.5, funds: 1.5, 'big fund': 3, funding: 2.5, 'equity stake': 3, stake: 2,
    'state aid': 3, plant: 1, factory: 1, factories: 1, expansion: 1.5, 'expand*': 1, 'loan*': 1.5, 'tax credit*': 2.5,
    'mega-cluster': 2.5, cluster: 1, 'build*': 0.8, 'groundbreaking': 2.5, 'breaks ground': 2.5, 'opens': 1, strategy: 1.5, billion: 0.8, fab: 1.5,
    'joint venture': 2, 'assembly plant*': 2, shareholder: 2, 'largest shareholder': 3, venture: 1,
    '补贴': 3, '投资': 2, '大基金': 3, '补助': 3, '補助金': 3, '扩产': 2.5, '建厂': 2.5,
  },
  'investment-screening': {
    cfius: 4, screening: 2.5, 'investment ban': 3, 'unwind*': 3, 'ban on investment': 3, 'ban on american investment': 3.5, 'taking control': 3, 'foreign stakes': 2, 'national security and investment': 4, 'nsi act': 4, 'divest*': 3.5, 'forced to sell': 4,
    'ordered to sell': 4, 'outbound investment*': 4, 'investment screening': 4, 'goods availability act': 4,
    'took control': 3, 'takes control': 3, 'seized control': 3, 'seizes control': 3, 'golden power*': 4,
    'foreign investment review': 3.5, 'blocked the sale': 3.5, 'blocks the sale': 3.5, 'blocks sale': 3.5,
    'blocked the acquisition': 3.5, 'blocks acquisition': 3.5, 'blocks takeover': 3.5, 'blocked the takeover': 3.5,
    'blocks the takeover': 3.5, 'vetoes': 2, 'veto*': 2, takeover: 2, 'investments into': 2, 'investment into': 2,
    'security grounds': 2.5, 'national security grounds': 3, 'national security law': 3, 'national security': 2, 'to sell': 1.5, 'enterprise chamber': 3, 'notification of': 1, outbound: 3,
    '外资审查': 4, '安全审查': 1,
  },
  antitrust: {
    antitrust: 4, 'anti-monopoly': 4, 'merger review': 4, competition: 2, 'market regulator': 3, samr: 2.5,
    approval: 1.5, 'approv*': 0.8, clears: 1, 'abandon*': 2.5, 'walks away': 2, merger: 2.5, 'acquisition': 1.5,
    'monopoly': 3, 'fined': 2, 'fine': 1, 'competition authority': 3, 'conditions': 1, anticompetitive: 4, 'anti-competitive': 4, dominance: 3,
    'market power': 3, 'record fine': 3, 'fair trade commission': 4, kftc: 4, 'competition commission': 4, 'squeez*': 1.5, rivals: 1, ftc: 3, 'sues to block': 3, takeover: 1.5, 'sues': 1.5, fines: 2.5,
    'predatory pricing': 4, 'abuse of dominance': 4, 'dominant position': 3,
    '反垄断': 4, '垄断': 3, '并购': 2, '收购': 1.5, '合并': 2,
  },
  'regulatory-probe': {
    investigation: 3, investigating: 3, probe: 3, probes: 3, 'security review': 3.5, 'cybersecurity review': 4,
    inquiry: 2.5, summoned: 3, questioned: 2, audit: 2, 'raid*': 2, 'review of': 1.5, review: 1, 'security risks': 2,
    'security risk': 2, 'backdoor*': 2.5, 'tax evasion': 3, 'subpoena*': 3, 'seeks details': 2, questionnaire: 2, 'charge*': 2, fraud: 3, 'indict*': 3, 'prosecut*': 3,
    'trade secret*': 3, criminal: 2.5, 'criminal investigation': 4, 'smuggl*': 3, 'arrest*': 3, 'detain*': 3, 'looks into': 3, 'look into': 3, 'looking into': 3, 'examin*': 2, survey: 2, assessment: 1.5, 'scrutin*': 2.5, '起訴': 3, '検察': 3,
    '网络安全审查': 4, '审查': 2.5, '调查': 3, '约谈': 3, '立案': 3,
  },
  diplomatic: {
    'warn*': 2, statement: 2, talks: 2.5, 'will not tolerate': 4, 'retaliat*': 3, 'negotiat*': 2.5, summit: 2.5,
    truce: 3, meeting: 1.5, 'urge*': 2, 'condemn*': 3, 'protest*': 2, 'criticis*': 2, 'criticiz*': 2, meets: 1.5, 'met with': 1.5, trip: 2, 'vice-premier': 2, 'vice premier': 2, premier: 1.5, '会见': 3, '会谈': 3,
    agreement: 2, 'agree*': 1.5, 'visit*': 1.5, 'calls on': 1.5, opposes: 2.5, 'accus*': 2.5, response: 1, 'respond*': 1.5,
    allies: 1.5, g7: 2, 'working with allies': 3, 'firmly opposes': 3, 'spokes*': 1.5, diplomat: 2, 'diplomat*': 2,
    'trade war': 2, 'coerc*': 2.5, wto: 2.5, 'world trade organization': 2.5,
    '外交部': 3, '回应': 2, '反对': 2.5, '谈判': 2.5, '坚决反对': 3, '美方': 2.5, '中方': 2, '滥用': 2, '霸权': 2, '霸凌': 2,
  },
  'supply-disruption': {
    earthquake: 4, quake: 4, fire: 3.5, blaze: 3.5, storm: 3, typhoon: 3.5, hurricane: 3.5, drought: 3.5,
    'flood*': 3, outage: 3.5, 'power cut*': 3.5, blackout: 3.5, 'shortage*': 2.5, 'halt* production': 3.5,
    'halts lines': 3, 'contaminat*': 3.5, tainted: 3.5, defective: 2, 'lockdown*': 3, 'disrupt*': 2.5, 'suspend* production': 3.5,
    'water rationing': 3, 'freeze': 2.5, 'winter storm': 4, explosion: 3.5, 'tremor*': 3, 'evacuat*': 2.5,
    virus: 2.5, outbreak: 3, 'covid*': 3, pandemic: 2.5, 'cut output': 3, 'output cuts': 3, 'parts shortage': 3.5, 'production cuts': 3, '封城': 3.5, 'halt* output': 3.5, 'halts': 1.5, 'stoppage*': 3.5, 'dries up': 3, 'supply crunch': 3, war: 1.5,
    '地震': 4, '火灾': 4, '停产': 3.5, '断电': 3.5, '停电': 3.5, '火災': 4, '停電': 3.5, '短缺': 2.5, '断供': 3,
  },
};

/** Base severity by type, before wording moves it: how much a measure of this kind typically bites. */
export const BASE_SEVERITY: Record<EventType, number> = {
  sanction: 0.7, 'export-control': 0.65, 'import-ban': 0.65, 'supply-disruption': 0.55, tariff: 0.5,
  'investment-screening': 0.5, antitrust: 0.45, 'regulatory-probe': 0.4, diplomatic: 0.3, investment: 0.3, other: 0.2,
};

/** Wording that makes a report firmer (positive) or more tentative (negative). */
export const SEVERITY_CUES: Record<string, number> = {
  weighs: -0.2, weighing: -0.2, considers: -0.2, considering: -0.2, reportedly: -0.2, mulls: -0.2,
  could: -0.1, 'plans to': -0.1, proposes: -0.15, proposed: -0.1, draft: -0.15, seeks: -0.1, 'sources said': -0.15,
  'reports said': -0.15, 'people familiar': -0.15, 'is said to': -0.15, 'expected to': -0.1, pauses: -0.15,
  suspends: -0.1, eases: -0.2, lifts: -0.2, 'exempt*': -0.15, delays: -0.15, 'talks': -0.05, '据报道': -0.2, '拟': -0.1,
  bans: 0.15, banned: 0.15, 'in force': 0.1, 'to the entity list': 0.15, 'takes effect': 0.15, 'take effect': 0.1, 'took effect': 0.15,
  'effective immediately': 0.2, imposes: 0.1, imposed: 0.1, blacklists: 0.15, 'final rule': 0.15, halts: 0.1,
  orders: 0.1, prohibits: 0.15, revokes: 0.15, blocks: 0.1, seizes: 0.15, bars: 0.1, 'with immediate effect': 0.2,
  '生效': 0.15, '禁止': 0.1, '列入实体清单': 0.15,
};
