import { describe, expect, it } from 'vitest';
import { addFeed } from '../../lib/feeds/manage-feeds';
import { runIngest } from '../../lib/feeds/run-ingest';
import { listItems } from '../../lib/queries/list-items';
import { rss2, serve } from '../helpers/feed-server';
import { useIngestHarness } from '../helpers/ingest-harness';

const good = rss2([
  { title: 'Good story A', guid: 'a', pubDate: 'Tue, 03 Oct 2023 10:00:00 GMT' },
  { title: 'Good story B', guid: 'b', pubDate: 'Tue, 03 Oct 2023 11:00:00 GMT' },
]);

const h = useIngestHarness({ '/good.xml': serve(good) });

const feedRow = h.feedRow;

/**
 * Each hostile body is served by a feed that first worked (so it has stored items), alongside a
 * healthy feed in the same run. The bad feed must end with a clear error and its old items intact;
 * the healthy feed must be unaffected.
 */
async function expectCleanFailure(path: string, expected: RegExp | string, options: { timeoutMs?: number; maxBytes?: number } = {}) {
  let hostile = false;
  const bad = h.server.routes[path];
  h.server.routes[path] = (req, res) => (hostile ? bad(req, res) : serve(rss2([{ title: 'Stored before', guid: 'old-1' }]))(req, res));
  const victim = addFeed(h.temp.db, h.server.url(path)).feed;
  const healthy = addFeed(h.temp.db, h.server.url('/good.xml')).feed;
  await runIngest(h.temp.db, { feedIds: [victim.id], allowPrivate: true });
  expect(feedRow(victim.id).itemCount).toBe(1);
  hostile = true;
  const summary = await runIngest(h.temp.db, { feedIds: [victim.id, healthy.id], allowPrivate: true, ...options });
  const row = feedRow(victim.id);
  expect(row.lastStatus).toBe('error');
  if (typeof expected === 'string') expect(row.lastError).toBe(expected);
  else expect(row.lastError).toMatch(expected);
  expect(row.consecutiveFailures).toBe(1);
  expect(row.nextCheckAt!.getTime()).toBeGreaterThan(Date.now());
  expect(row.itemCount).toBe(1);
  const titles = listItems(h.temp.db, { all: true }).map((i) => i.title).sort();
  expect(titles).toEqual(['Good story A', 'Good story B', 'Stored before']);
  expect(summary).toMatchObject({ ok: 1, failed: 1 });
}

describe('broken and hostile content', () => {
  it('reports malformed XML with its line', async () => {
    h.server.routes['/malformed.xml'] = serve('<?xml version="1.0"?>\n<rss version="2.0"><channel>\n<item><title>Broken</titl></item></channel></rss>');
    await expectCleanFailure('/malformed.xml', /^XML error at line 3: Unexpected close tag/);
  });

  it('refuses billion-laughs entity expansion', async () => {
    const laughs = ['<!ENTITY lol "lol">'];
    for (let i = 1; i < 10; i++) laughs.push(`<!ENTITY lol${i} "${`&lol${i - 1 || ''};`.repeat(10)}">`);
    h.server.routes['/laughs.xml'] = serve(
      `<?xml version="1.0"?>\n<!DOCTYPE rss [\n${laughs.join('\n')}\n]>\n<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>`,
    );
    await expectCleanFailure('/laughs.xml', 'XML error: entity declarations are not allowed in feeds (DTD refused)');
  });

  it('refuses an external entity pointing at /etc/passwd', async () => {
    h.server.routes['/xxe.xml'] = serve(
      '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<rss version="2.0"><channel><title>x</title><item><title>&xxe;</title><guid>x</guid></item></channel></rss>',
    );
    await expectCleanFailure('/xxe.xml', 'XML error: entity declarations are not allowed in feeds (DTD refused)');
    expect(listItems(h.temp.db, { all: true }).some((i) => i.title.includes('root:'))).toBe(false);
  });

  it('stops reading a body over the size cap while it streams', async () => {
    let bytesSent = 0;
    let aborted = false;
    h.server.routes['/huge.xml'] = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>big</title>');
      const chunk = `<item><title>${'x'.repeat(16 * 1024)}</title></item>`;
      const pump = () => {
        while (bytesSent < 50 * 1024 * 1024 && !aborted) {
          bytesSent += chunk.length;
          if (!res.write(chunk)) return res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => (aborted = true));
      pump();
    };
    await expectCleanFailure('/huge.xml', 'body over 1 MiB', { maxBytes: 1024 * 1024 });
    // Streaming stopped near the cap instead of downloading all 50 MiB.
    expect(bytesSent).toBeLessThan(10 * 1024 * 1024);
  });

  it('rejects a declared Content-Length over the cap before reading', async () => {
    h.server.routes['/declared.xml'] = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(2 * 1024 * 1024) });
      res.write('<rss>');
    };
    await expectCleanFailure('/declared.xml', 'body over 1 MiB', { maxBytes: 1024 * 1024 });
  });

  it('times out a server that stalls after sending headers', async () => {
    h.server.routes['/stall.xml'] = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
      // ...and never another byte.
    };
    const started = Date.now();
    await expectCleanFailure('/stall.xml', 'timed out after 800 ms', { timeoutMs: 800 });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('times out a server that never answers', async () => {
    h.server.routes['/silent.xml'] = () => {
      /* no response at all */
    };
    await expectCleanFailure('/silent.xml', 'timed out after 600 ms', { timeoutMs: 600 });
  });

  it('reports a document that is XML but not a feed', async () => {
    h.server.routes['/notfeed.xml'] = serve('<?xml version="1.0"?><catalog><book>1984</book></catalog>', { 'content-type': 'application/xml' });
    await expectCleanFailure('/notfeed.xml', 'not a feed: got application/xml without an RSS or Atom root element');
  });

  it('reports an empty body', async () => {
    h.server.routes['/empty.xml'] = serve('', { 'content-type': 'application/rss+xml' });
    await expectCleanFailure('/empty.xml', /^(XML error|not a feed)/);
  });

  it('refuses a redirect to a non-http scheme', async () => {
    h.server.routes['/to-file.xml'] = (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    await expectCleanFailure('/to-file.xml', 'feed URLs must be http or https, not file');
  });
});
