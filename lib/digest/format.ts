import type { DigestSubscription } from '../../db/schema';
import type { DigestPeriod } from './period';

/** Wording shared by the HTML and the text part, so both say exactly the same thing. */

export function dateIn(iso: string | Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(iso));
}

function dateTimeIn(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

export function periodText(period: DigestPeriod, timeZone: string): string {
  return `${dateTimeIn(period.start, timeZone)} to ${dateTimeIn(period.end, timeZone)} (${timeZone})`;
}

export function severityText(severity: number | null): string {
  return severity === null ? 'severity unknown' : `severity ${severity.toFixed(2)}`;
}

export function typeText(eventType: string | null): string {
  return eventType ?? 'unclassified';
}

export function changeText(change: number): string {
  if (Math.abs(change) < 0.05) return 'no change';
  return `${change > 0 ? '+' : ''}${change.toFixed(1)} points`;
}

export function digestSubject(sub: Pick<DigestSubscription, 'cadence' | 'timeZone'>, period: DigestPeriod, eventCount: number): string {
  const what = sub.cadence === 'weekly' ? 'weekly digest' : 'daily digest';
  const count = eventCount === 0 ? 'nothing new' : `${eventCount} event${eventCount === 1 ? '' : 's'}`;
  return `chipwatch ${what} to ${dateIn(period.end, sub.timeZone)}: ${count}`;
}

/** What the subscription follows, in a sentence, so the reader knows why these events and not others. */
export function filterText(sub: Pick<DigestSubscription, 'companies' | 'useWatchlist' | 'countries' | 'region' | 'eventTypes' | 'minSeverity'>): string {
  const parts: string[] = [];
  const who = [...(sub.useWatchlist ? ['the watchlist'] : []), ...sub.companies];
  if (who.length) parts.push(`companies: ${who.join(', ')}`);
  if (sub.countries.length) parts.push(`countries: ${sub.countries.join(', ')}`);
  if (sub.region) parts.push(`region: ${sub.region}`);
  if (sub.eventTypes.length) parts.push(`types: ${sub.eventTypes.join(', ')}`);
  if (sub.minSeverity !== null) parts.push(`severity at least ${sub.minSeverity}`);
  return parts.length ? parts.join('; ') : 'all relevant events';
}
