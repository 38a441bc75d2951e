import Parser from 'rss-parser';

/** The fields of a parsed entry that the normaliser reads, whatever the feed format. */
export interface RawEntry {
  title?: string;
  link?: string;
  guid?: string;
  id?: string;
  'rdf:about'?: string;
  pubDate?: string;
  dcDate?: string;
  published?: string;
  updated?: string;
  content?: string;
  contentSnippet?: string;
  summary?: string;
  contentEncoded?: string;
}

export interface ParsedFeed {
  title?: string;
  description?: string;
  link?: string;
  items: RawEntry[];
}

export class FeedParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedParseError';
  }
}

/**
 * rss-parser as it is, minus the one step whose result we never read: for every item it parses the
 * date again and formats it as `isoDate` (~2 µs an item, ~3% of the document worker's time). The
 * normaliser reads the feed's own date fields and parses them itself (normalise-item.ts), with
 * the same Date.parse first. `setISODate` is a method of the parser's class, so a subclass can leave
 * it out; should a later rss-parser stop calling it, nothing changes but the speed.
 */
class FeedParser<F, I> extends Parser<F, I> {
  setISODate(): void {}
}

const parser = new FeedParser<Record<string, unknown>, RawEntry>({
  customFields: {
    item: [
      ['dc:date', 'dcDate'],
      ['content:encoded', 'contentEncoded'],
      ['published', 'published'],
      ['updated', 'updated'],
    ],
  },
});

/**
 * Parses decoded feed text (RSS 0.9x/2.0, RSS 1.0, Atom 1.0). Refuses documents that declare
 * entities: no feed needs them, and they are how entity-expansion ("billion laughs") and external
 * entity (XXE) attacks arrive. The underlying parser does not expand them either; refusing gives
 * the feed a clear error instead of a half-parsed result.
 */
export async function parseFeedText(text: string, contentType?: string | null): Promise<ParsedFeed> {
  // The prolog (everything before the root element) is where a DTD can declare entities.
  const rootStart = text.search(/<[A-Za-z]/);
  const prolog = rootStart === -1 ? text : text.slice(0, rootStart);
  if (/<!ENTITY/i.test(prolog) || /<!DOCTYPE[^>]*\[/i.test(prolog)) {
    throw new FeedParseError('XML error: entity declarations are not allowed in feeds (DTD refused)');
  }
  if (looksLikeHtml(text.slice(0, 4096))) {
    throw new FeedParseError(`not a feed: got ${mediaType(contentType) ?? 'an HTML page'}`);
  }
  try {
    const feed = await parser.parseString(text);
    return {
      title: stringOrUndefined(feed.title),
      description: stringOrUndefined(feed.description),
      link: stringOrUndefined(feed.link),
      items: feed.items ?? [],
    };
  } catch (err) {
    throw new FeedParseError(describeParseError(err, contentType));
  }
}

function looksLikeHtml(head: string): boolean {
  const start = head.replace(/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*/, '');
  return /^<!doctype\s+html/i.test(start) || /^<html[\s>]/i.test(start);
}

function mediaType(contentType?: string | null): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type || undefined;
}

function describeParseError(err: unknown, contentType?: string | null): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/not recognized as RSS/i.test(message)) {
    const type = mediaType(contentType);
    return type ? `not a feed: got ${type} without an RSS or Atom root element` : 'not a feed: no RSS or Atom root element';
  }
  // sax reports "Reason\nLine: N\nColumn: M\nChar: c" with zero-based lines.
  const lineMatch = /\nLine:\s*(\d+)/.exec(message);
  const reason = message.split('\n')[0].trim();
  if (lineMatch) return `XML error at line ${Number(lineMatch[1]) + 1}: ${reason}`;
  return `XML error: ${reason}`;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}
