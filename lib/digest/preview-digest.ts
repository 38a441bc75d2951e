import type { Db } from '../../db';
import type { DigestSubscription } from '../../db/schema';
import { buildDigest, type BuiltDigest } from './build-digest';
import { currentPeriod } from './period';

/**
 * The next digest as it would be sent now: the period in progress, rendered by the same function
 * the sender uses (`digest send --now` sends exactly this).
 */
export function previewDigest(db: Db, sub: DigestSubscription, appUrl: string, now = new Date()): Promise<BuiltDigest> {
  return buildDigest(db, sub, currentPeriod(sub, now), appUrl);
}
