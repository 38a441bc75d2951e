import type { EventRow } from './search-events';

/** One event as the CSV prints it; the last three columns come formatted (lib/queries/event-csv-details.ts). */
export type CsvEvent = Pick<EventRow, 'id' | 'publishedAt' | 'title' | 'url' | 'eventType' | 'severity' | 'summary'> & {
  /** Company ids, space-separated. */
  companies: string;
  /** Country codes, space-separated. */
  countries: string;
  /** Feed titles, " | "-separated. */
  sources: string;
};

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
    e.companies,
    e.countries,
    e.sources,
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
