import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

/**
 * Serves the corpus folder from its own process, so serving does not share the ingest's event
 * loop. Listens on all loopback addresses: feeds are spread over 127.0.0.1-127.0.0.10 so the
 * one-fetch-per-host rule still lets four fetches run at once. Prints the port on stdout.
 */
const dir = process.argv[2];
const cache = new Map<string, Buffer>();
const server = http.createServer((req, res) => {
  const name = path.basename((req.url ?? '/').split('?')[0]);
  let body = cache.get(name);
  if (!body) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    body = fs.readFileSync(file);
    cache.set(name, body);
  }
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', 'content-length': body.length }).end(body);
});
server.listen(0, '0.0.0.0', () => {
  process.stdout.write(`${(server.address() as import('node:net').AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
