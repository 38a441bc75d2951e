import { parse } from 'csv-parse/sync';

export class SupplierCsvError extends Error {}

export interface SupplierRow {
  /** 1-based line in the file, for messages. */
  line: number;
  name: string;
  /** The row's other columns, "column: value" joined, kept for whoever maps an unmatched name. */
  details: string;
}

const MAX_BYTES = 1024 * 1024;
const MAX_ROWS = 5000;
// Most specific first: a list with both "Vendor" (often a number) and "Supplier name" takes the latter.
const NAME_COLUMNS = ['supplier name', 'company name', 'vendor name', 'name', 'supplier', 'company', 'manufacturer', 'vendor'];

/**
 * Reads a supplier list exported from a spreadsheet or an ERP: comma, semicolon or tab separated,
 * with or without a header. The name comes from a column called name/supplier/company/vendor, else
 * the first column. Blank names are skipped. A file that is not text, not CSV, or too large is
 * refused whole with the reason.
 */
export function parseSupplierCsv(input: string | Buffer): { rows: SupplierRow[]; skipped: number } {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (size > MAX_BYTES) throw new SupplierCsvError('the file is over 1 MiB; split the supplier list into smaller files');
  const text = typeof input === 'string' ? input : input.toString('utf8');
  if (text.includes('\u0000') || /\uFFFD{3}/.test(text)) throw new SupplierCsvError('this is not a text file: upload the supplier list as CSV (UTF-8)');
  if (!text.trim()) throw new SupplierCsvError('the file is empty');
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, max_record_size: 10_000 });
  } catch (err) {
    throw new SupplierCsvError(`not a readable CSV: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (records.length > MAX_ROWS + 1) throw new SupplierCsvError(`the file has ${records.length} rows; at most ${MAX_ROWS} suppliers per upload`);
  const header = records[0].map((h) => h.toLowerCase());
  const nameIndex = NAME_COLUMNS.map((n) => header.indexOf(n)).find((i) => i >= 0) ?? -1;
  const hasHeader = nameIndex >= 0;
  const column = hasHeader ? nameIndex : 0;
  const rows: SupplierRow[] = [];
  let skipped = 0;
  records.slice(hasHeader ? 1 : 0).forEach((record, i) => {
    const name = (record[column] ?? '').replace(/\s+/g, ' ').trim();
    if (!name || name.length > 200) {
      skipped++;
      return;
    }
    const details = record
      .map((value, c) => (c === column || !value ? '' : hasHeader ? `${records[0][c] ?? `column ${c + 1}`}: ${value}` : value))
      .filter(Boolean)
      .join('; ')
      .slice(0, 500);
    rows.push({ line: i + (hasHeader ? 2 : 1), name, details });
  });
  return { rows, skipped };
}

function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0];
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  return counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}
