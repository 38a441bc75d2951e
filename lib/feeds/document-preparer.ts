import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { log } from '../log';
import { getGazetteer } from '../tagging/gazetteer';
import type { TaggerSpec } from '../tagging/tagger-instance';
import type { DocumentWorkerData, PrepareReply, PrepareRequest } from './document-worker';
import type { DocumentInput, PreparedDocument } from './prepare-document';
import { freshBundle, type BundleResult } from './worker-bundle';

/** The worker thread could not prepare a document for a reason of its own (it failed to start, ran out of memory, exited). */
export class PreparerUnavailableError extends Error {}

/** The error a document itself caused (not a feed, bad XML), rebuilt on this side of the thread. */
export class DocumentError extends Error {
  constructor(message: string, name: string) {
    super(message);
    this.name = name;
  }
}

// The worker's heap is capped: it holds the tagger and one document at a time, and the whole ingest
// process has to stay well under its memory target (docs/benchmarks.md).
const WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 32 };

const WORKER_ENTRY = path.join(__dirname, 'document-worker.ts');
// node_modules/.cache is where tools keep what they can rebuild; `npm ci` starts it afresh.
const WORKER_BUNDLE = path.resolve(__dirname, '../../node_modules/.cache/chipwatch/document-worker.cjs');
let bundleFailureLogged = false;

/** The worker's entry bundled into one JavaScript file, rebuilt when a source changed (worker-bundle.ts). */
export function documentWorkerBundle(): BundleResult {
  return freshBundle({ entry: WORKER_ENTRY, outFile: WORKER_BUNDLE });
}

/**
 * Runs decode → parse → normalise → tag on one worker thread, so the main thread spends its time on
 * fetching and writing: while it stores one document, the worker prepares the next. One thread,
 * because the database takes one writer anyway and the machines have two cores.
 *
 * When the thread cannot be used (it failed to start, or died), `prepare` rejects with
 * PreparerUnavailableError and the caller prepares the document on its own thread: a broken worker
 * slows an ingest down, it never loses a feed.
 */
export class DocumentPreparer {
  private worker: Worker | undefined;
  private broken = false;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (d: PreparedDocument) => void; reject: (e: Error) => void }>();
  /** Replies received and not yet handed over: one per turn of the event loop (deliverReply). */
  private readonly replies: PrepareReply[] = [];

  /** How the thread was loaded: from the bundle (worker-bundle.ts), or through tsx when bundling failed. */
  loadedFrom: 'bundle' | 'tsx' | undefined;

  /** `limits` and `bundle` are for tests: they starve the thread, or fail its bundling, to see the fallbacks. */
  constructor(
    private readonly limits: ResourceLimits = WORKER_LIMITS,
    private readonly bundle: () => BundleResult = documentWorkerBundle,
  ) {}

  get available(): boolean {
    return !this.broken;
  }

  prepare(input: DocumentInput, spec: TaggerSpec): Promise<PreparedDocument> {
    if (this.broken) return Promise.reject(new PreparerUnavailableError('document worker unavailable'));
    let worker: Worker;
    try {
      worker = this.start();
    } catch (err) {
      return Promise.reject(err);
    }
    const id = this.nextId++;
    return new Promise<PreparedDocument>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const request: PrepareRequest = { id, input, spec };
      worker.postMessage(request);
    });
  }

  /** Starts the thread now, so its start-up (loading the tagger) overlaps the first fetches. */
  warmUp(): void {
    if (this.broken) return;
    try {
      this.start();
    } catch {
      // Logged, and the thread marked broken: documents are prepared on this thread instead.
    }
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.broken = true;
    if (worker) await worker.terminate();
  }

  /**
   * Settles the oldest reply's promise, whose caller then writes the document (synchronously, some
   * tens of ms), and leaves the rest for the next turns. Node hands over every message waiting on the
   * port in one go; settled all at once, their writes ran back to back and no fetch in flight got a
   * turn until the worker's whole queue was written, so fetches finished in bursts and the worker ran
   * dry in between (docs/benchmarks.md, 2026-12-04).
   */
  private readonly deliverReply = (): void => {
    const reply = this.replies.shift();
    if (!reply) return;
    if (this.replies.length > 0) setImmediate(this.deliverReply);
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.document);
    else waiting.reject(new DocumentError(reply.message, reply.name));
  };

  private start(): Worker {
    if (this.worker) return this.worker;
    // The gazetteer goes along already validated: zod alone took a third of the thread's start-up.
    const workerData: DocumentWorkerData = { file: WORKER_ENTRY, gazetteer: getGazetteer() };
    const bundle = this.bundle();
    if (!bundle.ok && !bundleFailureLogged) {
      bundleFailureLogged = true;
      log.warn({ error: bundle.error }, 'document worker not bundled: loading it through tsx (slower start)');
    }
    this.loadedFrom = bundle.ok ? 'bundle' : 'tsx';
    let worker: Worker;
    try {
      worker = bundle.ok
        ? // No inherited flags: `--import tsx` would register tsx's loader in the thread for nothing.
          new Worker(bundle.file, { workerData, resourceLimits: this.limits, execArgv: [] })
        : // A worker's entry must be JavaScript, and tsx's loader does not reach worker threads on its
          // own (privatenumber/tsx#354): a two-line entry registers tsx, then loads the TypeScript worker.
          new Worker(`require('tsx/cjs/api').register(); require(require('node:worker_threads').workerData.file);`, {
            eval: true,
            workerData,
            resourceLimits: this.limits,
          });
    } catch (err) {
      // new Worker throws at once on what it cannot start (a bad option, a file gone): prepare here instead.
      const reason = err instanceof Error ? err.message : String(err);
      this.fail(reason);
      throw new PreparerUnavailableError(reason);
    }
    worker.on('message', (reply: PrepareReply) => {
      this.replies.push(reply);
      if (this.replies.length === 1) setImmediate(this.deliverReply);
    });
    worker.on('error', (err) => this.fail(err.message));
    worker.on('exit', (code) => this.fail(`document worker exited with code ${code}`));
    this.worker = worker;
    return worker;
  }

  /** The thread cannot be used (it failed to start, or died): documents waiting for it, and all later ones, are prepared on this thread. */
  private fail(reason: string): void {
    if (!this.broken) log.warn({ reason }, 'document worker unavailable: preparing documents on the main thread');
    this.broken = true;
    this.worker = undefined;
    for (const waiting of this.pending.values()) waiting.reject(new PreparerUnavailableError(reason));
    this.pending.clear();
  }
}
