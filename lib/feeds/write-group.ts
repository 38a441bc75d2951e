import type { Db } from '../../db';
import { log } from '../log';

/** How many writes a group may gather, and how long it may hold the write lock. */
export interface WriteGroupLimits {
  maxWrites: number;
  maxMs: number;
}

// Another process that writes (the dashboard correcting a tag) waits about this long at most for
// the lock; its busy timeout is 5 s.
const DEFAULT_LIMITS: WriteGroupLimits = { maxWrites: 8, maxMs: 250 };

/**
 * Commits an ingest run's writes in groups: one transaction for a few feed documents instead of
 * one each. A commit copies every page its transaction changed into the write-ahead log, and each
 * document's items touch pages all over the date, severity and cluster-key indexes, so the same
 * pages were copied again for every document: 431 MiB of log for a 61 MiB database in the
 * benchmark, and a fifth of the writing thread's time (docs/benchmarks.md, 2026-12-04).
 *
 * A feed's items and its new state (ETag, next check) still commit together, so a crash loses whole
 * feeds only: those of the open group, at most `maxMs` of work, which keep their old state and are
 * fetched again by the next run. A group commits when it holds `maxWrites` writes, `maxMs` after it
 * began (a timer, so the lock is not kept while the run waits for a slow feed), and at `commit()`.
 *
 * A write that throws rolls the group back; the writes before it are then redone, each in a
 * transaction of its own, and the error is thrown to its own feed alone. A commit that fails (disk
 * full) loses the group, as a crash would: logged, and its feeds are fetched again next run.
 */
export class WriteGroup {
  private open = false;
  private startedAt = 0;
  private done: (() => unknown)[] = [];
  /** Statements the group's writes left for the end of the transaction (see `beforeCommit`). */
  private finishing: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    /** Called after every rollback: whatever remembered the rolled-back writes (the cluster memo) forgets them. */
    private readonly onRollback: () => void = () => {},
    private readonly limits: WriteGroupLimits = DEFAULT_LIMITS,
  ) {}

  /** Runs `write` (synchronous, and safe to run again after a rollback) in the group's transaction. */
  write<T>(write: () => T): T {
    this.begin();
    let result: T;
    try {
      result = write();
    } catch (err) {
      this.redoAfterRollback();
      throw err;
    }
    this.done.push(write);
    if (this.done.length >= this.limits.maxWrites || Date.now() - this.startedAt >= this.limits.maxMs) this.commitOrLog();
    return result;
  }

  /**
   * Runs `task` in the group's transaction just before it commits, after every write of the group,
   * once however many writes asked for it (tasks are told apart by identity). For work that is
   * cheaper done once for many: new items enter the full-text index in one statement per group, so
   * FTS5 writes one segment per group instead of one per feed (store-items.ts). Called from within a
   * write; a rolled-back group drops its tasks, and a redone write asks again.
   */
  beforeCommit(task: () => void): void {
    if (!this.open) throw new Error('beforeCommit outside a write of the group');
    if (!this.finishing.includes(task)) this.finishing.push(task);
  }

  /** Commits what the group holds; a failed commit (or a failed `beforeCommit` task) rolls it back and throws. */
  commit(): void {
    if (!this.open) return;
    try {
      for (const task of this.finishing) task();
      this.db.$client.exec('COMMIT');
    } catch (err) {
      this.rollback();
      throw err;
    }
    this.reset();
  }

  private begin(): void {
    if (this.open) return;
    // IMMEDIATE: the write lock from before the first read, which store-items needs (it assigns ids).
    this.db.$client.exec('BEGIN IMMEDIATE');
    this.open = true;
    this.startedAt = Date.now();
    this.timer = setTimeout(() => this.commitOrLog(), this.limits.maxMs);
  }

  private commitOrLog(): void {
    try {
      this.commit();
    } catch (err) {
      // Rolled back: the group's feeds keep their old state and are fetched again by the next run.
      log.error({ err }, 'ingest: committing a group of feeds failed; they are fetched again next run');
    }
  }

  private redoAfterRollback(): void {
    const earlier = this.done;
    this.rollback();
    for (const write of earlier) {
      this.begin();
      try {
        write();
        this.commit();
      } catch (err) {
        // It succeeded a moment ago on the same data. If it fails now, its feed keeps its old state
        // (ETag included), so the next run fetches and stores it again.
        log.error({ err }, 'ingest: a feed written in a group that rolled back could not be written again');
        this.rollback();
      }
    }
  }

  private rollback(): void {
    if (this.open && this.db.$client.inTransaction) this.db.$client.exec('ROLLBACK');
    this.reset();
    this.onRollback();
  }

  private reset(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.done = [];
    this.finishing = [];
    this.open = false;
  }
}
