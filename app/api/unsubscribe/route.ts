import { getDb } from '../../../db';
import { UNSUBSCRIBE_LINK_ACTOR, recordAudit } from '../../../lib/auth/audit';
import { findSubscriptionByToken, unsubscribe } from '../../../lib/digest/manage-subscriptions';

/*
 * One-click unsubscribe (RFC 8058). Mail clients POST `List-Unsubscribe=One-Click` to the URL in the
 * List-Unsubscribe header; the /unsubscribe page's button posts here too. The token in the URL (or
 * the form) is the authority: it is unguessable and only ever sent to the subscriber. A GET never
 * unsubscribes, because link scanners and previews fetch every link in a mail.
 */

export async function POST(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const body = await request.text().catch(() => '');
  const form = new URLSearchParams(body.length <= 2048 ? body : '');
  const token = url.searchParams.get('token') ?? form.get('token') ?? '';
  const oneClick = form.get('List-Unsubscribe') === 'One-Click';
  const sub = findSubscriptionByToken(getDb(), token);
  if (!sub) return new Response('This unsubscribe link is not valid.\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const db = getDb();
  db.transaction(() => {
    if (unsubscribe(db, sub.id)) recordAudit(db, UNSUBSCRIBE_LINK_ACTOR, 'subscription.unsubscribe', sub.email, `subscription ${sub.id}`);
  });
  if (oneClick) return new Response(`Unsubscribed ${sub.email}.\n`, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  // A browser posting the page's form goes back to the page, which now says it is done.
  return new Response(null, { status: 303, headers: { location: `/unsubscribe?token=${encodeURIComponent(token)}` } });
}

export async function GET(request: Request): Promise<Response> {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  return new Response(null, { status: 303, headers: { location: `/unsubscribe?token=${encodeURIComponent(token)}` } });
}
