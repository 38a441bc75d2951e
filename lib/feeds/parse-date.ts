// Time-zone abbreviations seen in RSS dates that Date.parse does not know.
const ZONES: Record<string, string> = {
  UT: '+0000', UTC: '+0000', Z: '+0000', WET: '+0000', BST: '+0100', CET: '+0100', CEST: '+0200',
  EET: '+0200', EEST: '+0300', MSK: '+0300', IST: '+0530', SGT: '+0800', HKT: '+0800', CST8: '+0800',
  JST: '+0900', KST: '+0900', AEST: '+1000', AEDT: '+1100',
};

/**
 * Parses RFC 822 (RSS pubDate) and ISO 8601 (Atom, dc:date) dates. Returns undefined for anything
 * unusable, so the caller can fall back to the time the item was first seen.
 */
export function parseFeedDate(value: string | undefined | null): Date | undefined {
  if (!value) return undefined;
  const raw = value.trim();
  if (!raw) return undefined;
  let ms = Date.parse(raw);
  if (Number.isNaN(ms)) ms = Date.parse(cleanRfc822(raw));
  if (Number.isNaN(ms)) return undefined;
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  // Years outside this window are typos or placeholders ("0001-01-01"), not news dates.
  if (year < 1990 || year > 2200) return undefined;
  return date;
}

function cleanRfc822(raw: string): string {
  return raw
    .replace(/^[A-Za-z]{3,9},?\s*/, '') // weekday names, which are often wrong or localised
    .replace(/\b([A-Z]{1,5}\d?)$/, (zone) => ZONES[zone] ?? zone)
    .replace(/(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{2}):?(\d{2})$/, (_m, h, mi, s, zh, zm) => `${h}:${mi}:${s ?? '00'} ${zh}${zm}`);
}

/** Feed dates in the future (time-zone errors, scheduled posts) are clamped to when the item was seen. */
export function clampToNow(date: Date, now: Date): Date {
  return date.getTime() > now.getTime() ? now : date;
}
