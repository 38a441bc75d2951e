import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { eq, and } from 'drizzle-orm';
import type { Db } from '../../db';
import { jobLocks } from '../../db/schema';

export const LOCK_TTL_MS = 2 * 60 * 1000;

export interface HeldLock {
  name: string;
  owner: string;
  /** Pushes the expiry forward; call it while the job is alive. */
  refresh(): void;
  release(): void;
}

export class LockHeldError extends Error {
  constructor(
    readonly lockName: string,
    readonly holder: { pid: number; host: string; acquiredAt: Date },
  ) {
    super(
      `another ${lockName} run is in progress (pid ${holder.pid} on ${holder.host}, since ${holder.acquiredAt.toISOString()})`,
    );
    this.name = 'LockHeldError';
  }
}

/**
 * A lock kept in the database, so it holds across processes (the worker, a CLI run, a second
 * worker). A lock is taken over when it has expired (its holder stopped refreshing it) or when its
 * holder was a process on this machine that no longer exists (killed with SIGKILL, say).
 */
export function acquireJobLock(db: Db, name: string, ttlMs = LOCK_TTL_MS): HeldLock {
  const owner = randomUUID();
  const host = os.hostname();
  const taken = db.transaction((tx) => {
    const now = Date.now();
    const current = tx.select().from(jobLocks).where(eq(jobLocks.name, name)).get();
    if (current && current.expiresAt.getTime() > now && !holderIsGone(current.host, current.pid)) {
      return current;
    }
    tx.insert(jobLocks)
      .values({ name, owner, pid: process.pid, host, acquiredAt: new Date(now), expiresAt: new Date(now + ttlMs) })
      .onConflictDoUpdate({
        target: jobLocks.name,
        set: { owner, pid: process.pid, host, acquiredAt: new Date(now), expiresAt: new Date(now + ttlMs) },
      })
      .run();
    return undefined;
  }, { behavior: 'immediate' });
  if (taken) throw new LockHeldError(name, taken);

  return {
    name,
    owner,
    refresh() {
      db.update(jobLocks)
        .set({ expiresAt: new Date(Date.now() + ttlMs) })
        .where(and(eq(jobLocks.name, name), eq(jobLocks.owner, owner)))
        .run();
    },
    release() {
      db.delete(jobLocks).where(and(eq(jobLocks.name, name), eq(jobLocks.owner, owner))).run();
    },
  };
}

function holderIsGone(host: string, pid: number): boolean {
  if (host !== os.hostname() || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    // EPERM means the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
