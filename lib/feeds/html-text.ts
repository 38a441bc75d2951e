import { decodeHTML } from 'entities';
import { FilterXSS, getDefaultWhiteList } from 'xss';

/**
 * Plain text from feed markup: scripts and styles dropped, tags removed, entities decoded (twice
 * when a feed double-escaped them), whitespace collapsed. Regex-based on purpose: it runs on every
 * item of every poll, and it only has to produce text, not a DOM.
 */
export function htmlToText(input: string | undefined | null): string {
  if (!input) return '';
  let text = input.includes('<') ? stripMarkup(input) : input;
  if (text.includes('&')) {
    text = decodeHTML(text);
    // "&amp;lt;b&amp;gt;" arrives as "&lt;b&gt;" after XML parsing: decode once more, strip again.
    if (/&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i.test(text)) text = decodeHTML(text);
    if (TAG.test(text)) text = stripMarkup(text);
  }
  // Control characters other than whitespace have no place in a title or summary.
  // eslint-disable-next-line no-control-regex
  text = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ');
  // The replace builds a new string even where every gap is already one space, which is most titles
  // and summaries: skipped then, as it would change nothing. On the benchmark corpus that took a
  // summary from 2.3 to 1.3 µs and from 3.4 to 1.1 KiB of garbage (docs/benchmarks.md, 2026-12-04).
  if (NOT_COLLAPSED.test(text)) text = text.replace(/\s+/g, ' ');
  return text.trim();
}

/** Whitespace that `\s+ → ' '` would change: a run of two or more, or one that is not a plain space. */
const NOT_COLLAPSED = /[^\S ]| \s/;

const TAG = /<\/?[a-zA-Z][^>]*>/;

function stripMarkup(html: string): string {
  return html
    .replace(/<(script|style|noscript|iframe|object|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<\/?(p|div|br|li|ul|ol|h[1-6]|tr|td|th|blockquote|section|article)\b[^>]*>/gi, ' ')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '');
}

const whiteList = getDefaultWhiteList();
// Images are dropped: they are tracking pixels and mixed-content noise in a policy dashboard.
delete (whiteList as Record<string, unknown>).img;

// One filter for the process: building it per call (what filterXSS() does) re-processes the
// allow-list every time and was a tenth of ingest time in the benchmark.
const sanitiser = new FilterXSS({
  whiteList,
  stripIgnoreTag: true,
  stripIgnoreTagBody: ['script', 'style', 'iframe', 'object', 'noscript', 'template'],
});

/** Sanitised HTML for display: an allow-list of tags and attributes, no scripts, no javascript: URLs. */
export function sanitiseHtml(html: string): string {
  return isAlreadySafe(html) ? html : sanitiser.process(html);
}

/** The sanitiser without the fast path of `sanitiseHtml`: the tests hold the two to the same output. */
export function sanitiseHtmlFully(html: string): string {
  return sanitiser.process(html);
}

/*
 * Markup the sanitiser gives back unchanged, recognised without it: text with no angle brackets, a
 * few formatting tags written the way the sanitiser writes them, and links to http(s) URLs with
 * nothing but URL characters (no quotes, no entities, no spaces). Most feed summaries are exactly
 * that, and the sanitiser took 3 µs and 5.4 KiB of garbage per item to return them as they were
 * (docs/benchmarks.md). Anything else, however harmless, goes through the sanitiser. A property
 * test compares the two paths on generated markup and near misses (tests/unit/html-text.test.ts).
 */
const SAFE_TAG = /<\/?(?:p|b|i|em|strong|u)>|<br(?: \/)?>|<a href="https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$*()+,;=%]*">|<\/a>/y;

function isAlreadySafe(html: string): boolean {
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf('<', at);
    const gt = html.indexOf('>', at);
    if (gt !== -1 && (lt === -1 || gt < lt)) return false; // a '>' in the text
    if (lt === -1) return true;
    SAFE_TAG.lastIndex = lt;
    if (!SAFE_TAG.test(html)) return false;
    at = SAFE_TAG.lastIndex;
  }
  return true;
}

/** True when the text carries markup worth keeping (tags, not just escaped characters). */
export function hasMarkup(text: string | undefined | null): boolean {
  return !!text && TAG.test(text);
}
