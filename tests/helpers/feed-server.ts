import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

/**
 * A real HTTP server on 127.0.0.1 serving whatever the test puts in `routes`. It counts requests
 * per path and tracks how many are in flight at once, for the concurrency tests.
 */
export async function startFeedServer(routes: Record<string, Route> = {}) {
  const hits = new Map<string, number>();
  const requests: http.IncomingMessage[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const openSockets = new Set<import('node:net').Socket>();
  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    hits.set(path, (hits.get(path) ?? 0) + 1);
    requests.push(req);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    const route = routes[path];
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    try {
      await route(req, res);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500).end(String(err));
    }
  });
  server.on('connection', (socket) => {
    openSockets.add(socket);
    socket.on('close', () => openSockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    port,
    routes,
    url: (path: string) => `${base}${path}`,
    hits: (path: string) => hits.get(path) ?? 0,
    requests,
    maxInFlight: () => maxInFlight,
    close: async () => {
      for (const socket of openSockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FeedServer = Awaited<ReturnType<typeof startFeedServer>>;

/** A route that answers with a fixed body and headers. */
export function serve(body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/rss+xml; charset=utf-8' }, status = 200): Route {
  return (_req, res) => {
    res.writeHead(status, headers).end(body);
  };
}

export function rss2(items: { title: string; link?: string; guid?: string; description?: string; pubDate?: string }[], channelTitle = 'Test feed'): string {
  const entries = items
    .map(
      (i) => `<item>
  <title>${i.title}</title>
  ${i.link ? `<link>${i.link}</link>` : ''}
  ${i.guid ? `<guid isPermaLink="false">${i.guid}</guid>` : ''}
  ${i.description !== undefined ? `<description>${i.description}</description>` : ''}
  ${i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : ''}
</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>${channelTitle}</title><link>https://example.com/</link><description>test</description>
${entries}
</channel></rss>`;
}
