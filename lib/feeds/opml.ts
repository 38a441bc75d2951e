import { parseStringPromise } from 'xml2js';

export interface OpmlOutline {
  url: string;
  title?: string;
  siteUrl?: string;
}

export class OpmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpmlError';
  }
}

interface XmlNode {
  $?: Record<string, string>;
  outline?: XmlNode[];
}

/** Reads the feed outlines (any depth, categories flattened) of an OPML document. */
export async function parseOpml(text: string): Promise<OpmlOutline[]> {
  if (/<!ENTITY/i.test(text.slice(0, 4096))) throw new OpmlError('invalid OPML: entity declarations are not allowed');
  let doc: { opml?: { body?: XmlNode[] } };
  try {
    doc = await parseStringPromise(text, { explicitArray: true });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const line = /\nLine:\s*(\d+)/.exec(message);
    throw new OpmlError(`invalid OPML: XML error${line ? ` at line ${Number(line[1]) + 1}` : ''}: ${message.split('\n')[0]}`);
  }
  const body = doc?.opml?.body?.[0];
  if (!body) throw new OpmlError('invalid OPML: no <opml><body> element');
  const outlines: OpmlOutline[] = [];
  const walk = (nodes: XmlNode[] | undefined) => {
    for (const node of nodes ?? []) {
      const attrs = node.$ ?? {};
      if (attrs.xmlUrl) {
        outlines.push({
          url: attrs.xmlUrl.trim(),
          title: (attrs.title ?? attrs.text)?.trim() || undefined,
          siteUrl: attrs.htmlUrl?.trim() || undefined,
        });
      }
      walk(node.outline);
    }
  };
  walk(body.outline);
  return outlines;
}

export function renderOpml(outlines: OpmlOutline[], title = 'chipwatch feeds', now = new Date()): string {
  const lines = outlines.map((o) => {
    const text = escapeXml(o.title ?? o.url);
    const site = o.siteUrl ? ` htmlUrl="${escapeXml(o.siteUrl)}"` : '';
    return `    <outline type="rss" text="${text}" title="${text}" xmlUrl="${escapeXml(o.url)}"${site}/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeXml(title)}</title>`,
    `    <dateCreated>${now.toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...lines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}
