import http from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertPublicFeedAddress } from '../../lib/feeds/check-feed-address';
import { fetchFeed } from '../../lib/feeds/fetch-feed';
import { createFeedAgent } from '../../lib/feeds/http-agent';
import { FeedInputError } from '../../lib/feeds/manage-feeds';
import { rss2 } from '../helpers/feed-server';

/*
 * The private-address guard against the two ways round it: a public-looking server that redirects
 * to 127.0.0.1, and a name that resolves to 127.0.0.1. Real servers, real sockets; the only stand-in
 * is "public": a server on 127.0.0.2 that the agent is told to trust, so the first hop connects
 * and the redirect is what the guard has to stop.
 */
let privateServer: http.Server;
let publicServer: http.Server;
let privateHits = 0;
let privatePort = 0;
let publicPort = 0;

const listen = (server: http.Server, host: string) => new Promise<number>((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));

beforeAll(async () => {
  privateServer = http.createServer((_req, res) => {
    privateHits++;
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss2([{ title: 'internal secret', guid: 's' }]));
  });
  privatePort = await listen(privateServer, '127.0.0.1');
  publicServer = http.createServer((req, res) => {
    if (req.url === '/ok.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss2([{ title: 'public story', guid: 'p' }]));
    res.writeHead(302, { location: `http://127.0.0.1:${privatePort}/admin.xml` }).end();
  });
  publicPort = await listen(publicServer, '127.0.0.2');
});
afterAll(async () => {
  await new Promise((r) => privateServer.close(r));
  await new Promise((r) => publicServer.close(r));
});

const toLoopback = ((_host: string, options: unknown, cb: unknown) => {
  const callback = (typeof options === 'function' ? options : cb) as (...args: unknown[]) => void;
  const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
  if (all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
}) as unknown as LookupFunction;

describe('the private-address guard on fetches', () => {
  const options = { timeoutMs: 5_000, maxBytes: 1_000_000 };

  it('fetches from the trusted "public" server (so the next test proves the redirect, not the first hop, is stopped)', async () => {
    const agent = createFeedAgent({ allowPrivate: false, trustedAddresses: ['127.0.0.2'] });
    const result = await fetchFeed(`http://127.0.0.2:${publicPort}/ok.xml`, { agent, ...options });
    expect(result.kind).toBe('ok');
    await agent.close();
  });

  it('refuses a redirect to 127.0.0.1', async () => {
    const agent = createFeedAgent({ allowPrivate: false, trustedAddresses: ['127.0.0.2'] });
    await expect(fetchFeed(`http://127.0.0.2:${publicPort}/feed.xml`, { agent, ...options })).rejects.toThrow(/refused to connect to private address 127\.0\.0\.1/);
    expect(privateHits).toBe(0);
    await agent.close();
  });

  it('refuses a name that resolves to 127.0.0.1', async () => {
    const agent = createFeedAgent({ allowPrivate: false, lookup: toLoopback });
    await expect(fetchFeed(`http://feeds.example.com:${privatePort}/feed.xml`, { agent, ...options })).rejects.toThrow(/refused to connect to private address 127\.0\.0\.1/);
    expect(privateHits).toBe(0);
    await agent.close();
  });
});

describe('the check on feeds added in the dashboard', () => {
  const lookupAll = async () => [{ address: '127.0.0.1' }];

  it('refuses private literals and names resolving to them with a clear message', async () => {
    await expect(assertPublicFeedAddress('http://127.0.0.1:9/x.xml', { allowPrivate: false })).rejects.toThrow('127.0.0.1 is a private or local address');
    await expect(assertPublicFeedAddress('http://[::1]/x.xml', { allowPrivate: false })).rejects.toThrow(FeedInputError);
    await expect(assertPublicFeedAddress('http://169.254.169.254/latest/meta-data', { allowPrivate: false })).rejects.toThrow(FeedInputError);
    await expect(assertPublicFeedAddress('http://intranet.example.com/feed.xml', { allowPrivate: false, lookup: lookupAll })).rejects.toThrow(
      'intranet.example.com resolves to the private or local address 127.0.0.1',
    );
  });

  it('accepts public addresses, names that do not resolve now, and anything when private feeds are allowed', async () => {
    await expect(assertPublicFeedAddress('http://192.0.2.10/feed.xml', { allowPrivate: false })).resolves.toBeUndefined();
    const failing = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    await expect(assertPublicFeedAddress('https://offline.example/feed.xml', { allowPrivate: false, lookup: failing })).resolves.toBeUndefined();
    await expect(assertPublicFeedAddress('http://127.0.0.1/feed.xml', { allowPrivate: true })).resolves.toBeUndefined();
  });
});
