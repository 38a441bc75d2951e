import 'server-only';
import { getDb } from '../../db';
import { findSubscriptionByToken } from '../digest/manage-subscriptions';

export async function fetchUnsubscribeState(token: string): Promise<{ email: string; unsubscribed: boolean } | null> {
  const sub = findSubscriptionByToken(getDb(), token);
  return sub ? { email: sub.email, unsubscribed: sub.unsubscribedAt !== null } : null;
}
