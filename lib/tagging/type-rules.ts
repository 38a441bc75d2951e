/**
 * Sentence-level rules for the event type and for word senses, on top of the cue weights in
 * rules.ts. Cue words say what a story is about; these rules say which of them is the news:
 *
 * - diplomatic acts: when a government actor (a leader, a minister, a ministry, a capital) says,
 *   warns, urges, meets or agrees in the headline, the measures it talks about are the topic, not
 *   the event ("Jensen Huang meets Chinese vice-premier after new US curbs" is diplomatic);
 * - background clauses: in a headline whose main clause already names a measure, what follows
 *   "after", "amid", "over", "following", "despite" or "in retaliation" is the cause, and counts
 *   less ("US sanctions Hong Kong firms over chip shipments to Russia" is a sanction);
 * - word pairs: a restriction acting on an investment ("ban on American investment", "bars
 *   Americans from investing", "unwind its stake") is investment screening, not investment; a
 *   restriction acting on exports ("bars dual-use exports") is an export control; a cut acting on
 *   output ("cut iPhone 13 output") is a supply disruption;
 * - word senses: "chips", "wafers" and "foundry" next to casinos, snacks, golf or breweries are
 *   not semiconductors, unless the item has unambiguous chip evidence too.
 *
 * Every rule that fires is reported in the tagger's `explain.rules`, with the text that fired it.
 */
import type { EventType } from './rules';

/** The role a word plays in the sentence-level rules. */
export type Role = 'actor' | 'speech' | 'meeting' | 'background' | 'sense' | 'none';

/** Government actors: who speaks for a state. Countries named by name or capital count too. */
const ACTORS = [
  'president', 'vice president', 'vice-president', 'premier', 'vice-premier', 'vice premier', 'prime minister',
  'minister', 'ministers', 'ministry', 'foreign ministry', 'commerce ministry', 'trade ministry', 'spokesperson',
  'spokesman', 'spokeswoman', 'leaders', 'envoy', 'envoys', 'ambassador', 'diplomats', 'diplomat', 'government',
  'lawmakers', 'senators', 'congress', 'parliament', 'chancellor', 'secretary', 'commerce chief', 'trade chief',
  'trade representative', 'white house', 'state department', 'foreign office', 'g7', 'g20', 'officials',
  // Heads of government and trade ministers of the chip countries, 2016 on.
  'trump', 'biden', 'obama', 'harris', 'xi', 'xi jinping', 'li qiang', 'li keqiang', 'wang yi', 'wang wentao', 'he lifeng',
  'liu he', 'raimondo', 'lutnick', 'bessent', 'yellen', 'blinken', 'rubio', 'pompeo', 'katherine tai', 'greer',
  'pelosi', 'kishida', 'ishiba', 'takaichi', 'suga', 'yoon', 'yoon suk yeol', 'lee jae-myung', 'moon jae-in',
  'lai ching-te', 'tsai ing-wen', 'rutte', 'schoof', 'von der leyen', 'scholz', 'merz', 'macron', 'modi',
  'albanese', 'sunak', 'starmer', 'meloni', 'sefcovic', 'šefčovič',
  '习近平', '李强', '王毅', '王文涛', '何立峰', '拜登', '特朗普', '川普', '外交部', '发言人', '国务院', '总理', '首相', '总统', '部长',
];

/** Speech acts: diplomatic when a government actor is the one speaking. */
const SPEECH = [
  'says', 'said', 'warns', 'warned', 'urges', 'urged', 'calls on', 'calls for', 'vows', 'rejects', 'rejected',
  'condemns', 'condemned', 'criticises', 'criticizes', 'criticised', 'criticized', 'slams', 'blasts', 'accuses',
  'protests', 'opposes', 'objects to', 'demands', 'insists', 'hits back', 'to the wto', 'wto complaint',
  'files complaint', 'lodges complaint', 'differ', 'differ on', 'spar', 'spar over',
  '表示', '回应', '敦促', '谴责', '批评', '指责', '抗议', '呼吁',
];

