import { desc } from 'drizzle-orm';
import type { Db } from '../../db';
import { auditLog } from '../../db/schema';

/** Who made a change: a signed-in user, a process acting for the operator (`cli`, `first-start`), or an unsubscribe link. */
export interface Actor {
  userId: number | null;
  label: string;
}

export const CLI_ACTOR: Actor = { userId: null, label: 'cli' };
/** Whoever holds a digest's unsubscribe link (the subscriber, from their mail): no account is involved. */
export const UNSUBSCRIBE_LINK_ACTOR: Actor = { userId: null, label: 'unsubscribe-link' };

export interface AuditEntry {
  id: number;
  at: Date;
  actor: string;
  action: string;
  target: string;
  detail: string | null;
}

/** Appends one line to the audit log; called by the change itself, in the same process. */
export function recordAudit(db: Db, actor: Actor, action: string, target: string, detail?: string): void {
  db.insert(auditLog).values({ at: new Date(), userId: actor.userId, actor: actor.label, action, target, detail: detail ?? null }).run();
}

export function listAudit(db: Db, limit = 200): AuditEntry[] {
  return db
    .select({ id: auditLog.id, at: auditLog.at, actor: auditLog.actor, action: auditLog.action, target: auditLog.target, detail: auditLog.detail })
    .from(auditLog)
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .all();
}
