import dns from 'node:dns';
import net from 'node:net';
import { isBlockedAddress } from './address-guard';
import { FeedInputError } from './manage-feeds';

export type LookupAll = (hostname: string) => Promise<{ address: string }[]>;

const systemLookup: LookupAll = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/**
 * Refuses, when a feed is added from the dashboard, a URL whose host is or resolves to a private,
 * loopback or link-local address, so a user gets a clear answer at once instead of a failing feed.
 * This is an early answer, not the defence: DNS can change after this check and redirects can lead
 * anywhere, so every connection is checked again as it is made (http-agent.ts). A name that does
 * not resolve now is accepted for the same reason (offline, its fetch fails visibly later).
 */
export async function assertPublicFeedAddress(url: string, options: { allowPrivate: boolean; lookup?: LookupAll }): Promise<void> {
  if (options.allowPrivate) return;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (net.isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await (options.lookup ?? systemLookup)(host)).map((a) => a.address);
    } catch {
      return;
    }
  }
  const blocked = addresses.find(isBlockedAddress);
  if (blocked) {
    throw new FeedInputError(
      blocked === host ? `${host} is a private or local address; feeds must be on the public internet` : `${host} resolves to the private or local address ${blocked}; feeds must be on the public internet`,
    );
  }
}
