import type { DigestSubscription } from '../../db/schema';

/** A message ready for a transport: the same object is sent, written to the outbox and previewed. */
export interface OutgoingMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments: { cid: string; filename: string; contentType: string; content: Buffer }[];
  headers: Record<string, string>;
}

/** The page that confirms an unsubscribe (a GET must never unsubscribe: link scanners follow links). */
export function unsubscribePageUrl(appUrl: string, token: string): string {
  return `${appUrl}/unsubscribe?token=${encodeURIComponent(token)}`;
}

/** Where mail clients POST "List-Unsubscribe=One-Click" (RFC 8058). */
export function oneClickUnsubscribeUrl(appUrl: string, token: string): string {
  return `${appUrl}/api/unsubscribe?token=${encodeURIComponent(token)}`;
}

/** Headers that let Gmail, Apple Mail and others show their own unsubscribe button, which then unsubscribes in one click. */
export function listHeaders(sub: Pick<DigestSubscription, 'unsubscribeToken'>, appUrl: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${oneClickUnsubscribeUrl(appUrl, sub.unsubscribeToken)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': 'chipwatch digests <digests.chipwatch>',
    // Asks auto-responders (out-of-office replies) not to answer.
    'Auto-Submitted': 'auto-generated',
  };
}

/** The HTML with its inline images as data: URLs, for showing in a browser exactly what a mail client shows. */
export function htmlWithInlineImages(message: OutgoingMessage): string {
  let html = message.html;
  for (const a of message.attachments) html = html.split(`cid:${a.cid}`).join(`data:${a.contentType};base64,${a.content.toString('base64')}`);
  return html;
}
