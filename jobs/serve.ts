import http from 'node:http';
import zlib from 'node:zlib';
import compression from 'compression';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { rewriteForwardedHeaders } from '../lib/auth/forwarded-for';
import { getConfig } from '../lib/config';
import { log } from '../lib/log';

/**
 * The production web server (`npm run serve`, and the dashboard half of `npm start`): Next.js's
 * request handler behind a plain Node HTTP server of our own. `next start` keeps an
 * X-Forwarded-For the client sent, so anyone talking to it directly could pick the address the
 * per-address sign-in limit counts. Here every request's forwarding headers are rewritten from the
 * socket first (lib/auth/forwarded-for.ts), before proxy.ts or any route sees them.
 *
 *   tsx jobs/serve.ts [--hostname 127.0.0.1]    port from PORT (3000); all interfaces by default
 */
const ROOT = path.resolve(__dirname, '..');
const SHUTDOWN_GRACE_MS = 5_000;

// Responses are compressed here, at the fastest levels (gzip 1, brotli 1), instead of by Next.js
// (`compress: false` in next.config.js), whose default gzip level spent ~10 ms on a 750 KiB events
// CSV (brotli 4, the compression package's default, ~7 ms); level 1 takes ~3 ms for a file 10-20%
// larger (docs/benchmarks.md). A route cannot choose for itself: Next.js drops the
// Content-Encoding a route handler sets.
const compressLevel1 = compression({
  level: zlib.constants.Z_BEST_SPEED,
  brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } },
});
const compress = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) =>
  // compression is written for Express, whose request and response extend Node's own.
  compressLevel1(req as Parameters<typeof compressLevel1>[0], res as Parameters<typeof compressLevel1>[1], next);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { hostname: { type: 'string', short: 'H' } }, strict: true });
  const hostname = values.hostname;
  const config = getConfig();
  const port = config.PORT;
  const trusted = config.CHIPWATCH_TRUSTED_PROXIES;

  // What `next start` does before loading Next.js: React and Next.js pick their production code by it.
  Object.assign(process.env, { NODE_ENV: 'production' });
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: ROOT, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = http.createServer((req, res) => {
    rewriteForwardedHeaders(req.headers, req.socket as net.Socket & { encrypted?: boolean }, trusted);
    compress(req, res, () => {
      handle(req, res).catch((err: unknown) => {
        log.error({ err, url: req.url }, 'request failed');
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
    });
  });
  server.on('error', (err) => {
    log.fatal({ err }, 'web server failed');
    process.exit(1);
  });
  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));

  // As `next start` does: server actions that redirect render the target with a request to this
  // origin, which otherwise comes from the Host header the client sent.
  const shown = !hostname || hostname === '0.0.0.0' ? 'localhost' : hostname === '::' ? '[::1]' : net.isIPv6(hostname) ? `[${hostname}]` : hostname;
  process.env.__NEXT_PRIVATE_ORIGIN = `http://${shown}:${port}`;
  log.info(
    { url: process.env.__NEXT_PRIVATE_ORIGIN, listening: hostname ?? 'all interfaces', trustedProxies: trusted.entries.length ? trusted.entries : 'none' },
    'web server ready',
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'web server stopping');
    // Finish the requests in flight, but do not wait for ever on a slow or stuck client.
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    server.close(() => {
      app.close().finally(() => process.exit(0));
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`chipwatch: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
