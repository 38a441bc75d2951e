import type net from 'node:net';
import { Agent, buildConnector } from 'undici';
import { BlockedAddressError, isBlockedAddress } from './address-guard';

export interface FeedAgentOptions {
  allowPrivate: boolean;
  /** Replaces DNS resolution; tests use it to point a public-looking name at 127.0.0.1. */
  lookup?: net.LookupFunction;
  connectTimeoutMs?: number;
  /**
   * Exact addresses allowed although the guard would block them (one known intranet feed host),
   * while every other private address stays refused. Tests use it to stand a "public" server on a
   * second loopback address.
   */
  trustedAddresses?: readonly string[];
}

/**
 * An undici dispatcher whose every new socket is checked against the address guard *after* it
 * connects: the address checked is the one actually connected to, whatever DNS said and however
 * many redirects led there, which closes the DNS-rebinding gap of checking a name up front.
 */
export function createFeedAgent(options: FeedAgentOptions): Agent {
  const connectTimeout = options.connectTimeoutMs ?? 10_000;
  const baseConnect = buildConnector({
    timeout: connectTimeout,
    ...(options.lookup ? { lookup: options.lookup } : {}),
  } as buildConnector.BuildOptions);

  const guardedConnect: buildConnector.connector = (opts, callback) => {
    baseConnect(opts, (err, socket) => {
      if (err || !socket) return callback(err ?? new Error('connect failed'), null);
      const address = socket.remoteAddress ?? '';
      if (!options.allowPrivate && isBlockedAddress(address) && !options.trustedAddresses?.includes(address)) {
        socket.destroy();
        return callback(new BlockedAddressError(address), null);
      }
      callback(null, socket);
    });
  };

  return new Agent({ connect: guardedConnect, connections: 2, keepAliveTimeout: 4_000 });
}
