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
  // csvLine's output without its intermediate arrays: the export writes thousands of these.
  return `${csvField(String(e.id))},${csvField(e.publishedAt)},${csvField(e.title)},${csvField(e.url ?? '')},${csvField(e.eventType ?? '')},${csvField(
    e.severity === null ? '' : String(e.severity),
  )},${csvField(e.companies)},${csvField(e.countries)},${csvField(e.sources)},${csvField(e.summary)}\r\n`;
}

export function csvLine(fields: string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

// = + - @ tab CR: what spreadsheets may run as a formula at the start of a cell.
const FORMULA_START = new Set([61, 43, 45, 64, 9, 13]);

export function csvField(value: string): string {
  const safe = FORMULA_START.has(value.charCodeAt(0)) ? `'${value}` : value;
  return `"${safe.includes('"') ? safe.replace(/"/g, '""') : safe}"`;
}
