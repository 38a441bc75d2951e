import type { EventRow } from './search-events';

type CsvEvent = Pick<EventRow, 'id' | 'publishedAt' | 'title' | 'url' | 'eventType' | 'severity' | 'companies' | 'countries' | 'sources' | 'summary'>;

/**
 * Events as CSV (RFC 4180: CRLF line ends, every field quoted, quotes doubled). Feed text is
 * untrusted and CSV files are opened in spreadsheets, which run a cell that starts with = + - @
 * (or a tab or carriage return before one) as a formula: such cells get a leading apostrophe, the
 * usual neutraliser (OWASP "CSV injection").
 */
export const EVENT_CSV_HEADER = ['id', 'published_at', 'title', 'url', 'event_type', 'severity', 'companies', 'countries', 'sources', 'summary'];

export function eventCsvRow(e: CsvEvent): string {
  return csvLine([
    String(e.id),
    e.publishedAt,
    e.title,
    e.url ?? '',
    e.eventType ?? '',
    e.severity === null ? '' : String(e.severity),
    e.companies.map((c) => c.id).join(' '),
    e.countries.join(' '),
    e.sources.map((s) => s.feedTitle ?? String(s.feedId)).join(' | '),
    e.summary,
  ]);
}

export function csvLine(fields: string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}