/** Meetings and agreements: diplomatic when a government actor takes part (or two states do). */
const MEETING = [
  'meets', 'meet', 'met', 'met with', 'meeting', 'holds talks', 'hold talks', 'talks with', 'discuss', 'discusses',
  'discussed', 'visit', 'visits', 'visited', 'tours', 'toured', 'hosts', 'hosted', 'phone call', 'call with',
  'agree', 'agrees', 'agreed', 'summit', 'trip', 'state visit',
  '会见', '会谈', '通话', '访问', '会晤', '磋商',
];

/** Clause openers after which a headline gives the cause or setting rather than the event. */
const BACKGROUND = [
  'after', 'amid', 'over', 'following', 'despite', 'in retaliation', 'in tariff retaliation', 'in response',
  'in reprisal', 'ahead of', 'at us request', 'at the request',
];

/** Words of a non-chip sense of "chip", "wafer" or "foundry": gambling, food, golf, wood, craft. */
const SENSES = [
  'casino', 'casinos', 'croupier', 'poker', 'roulette', 'blackjack', 'card room', 'gaming commission', 'gambling',
  'betting', 'wager', 'jackpot', 'crisps', 'crisp', 'snack', 'snacks', 'flavour', 'flavor', 'potato', 'potatoes',
  'vinegar', 'ice cream', 'ice-cream', 'cones', 'biscuit', 'biscuits', 'bakery', 'bakers', 'chocolate', 'cookie',
  'cookies', 'recipe', 'lunchbox', 'lunchboxes', 'chippy', 'golf', 'golfer', 'birdie', 'bogey', 'putt', 'fairway',
  'caddie', 'playoff', 'club championship', 'county open', 'timber', 'sawmill', 'mulch', 'firewood', 'brewery',
  'a pint', 'pub', 'bronze', 'statue', 'sculpture', 'bell', 'bells', 'victorian', 'blacksmith', 'church', 'communion',
];

/** Phrases that contain a role word but do not play the role ("takes over" is no background clause). */
const NOT_ROLES = ['takes over', 'take over', 'took over', 'taken over', 'taking over', 'over the counter', 'meeting demand', 'meet demand', 'agreed to buy', 'agrees to buy', 'agree to buy'];

export const STRUCTURE_TERMS: Record<string, Role> = Object.fromEntries([
  ...ACTORS.map((t) => [t, 'actor']),
  ...SPEECH.map((t) => [t, 'speech']),
  ...MEETING.map((t) => [t, 'meeting']),
  ...BACKGROUND.map((t) => [t, 'background']),
  ...SENSES.map((t) => [t, 'sense']),
  ...NOT_ROLES.map((t) => [t, 'none']),
]) as Record<string, Role>;

/** Domain words with everyday senses that a sense word (above) cancels. */
export const AMBIGUOUS_DOMAIN = new Set(['chip', 'chips', 'wafer', 'wafers', 'foundry', 'foundries', 'fab', 'fabs', 'microchip', 'microchips']);

/** Weights of the diplomatic-act rule, before the title factor. */
export const DIPLOMATIC_ACT_WEIGHT = { speech: 3, says: 2, meeting: 3 };
/** Factor for cues in a headline's background clause (a title cue otherwise counts TITLE_WEIGHT). */
export const BACKGROUND_FACTOR = 0.5;

/**
 * Word pairs: a word of `first`, then at most `gap` words, then a word of `second`, in one field.
 * The pair counts `weight` for `type` (times the title factor in a headline).
 */
export interface PairRule {
  name: string;
  type: Exclude<EventType, 'other'>;
  weight: number;
  pattern: RegExp;
  /** A pair rule that, when it fires in the same field, takes precedence over this one. */
  yieldsTo?: string;
  /** Substrings of the second word, one of which the text must contain (a cheap test before the pattern). */
  needs: string[];
}

