/**
 * Highlighted search matches travel as plain text with two marker characters around each match,
 * never as HTML: the page splits on the markers and renders <mark> elements itself, so nothing from
 * a feed is ever parsed as markup. STX and ETX are stripped from every stored title and summary
 * (lib/feeds/html-text.ts removes control characters), so a feed cannot forge a marker.
 */
export const MARK_OPEN = '\u0002';
export const MARK_CLOSE = '\u0003';

export interface TextSegment {
  text: string;
  marked: boolean;
}

/** Splits marked text into plain and marked runs; stray or unbalanced markers are dropped. */
export function splitHighlights(value: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let marked = false;
  let current = '';
  const flush = () => {
    if (current) segments.push({ text: current, marked });
    current = '';
  };
  for (const ch of value) {
    if (ch === MARK_OPEN || ch === MARK_CLOSE) {
      flush();
      marked = ch === MARK_OPEN;
    } else current += ch;
  }
  flush();
  return segments;
}

/** The text without markers (for CSV, titles and other places that show no highlighting). */
export function stripHighlights(value: string): string {
  return value.replaceAll(MARK_OPEN, '').replaceAll(MARK_CLOSE, '');
}
