import type { IncomingHttpHeaders } from 'node:http';
import net from 'node:net';

/**
 * Who sent a request, decided once, at the edge (jobs/serve.ts), from the TCP connection.
 * X-Forwarded-For and X-Forwarded-Proto are claims anyone can write; they are believed only when
 * the connection comes from a proxy the operator named in CHIPWATCH_TRUSTED_PROXIES. Nothing here
 * does I/O, so the rules can be tested on their own.
 */

export class TrustedProxies {
  private readonly ranges = new net.BlockList();

  /** `entries` are canonical addresses or ranges (`10.0.0.0/8`, `2001:db8::/32`), as parseTrustedProxies made them. */
  constructor(readonly entries: readonly string[] = []) {
    for (const entry of entries) {
      const [address, prefix] = entry.split('/');
      const family = net.isIPv4(address) ? 'ipv4' : 'ipv6';
      if (prefix === undefined) this.ranges.addAddress(address, family);
      else this.ranges.addSubnet(address, Number(prefix), family);
    }
  }

  /** Whether a canonical address (normaliseAddress) belongs to a trusted proxy. */
  has(address: string): boolean {
    if (this.entries.length === 0 || net.isIP(address) === 0) return false;
    return this.ranges.check(address, net.isIPv4(address) ? 'ipv4' : 'ipv6');
  }
}

export class TrustedProxiesError extends Error {}

/**
 * A comma-separated list of IP addresses and CIDR ranges; empty trusts nobody. Anything else is
 * refused with the offending entry named, so a typo never silently trusts the wrong hosts.
 */
export function parseTrustedProxies(spec: string): TrustedProxies {
  const entries: string[] = [];
  for (const raw of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [addressPart, prefixPart, ...rest] = raw.split('/');
    const address = normaliseAddress(addressPart);
    if (address === undefined || rest.length > 0 || addressPart.includes('%')) {
      throw new TrustedProxiesError(`${JSON.stringify(raw)} is not an IP address or a CIDR range (such as 10.0.0.0/8 or fd00::/8)`);
    }
    if (prefixPart === undefined) {
      entries.push(address);
      continue;
    }
    // An IPv4-mapped range (::ffff:10.0.0.0/104) is an IPv4 range, since addresses are compared in IPv4 form.
    const mapped = net.isIPv4(address) && !net.isIPv4(addressPart.trim());
    const [min, max] = mapped ? [96, 128] : net.isIPv4(address) ? [0, 32] : [0, 128];
    const prefix = /^\d{1,3}$/.test(prefixPart) ? Number(prefixPart) : NaN;
    if (!(prefix >= min && prefix <= max)) {
      throw new TrustedProxiesError(`${JSON.stringify(raw)} needs a prefix length from ${min} to ${max}`);
    }
    entries.push(`${address}/${prefix - (mapped ? 96 : 0)}`);
  }
  return new TrustedProxies(entries);
}

/**
 * The canonical text of an IP address (lower case, IPv6 compressed, zone dropped), with an
 * IPv4-mapped IPv6 address such as `::ffff:127.0.0.1` (what a dual-stack socket reports for an
 * IPv4 client) given as plain IPv4, so one client has one key. Undefined for anything else.
 */
export function normaliseAddress(raw: string): string | undefined {
  const text = raw.trim();
  if (net.isIPv4(text)) return text;
  const withoutZone = text.split('%')[0];
  if (!net.isIPv6(withoutZone)) return undefined;
  const canonical = new URL(`http://[${withoutZone}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!mapped) return canonical;
  const [hi, lo] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** One X-Forwarded-For entry as an address; proxies sometimes add a port (`1.2.3.4:5678`, `[2001:db8::1]:443`). */
function forwardedEntryAddress(entry: string): string | undefined {
  const text = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(text);
  return normaliseAddress(bracketed?.[1] ?? v4WithPort?.[1] ?? text);
}

/**
 * The client: the socket's peer, unless that peer is a trusted proxy; then, walking X-Forwarded-For
 * from the right (each proxy appends the address it was connected from), the first address that
 * is not itself a trusted proxy. Entries further left were written by the client and are never
 * read. An entry that is not an address stops the walk at the trusted hop that passed it on.
 */
export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string {
  let client = normaliseAddress(socketAddress ?? '') ?? 'unknown';
  if (!trusted.has(client) || forwardedFor === undefined) return client;
  const hops = [forwardedFor].flat().join(',').split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = forwardedEntryAddress(hops[i]);
    if (hop === undefined) break;
    client = hop;
    if (!trusted.has(hop)) break;
  }
  return client;
}

/** The scheme the client used: a trusted proxy's X-Forwarded-Proto (its first entry), else the socket's own. */
export function resolveProto(peerTrusted: boolean, forwardedProto: string | string[] | undefined, encrypted: boolean): 'http' | 'https' {
  const own = encrypted ? 'https' : 'http';
  if (!peerTrusted) return own;
  const claimed = [forwardedProto].flat()[0]?.split(',')[0]?.trim().toLowerCase();
  return claimed === 'https' || claimed === 'http' ? claimed : own;
}

export interface Peer {
  remoteAddress?: string;
  /** True on a TLS socket (node:tls sets it); our server is plain http, so normally absent. */
  encrypted?: boolean;
}

/**
 * Replaces what the client said about itself with what we know, in the headers Next.js and our
 * code read: `x-forwarded-for` becomes exactly one address (the resolved client, read by
 * lib/auth/client-ip.ts for the per-address sign-in limit), `x-forwarded-proto` exactly one scheme
 * (read by lib/auth/session-cookie.ts for the Secure flag, and by Next.js for request.url), and
 * `x-real-ip` goes. From an untrusted peer, `x-forwarded-host` and `x-forwarded-port` go too, so
 * Next.js fills them from the Host header and the port it serves on.
 */
export function rewriteForwardedHeaders(headers: IncomingHttpHeaders, peer: Peer, trusted: TrustedProxies): { client: string; proto: 'http' | 'https' } {
  const peerTrusted = trusted.has(normaliseAddress(peer.remoteAddress ?? '') ?? '');
  const client = resolveClientAddress(peer.remoteAddress, headers['x-forwarded-for'], trusted);
  const proto = resolveProto(peerTrusted, headers['x-forwarded-proto'], peer.encrypted === true);
  headers['x-forwarded-for'] = client;
  headers['x-forwarded-proto'] = proto;
  delete headers['x-real-ip'];
  if (!peerTrusted) {
    delete headers['x-forwarded-host'];
    delete headers['x-forwarded-port'];
  }
  return { client, proto };
}
