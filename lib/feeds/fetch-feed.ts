import { STATUS_CODES } from 'node:http';
import { fetch, type Agent, type Response } from 'undici';
import { BlockedAddressError } from './address-guard';
import { describeBytes, describeDuration } from './format';

export const USER_AGENT =
  'chipwatch/0.1 (semiconductor trade-policy monitor; +https://github.com/chipwatch/chipwatch)';
const ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

export interface FetchFeedOptions {
  agent: Agent;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
  etag?: string | null;
  lastModified?: string | null;
}

interface FetchedBase {
  /** Set when the chain of redirects started with permanent ones (301/308): the URL to store instead. */
  permanentUrl?: string;
  finalUrl: string;
}
export type FetchFeedResult =
  | (FetchedBase & { kind: 'not-modified' })
  | (FetchedBase & {
      kind: 'ok';
      body: Buffer;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
    });

/** A failed fetch with a message fit for the feed's lastError. */
export class FeedFetchError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'FeedFetchError';
  }
}

/** Only http(s) feed URLs are fetched; returns the parsed URL or throws a clear message. */
export function parseFeedUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FeedFetchError(`not a valid URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FeedFetchError(`feed URLs must be http or https, not ${url.protocol.replace(/:$/, '')}`);
  }
  return url;
}

/**
 * Fetches one feed: conditional GET, redirects followed by hand (so permanent ones can update the
 * stored URL and every hop goes through the address guard), decompression, and a total deadline and
 * size cap that both hold while the body streams.
 */
export async function fetchFeed(url: string, options: FetchFeedOptions): Promise<FetchFeedResult> {
  const maxRedirects = options.maxRedirects ?? 5;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);

  try {
    let current = parseFeedUrl(url);
    let permanentUrl: string | undefined;
    let onlyPermanentSoFar = true;
    const visited = new Set<string>([current.href]);

    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = {
        'user-agent': USER_AGENT,
        accept: ACCEPT,
        'accept-encoding': 'gzip, deflate, br',
      };
      if (options.etag) headers['if-none-match'] = options.etag;
      if (options.lastModified) headers['if-modified-since'] = options.lastModified;

      const res = await fetch(current, {
        dispatcher: options.agent,
        headers,
        redirect: 'manual',
        signal: controller.signal,
      });

      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        const location = res.headers.get('location');
        await res.body?.cancel();
        if (!location) throw new FeedFetchError(`HTTP ${res.status} redirect without a Location header`);
        if (hop + 1 > maxRedirects) throw new FeedFetchError(`too many redirects (more than ${maxRedirects})`);
        const next = parseFeedUrl(new URL(location, current).href);
        if (visited.has(next.href)) throw new FeedFetchError(`redirect loop: ${next.href} was already visited`);
        visited.add(next.href);
        const permanent = res.status === 301 || res.status === 308;
        onlyPermanentSoFar &&= permanent;
        if (onlyPermanentSoFar) permanentUrl = next.href;
        current = next;
        continue;
      }

      if (res.status === 304) {
        await res.body?.cancel();
        return { kind: 'not-modified', finalUrl: current.href, permanentUrl };
      }

      if (!res.ok) {
        await res.body?.cancel();
        const reason = res.statusText || STATUS_CODES[res.status] || '';
        const retryAfterMs =
          res.status === 429 || res.status === 503 ? parseRetryAfter(res.headers.get('retry-after')) : undefined;
        const suffix = retryAfterMs !== undefined ? `, retry after ${describeDuration(retryAfterMs)}` : '';
        throw new FeedFetchError(`HTTP ${res.status}${reason ? ` ${reason}` : ''}${suffix}`, retryAfterMs);
      }

      const declaredLength = Number(res.headers.get('content-length'));
      const encoded = res.headers.get('content-encoding');
      // Content-Length counts compressed bytes; only trust it up front for identity bodies.
      if (!encoded && Number.isFinite(declaredLength) && declaredLength > options.maxBytes) {
        await res.body?.cancel();
        throw new FeedFetchError(`body over ${describeBytes(options.maxBytes)}`);
      }
      const body = await readCapped(res.body, options.maxBytes, controller);
      return {
        kind: 'ok',
        body,
        contentType: res.headers.get('content-type'),
        etag: res.headers.get('etag'),
        lastModified: res.headers.get('last-modified'),
        finalUrl: current.href,
        permanentUrl,
      };
    }
  } catch (err) {
    if (timedOut) throw new FeedFetchError(`timed out after ${describeDuration(options.timeoutMs)}`);
    throw toFeedFetchError(err);
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(
  body: Response['body'],
  maxBytes: number,
  controller: AbortController,
): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      controller.abort();
      throw new FeedFetchError(`body over ${describeBytes(maxBytes)}`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** Retry-After is either delay-seconds or an HTTP date. Returns milliseconds from now. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

function toFeedFetchError(err: unknown): FeedFetchError {
  if (err instanceof FeedFetchError) return err;
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  if (cause instanceof BlockedAddressError) return new FeedFetchError(cause.message);
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  switch (code) {
    case 'ECONNREFUSED':
      return new FeedFetchError('connection refused');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new FeedFetchError(`DNS lookup failed: ${message}`);
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return new FeedFetchError('connection reset by the server');
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new FeedFetchError('connection timed out');
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return new FeedFetchError(`TLS error: ${message}`);
    default:
      return new FeedFetchError(code ? `network error (${code}): ${message}` : `network error: ${message}`);
  }
}
