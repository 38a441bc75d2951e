/** What clustering needs to know of a stored item when it is another item's candidate. */
export interface ClusterFacts {
  feedId: number;
  clusterId: number;
  publishedAt: number;
  title: string;
  /** Effective tags as "kind:value". */
  tags: Set<string>;
  /** The title's tokens (title-similarity.ts): computed once, where each document used to tokenise its candidates again. */
  tokens: Set<string>;
}

/**
 * The relevant items one ingest run has written, with their cluster facts, so that the next
 * documents of the run find them as candidates without reading them back: when many feeds are
 * loaded at once (a new install, the benchmark), nearly every candidate is an item of the same
 * run, and reading each one's row and tags again was the largest part of clustering.
 *
 * Only this run's own writes are kept, and only for the run (a few minutes at most). What could go
 * stale meanwhile is an analyst's tag correction or a `retag` in another process touching an item
 * written seconds earlier; a cluster formed on the older facts is what the next retag revisits.
 * Bounded: the oldest entries go first, and a miss only costs a read (two queries per document).
 */
export class ClusterMemo {
  private readonly items = new Map<number, ClusterFacts>();

  // An entry takes ~0.95 KiB (its title, tag and token sets), so the cap is ~45 MiB. A load of feeds
  // that reach years back finds candidates anywhere in the run: with 20,000 entries, the reads of
  // evicted ones cost the benchmark's 50,000-item load ~8% of its time (docs/benchmarks.md, 2026-12-04).
  constructor(private readonly maxItems = 50_000) {}

  get(id: number): ClusterFacts | undefined {
    return this.items.get(id);
  }

  remember(id: number, facts: ClusterFacts): void {
    this.items.delete(id);
    this.items.set(id, facts);
    if (this.items.size > this.maxItems) this.items.delete(this.items.keys().next().value as number);
  }

  forget(id: number): void {
    this.items.delete(id);
  }

  /** After a write that rolled back: its items' ids will be given to other items. */
  clear(): void {
    this.items.clear();
  }

  get size(): number {
    return this.items.size;
  }
}
