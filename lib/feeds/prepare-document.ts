import { autoTagging, type ItemTagging } from '../tagging/auto-tagging';
import type { Tagger } from '../tagging/tag-text';
import { decodeFeedBytes } from './decode';
import { normaliseEntry, type NormalisedItem } from './normalise-item';
import { parseFeedText } from './parse-feed';

/** A fetched feed document, as handed to preparation (possibly on another thread: plain data only). */
export interface DocumentInput {
  body: Uint8Array;
  contentType: string | null;
  /** Where relative links resolve when the feed gives no site link of its own: the feed's URL. */
  fallbackBase: string;
  /** When the document was fetched: the date of items without one, and the cap on future dates. */
  now: number;
}

export interface PreparedEntry {
  item: NormalisedItem;
  /** The tagger's verdict before any analyst's corrections (store-items applies those). */
  tagging: ItemTagging;
}

export interface PreparedDocument {
  title?: string;
  siteLink?: string;
  entries: PreparedEntry[];
  taggerVersion: string;
}

/**
 * Everything between the fetched bytes and the database: decode → parse → normalise → tag. Pure
 * (no database, no shared state), which is what lets the ingest run it on a worker thread while the
 * main thread writes the previous document (lib/feeds/document-preparer.ts).
 *
 * Every entry is tagged, even one that turns out unchanged when it is stored: which ones changed
 * is only known against the database, and the tagging runs beside the writes, off the main thread.
 */
export async function prepareDocument(input: DocumentInput, tagger: Tagger): Promise<PreparedDocument> {
  const body = Buffer.isBuffer(input.body) ? input.body : Buffer.from(input.body.buffer, input.body.byteOffset, input.body.byteLength);
  const decoded = decodeFeedBytes(body, input.contentType);
  const parsed = await parseFeedText(decoded.text, input.contentType);
  const siteLink = parsed.link && /^https?:/i.test(parsed.link) ? parsed.link : undefined;
  const base = safeBase(siteLink ?? input.fallbackBase);
  const now = new Date(input.now);
  // Loops, not map() with arrow functions: a fresh closure per document was optimised afresh, with
  // the whole tagger inlined into it, six times a run (--trace-opt).
  const normalised: NormalisedItem[] = [];
  for (const entry of parsed.items) normalised.push(normaliseEntry(entry, base, now));
  const items = dedupeWithinDocument(normalised);
  const entries: PreparedEntry[] = [];
  for (const item of items) entries.push({ item, tagging: autoTagging(tagger, item) });
  return { title: parsed.title?.trim() || undefined, siteLink, entries, taggerVersion: tagger.version };
}

/** A document that lists the same entry twice keeps the last copy, so one write counts it once. */
function dedupeWithinDocument(entries: NormalisedItem[]): NormalisedItem[] {
  const byKey = new Map<string, NormalisedItem>();
  for (const entry of entries) byKey.set(entry.dedupeKey, entry);
  return byKey.size === entries.length ? entries : [...byKey.values()];
}

function safeBase(url: string): string {
  return /^https?:/i.test(url) ? url : 'https://invalid.invalid/';
}