const anyOf = (list: string[]) => `(?:${list.join('|')})`;
const pair = (first: string[], second: string[], gap: number) =>
  new RegExp(`(?<![\\p{L}\\p{N}])${anyOf(first)}(?:[^\\p{L}\\p{N}]+[\\p{L}\\p{N}'’-]+){0,${gap}}?[^\\p{L}\\p{N}]+${anyOf(second)}(?![\\p{L}\\p{N}])`, 'u');

export const PAIR_RULES: PairRule[] = [
  {
    name: 'restriction on investment',
    needs: ['invest', 'stake', 'holding'],
    type: 'investment-screening',
    weight: 3.5,
    pattern: pair(
      ['ban', 'bans', 'banned', 'banning', 'bar', 'bars', 'barred', 'barring', 'curbs?', 'restrict\\w*', 'rules',
        'limits', 'prohibit\\w*', 'unwind\\w*', 'divest\\w*', 'screen\\w*', 'notif\\w*', 'review\\w*', 'block\\w*'],
      ['invest', 'investing', 'investments?', 'stakes?', 'shareholdings?', 'holdings'],
      2,
    ),
  },
  {
    name: 'investment restriction',
    needs: ['invest', 'outbound'],
    type: 'investment-screening',
    weight: 3.5,
    pattern: pair(['investments?', 'investing', 'outbound'], ['curbs', 'bans?', 'restrictions', 'rules', 'screening', 'limits', 'controls', 'regime'], 0),
  },
  {
    name: 'cut in output',
    needs: ['output', 'production', 'lines', 'operations'],
    type: 'supply-disruption',
    weight: 3,
    pattern: pair(
      ['cut', 'cuts', 'cutting', 'slash\\w*', 'reduc\\w*', 'halt\\w*', 'suspend\\w*', 'idl\\w*', 'trim\\w*', 'curtail\\w*', 'stops?', 'stopped', 'disrupt\\w*', 'hit', 'hits'],
      ['output', 'production', 'lines', 'operations'],
      4,
    ),
  },
  {
    name: 'permission to sell abroad',
    needs: ['ship', 'sell', 'sales', 'export'],
    type: 'export-control',
    weight: 3,
    pattern: pair(['let', 'lets', 'allows?', 'allowed', 'permits?', 'permitted', 'resumes?', 'resumed'], ['ship', 'shipping', 'shipments', 'sell', 'selling', 'sales', 'export', 'exports', 'exporting'], 3),
  },
  {
    name: 'restriction on exports',
    needs: ['export', 'shipment'],
    type: 'export-control',
    weight: 3,
    pattern: pair(
      ['ban', 'bans', 'banned', 'banning', 'bar', 'bars', 'barred', 'barring', 'curbs?', 'curbed', 'curbing', 'restrict\\w*',
        'limits?', 'limited', 'limiting', 'prohibit\\w*', 'halts?', 'halted', 'suspends?', 'suspended', 'tightens?', 'tightened'],
      ['exports?', 'exporting', 'shipments?'],
      2,
    ),
  },
  {
    name: 'import licence',
    needs: ['import'],
    type: 'import-ban',
    weight: 3.5,
    pattern: pair(['licen[cs]es?', 'licen[cs]ing', 'permits?'], ['imports?', 'importing', 'imported'], 2),
  },
  {
    name: 'licence needed',
    needs: ['licen', 'permit'],
    yieldsTo: 'import licence',
    type: 'export-control',
    weight: 3,
    pattern: pair(['needs?', 'needed', 'requires?', 'required', 'requiring'], ['licen[cs]es?', 'permits?'], 2),
  },
];

/** Every substring a pair rule needs, once: the term matcher reports which of them occur, as bits of this list. */
export const PAIR_NEEDS = [...new Set(PAIR_RULES.flatMap((r) => r.needs))];
if (PAIR_NEEDS.length > 31) throw new Error('more pair-rule needs than bits in a 32-bit mask');
/** Per pair rule (same order), its needs as bits of PAIR_NEEDS. */
export const PAIR_NEED_BITS = PAIR_RULES.map((r) => r.needs.reduce((bits, n) => bits | (1 << PAIR_NEEDS.indexOf(n)), 0));
