import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientIp } from '../../lib/auth/client-ip';
import { normaliseAddress, parseTrustedProxies, resolveClientAddress, resolveProto, rewriteForwardedHeaders } from '../../lib/auth/forwarded-for';
import { ConfigError, parseConfig } from '../../lib/config';

const NOBODY = parseTrustedProxies('');
const trustedFrom = (value?: string) => parseConfig({ NODE_ENV: 'test', CHIPWATCH_TRUSTED_PROXIES: value }).CHIPWATCH_TRUSTED_PROXIES;

describe('the client address, trusting nobody (the default)', () => {
  it('is the socket address whatever X-Forwarded-For says', () => {
    expect(resolveClientAddress('203.0.113.9', '198.51.100.1', NOBODY)).toBe('203.0.113.9');
    expect(resolveClientAddress('203.0.113.9', ['198.51.100.1', '198.51.100.2'], NOBODY)).toBe('203.0.113.9');
    expect(resolveClientAddress('127.0.0.1', '127.0.0.1, 10.0.0.1', NOBODY)).toBe('127.0.0.1');
    expect(resolveClientAddress('2001:db8::7', undefined, NOBODY)).toBe('2001:db8::7');
  });

  it('gives an IPv4 client on a dual-stack socket as IPv4', () => {
    expect(resolveClientAddress('::ffff:127.0.0.1', 'x', NOBODY)).toBe('127.0.0.1');
  });

  it('is "unknown" when the socket has no address any more', () => {
    expect(resolveClientAddress(undefined, '198.51.100.1', NOBODY)).toBe('unknown');
  });
});

describe('the client address behind trusted proxies', () => {
  const trusted = parseTrustedProxies('10.0.0.0/8, 127.0.0.1, fd00::/8');

  it('is the right-most X-Forwarded-For entry that is not a trusted proxy', () => {
    expect(resolveClientAddress('127.0.0.1', '198.51.100.1', trusted)).toBe('198.51.100.1');
    // What the client wrote itself (left of the address the first proxy saw) is never read.
    expect(resolveClientAddress('127.0.0.1', '6.6.6.6, 198.51.100.1', trusted)).toBe('198.51.100.1');
    // Through a chain of trusted proxies.
    expect(resolveClientAddress('10.0.0.2', '6.6.6.6, 198.51.100.1, 10.1.2.3, fd00::1', trusted)).toBe('198.51.100.1');
    // Repeated headers arrive as one list.
    expect(resolveClientAddress('10.0.0.2', ['6.6.6.6', '198.51.100.1, 10.1.2.3'], trusted)).toBe('198.51.100.1');
  });

  it('is the proxy itself when it forwards nothing, or the left-most address when every hop is trusted', () => {
    expect(resolveClientAddress('127.0.0.1', undefined, trusted)).toBe('127.0.0.1');
    expect(resolveClientAddress('10.0.0.2', '10.9.9.9, 10.1.1.1', trusted)).toBe('10.9.9.9');
  });

  it('believes X-Forwarded-For only from a trusted peer', () => {
    expect(resolveClientAddress('203.0.113.9', '198.51.100.1', trusted)).toBe('203.0.113.9');
    expect(resolveClientAddress('11.0.0.1', '198.51.100.1', trusted)).toBe('11.0.0.1');
  });

  it('reads entries with ports, brackets and IPv6 in any spelling as one canonical address', () => {
    expect(resolveClientAddress('127.0.0.1', '198.51.100.1:51234', trusted)).toBe('198.51.100.1');
    expect(resolveClientAddress('127.0.0.1', '[2001:DB8:0:0::1]:443', trusted)).toBe('2001:db8::1');
    expect(resolveClientAddress('127.0.0.1', ' 2001:db8::1 ', trusted)).toBe('2001:db8::1');
    expect(resolveClientAddress('127.0.0.1', '::ffff:198.51.100.1', trusted)).toBe('198.51.100.1');
    expect(resolveClientAddress('::ffff:127.0.0.1', '198.51.100.1', trusted)).toBe('198.51.100.1');
  });

  it('stops at the trusted hop that passed on an entry that is not an address', () => {
    for (const junk of ['unknown', '', 'not an ip', '198.51.100.1; drop table', '1.2.3', '999.1.1.1', '_hidden', '<script>']) {
      expect(resolveClientAddress('127.0.0.1', junk, trusted)).toBe('127.0.0.1');
      expect(resolveClientAddress('10.0.0.2', `198.51.100.1, ${junk}, 10.1.1.1`, trusted)).toBe('10.1.1.1');
    }
    // Junk the client wrote further left does not matter.
    expect(resolveClientAddress('127.0.0.1', 'junk, 198.51.100.1', trusted)).toBe('198.51.100.1');
  });
});

