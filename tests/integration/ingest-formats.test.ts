import zlib from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { addFeed } from '../../lib/feeds/manage-feeds';
import { runIngest } from '../../lib/feeds/run-ingest';
import { listItems } from '../../lib/queries/list-items';
import { serve } from '../helpers/feed-server';
import { useIngestHarness } from '../helpers/ingest-harness';

const FIXTURES = path.resolve(__dirname, '../fixtures/feeds');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));


const h = useIngestHarness();

async function ingestOne(routePath: string) {
  const { feed } = addFeed(h.temp.db, h.server.url(routePath));
  const summary = await runIngest(h.temp.db, { feedIds: [feed.id], allowPrivate: true });
  return { feed, summary, items: listItems(h.temp.db, { all: true, limit: 1000 }).filter((i) => i.feedId === feed.id) };
}

describe('feed formats and encodings over HTTP', () => {
  it('reads RSS 2.0', async () => {
    h.server.routes['/rss2.xml'] = serve(fixture('rss2.xml'));
    const { summary, items } = await ingestOne('/rss2.xml');
    expect(summary.ok).toBe(1);
    expect(items.map((i) => i.title).sort()).toEqual([
      'Commerce adds 36 Chinese chip firms to the Entity List',
      'Netherlands widens licence rule for ASML immersion tools',
      'Untitled brief with a relative link',
    ]);
    const relative = items.find((i) => i.title.startsWith('Untitled'))!;
    expect(relative.url).toBe('https://example.com/briefs/relative-1');
    const entity = items.find((i) => i.title.startsWith('Commerce'))!;
    expect(entity.publishedAt).toBe('2022-12-15T14:00:00.000Z');
    expect(entity.summary).toBe('Yangtze Memory Technologies is among the companies named in the rule.');
  });

  it('reads RSS 1.0 (RDF) with dc:date', async () => {
    h.server.routes['/rdf.xml'] = serve(fixture('rss1.rdf'), { 'content-type': 'application/rdf+xml' });
    const { items } = await ingestOne('/rdf.xml');
    expect(items).toHaveLength(2);
    const japan = items.find((i) => i.title.includes('Japan'))!;
    expect(japan.publishedAt).toBe('2023-05-23T01:30:00.000Z');
    expect(japan.url).toBe('https://example.org/rdf/japan-23-items');
  });

  it('reads Atom 1.0', async () => {
    h.server.routes['/atom.xml'] = serve(fixture('atom.xml'), { 'content-type': 'application/atom+xml' });
    const { items, feed } = await ingestOne('/atom.xml');
    expect(items).toHaveLength(2);
    const gallium = items.find((i) => i.title.includes('gallium'))!;
    expect(gallium.url).toBe('https://example.net/asia/gallium-licences');
    expect(gallium.publishedAt).toBe('2023-07-03T12:00:00.000Z');
    expect(gallium.summary).toBe('Exporters of gallium and germanium products will need licences from 1 August.');
    const stored = h.temp.db.query.feeds.findFirst({ where: (f, { eq }) => eq(f.id, feed.id) }).sync();
    expect(stored?.title).toBe('Asia supply desk (test)');
  });

  it('reads a GBK feed declared in its XML prolog', async () => {
    const xml = fixture('gbk-source.xml').toString('utf8');
    h.server.routes['/gbk.xml'] = serve(iconv.encode(xml, 'gbk'), { 'content-type': 'application/rss+xml' });
    const { items } = await ingestOne('/gbk.xml');
    expect(items.map((i) => i.title).sort()).toEqual(['商务部对镓锗相关物项实施出口管制', '网信办对美光产品启动网络安全审查']);
  });

  it('reads windows-1252 with curly quotes and accents', async () => {
    const xml = rssWithTitle('windows-1252', 'Breton’s “Chips Act” – Société européenne');
    h.server.routes['/cp1252.xml'] = serve(iconv.encode(xml, 'windows-1252'), { 'content-type': 'text/xml' });
    const { items } = await ingestOne('/cp1252.xml');
    expect(items[0].title).toBe('Breton’s “Chips Act” – Société européenne');
  });

  it('uses a charset given only in the Content-Type header', async () => {
    const xml = rssWithTitle(null, '東京エレクトロン、輸出規制の影響を説明');
    h.server.routes['/sjis.xml'] = serve(iconv.encode(xml, 'shift_jis'), { 'content-type': 'application/xml; charset=Shift_JIS' });
    const { items } = await ingestOne('/sjis.xml');
    expect(items[0].title).toBe('東京エレクトロン、輸出規制の影響を説明');
  });

  it.each([
    ['gzip', zlib.gzipSync],
    ['deflate', zlib.deflateSync],
    ['br', zlib.brotliCompressSync],
  ] as const)('decompresses %s bodies', async (encoding, compress) => {
    h.server.routes[`/${encoding}.xml`] = (req, res) => {
      expect(req.headers['accept-encoding']).toContain(encoding);
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': encoding }).end(compress(fixture('rss2.xml')));
    };
    const { summary, items } = await ingestOne(`/${encoding}.xml`);
    expect(summary.ok).toBe(1);
    expect(items).toHaveLength(3);
  });

  it('sends a real User-Agent', async () => {
    let agent = '';
    h.server.routes['/ua.xml'] = (req, res) => {
      agent = String(req.headers['user-agent']);
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(fixture('rss2.xml'));
    };
    await ingestOne('/ua.xml');
    expect(agent).toMatch(/^chipwatch\/\d+\.\d+/);
  });
});

function rssWithTitle(encoding: string | null, title: string): string {
  const prolog = encoding ? `<?xml version="1.0" encoding="${encoding}"?>` : '';
  return `${prolog}<rss version="2.0"><channel><title>t</title><link>https://example.com/</link><description>d</description>
<item><title>${title}</title><guid>one</guid><pubDate>Tue, 03 Oct 2023 10:00:00 GMT</pubDate></item></channel></rss>`;
}