describe('trusted proxy lists', () => {
  it('match IPv4 and IPv6 ranges by their prefix', () => {
    const trusted = parseTrustedProxies('192.168.0.0/16,2001:db8:abcd::/48,::1');
    expect(trusted.has('192.168.255.1')).toBe(true);
    expect(trusted.has('192.169.0.1')).toBe(false);
    expect(trusted.has('2001:db8:abcd:12::1')).toBe(true);
    expect(trusted.has('2001:db8:abce::1')).toBe(false);
    expect(trusted.has('::1')).toBe(true);
    expect(trusted.has('127.0.0.1')).toBe(false);
    expect(trusted.has('unknown')).toBe(false);
  });

  it('take IPv4-mapped entries as IPv4, since addresses are compared in that form', () => {
    const trusted = parseTrustedProxies('::ffff:10.0.0.0/104, ::ffff:127.0.0.1');
    expect(trusted.entries).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(resolveClientAddress('::ffff:10.2.3.4', '198.51.100.1', trusted)).toBe('198.51.100.1');
    expect(resolveClientAddress('127.0.0.1', '198.51.100.1', trusted)).toBe('198.51.100.1');
  });

  it('trust nobody when empty', () => {
    expect(parseTrustedProxies(' , ').entries).toEqual([]);
    expect(NOBODY.has('127.0.0.1')).toBe(false);
  });

  it('refuse anything that is not an address or a range, naming it', () => {
    for (const bad of ['localhost', '10.0.0.0/33', '2001:db8::/129', '10.0.0.0/', '10.0.0.0/8/8', '1.2.3.4/x', 'fe80::1%eth0', '::ffff:10.0.0.0/64', '*']) {
      expect(() => parseTrustedProxies(`127.0.0.1,${bad}`), bad).toThrow(JSON.stringify(bad));
    }
  });

  it('come from CHIPWATCH_TRUSTED_PROXIES, and a bad value stops start-up with the variable named', () => {
    expect(trustedFrom(undefined).entries).toEqual([]);
    expect(trustedFrom('').entries).toEqual([]);
    expect(trustedFrom('127.0.0.1, 10.0.0.0/8').entries).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(() => trustedFrom('10.0.0.0/8,proxy.internal')).toThrow(ConfigError);
    expect(() => trustedFrom('10.0.0.0/8,proxy.internal')).toThrow(/CHIPWATCH_TRUSTED_PROXIES: "proxy.internal" is not an IP address/);
  });
});

describe('addresses', () => {
  it('are written one way for one host', () => {
    expect(normaliseAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normaliseAddress('::FFFF:7f00:1')).toBe('127.0.0.1');
    expect(normaliseAddress('2001:0DB8:0000::0001')).toBe('2001:db8::1');
    expect(normaliseAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(normaliseAddress('::1')).toBe('::1');
    for (const bad of ['', 'localhost', '01.2.3.4', '1.2.3.4.5', '::g']) expect(normaliseAddress(bad), bad).toBeUndefined();
  });
});

describe('the scheme', () => {
  it('comes from X-Forwarded-Proto only through a trusted proxy, else from the socket', () => {
    expect(resolveProto(false, 'https', false)).toBe('http');
    expect(resolveProto(false, undefined, true)).toBe('https');
    expect(resolveProto(true, 'https', false)).toBe('https');
    expect(resolveProto(true, 'HTTPS, http', false)).toBe('https');
    expect(resolveProto(true, 'http', true)).toBe('http');
    expect(resolveProto(true, 'gopher', false)).toBe('http');
    expect(resolveProto(true, undefined, false)).toBe('http');
  });
});

describe('rewriting a request’s headers', () => {
  const forged = (): IncomingHttpHeaders => ({
    host: 'dash.example.com',
    'x-forwarded-for': '198.51.100.1, 198.51.100.2',
    'x-real-ip': '198.51.100.3',
    'x-forwarded-proto': 'https',
    'x-forwarded-host': 'evil.example',
    'x-forwarded-port': '443',
  });

  it('replaces what an untrusted client claimed with its socket address and scheme', () => {
    const headers = forged();
    expect(rewriteForwardedHeaders(headers, { remoteAddress: '::ffff:203.0.113.9' }, NOBODY)).toEqual({ client: '203.0.113.9', proto: 'http' });
    expect(headers).toEqual({ host: 'dash.example.com', 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'http' });
    // What lib/auth/client-ip.ts then reads.
    expect(clientIp(new Headers(headers as Record<string, string>))).toBe('203.0.113.9');
  });

  it('keeps a trusted proxy’s word, reduced to one address and one scheme', () => {
    const headers = forged();
    rewriteForwardedHeaders(headers, { remoteAddress: '127.0.0.1' }, parseTrustedProxies('127.0.0.1'));
    expect(headers).toEqual({
      host: 'dash.example.com',
      'x-forwarded-for': '198.51.100.2',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-port': '443',
    });
  });
});
