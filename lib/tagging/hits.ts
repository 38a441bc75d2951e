/**
 * Occurrences found by an automaton scan, kept in flat typed arrays that are reused from text to
 * text. The tagger runs once per ingested item, and an object per raw occurrence (most of them words
 * inside longer words, dropped a moment later) was the larger part of the garbage it made.
 */
export class Hits {
  count = 0;
  start: Int32Array;
  end: Int32Array; // exclusive
  pattern: Int32Array;
  /** Indices into the arrays above, as arranged by `sortLeftmostLongest` or `selectLongest`. */
  order: Int32Array;

  constructor(capacity = 64) {
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.pattern = new Int32Array(capacity);
    this.order = new Int32Array(capacity);
  }

  clear(): void {
    this.count = 0;
  }

  push(start: number, end: number, pattern: number): void {
    if (this.count === this.start.length) this.grow();
    const k = this.count++;
    this.start[k] = start;
    this.end[k] = end;
    this.pattern[k] = pattern;
  }

  /** Moves hit `from` to `to` (to ≤ from): lets a filter compact the hits in place. */
  move(from: number, to: number): void {
    this.start[to] = this.start[from];
    this.end[to] = this.end[from];
    this.pattern[to] = this.pattern[from];
  }

  /**
   * Fills `order` with every hit, by start and then longest first; hits that tie keep the order they
   * were found in (the stable sort `selectLongest` of aho-corasick.ts does). Insertion sort: a scan
   * finds hits by end position, so each is out of place by at most the few hits that end within
   * one pattern's length of it.
   */
  sortLeftmostLongest(): Int32Array {
    const { start, end, order } = this;
    for (let k = 0; k < this.count; k++) {
      const s = start[k];
      const e = end[k];
      let at = k;
      while (at > 0) {
        const prev = order[at - 1];
        if (start[prev] < s || (start[prev] === s && end[prev] >= e)) break;
        order[at] = prev;
        at--;
      }
      order[at] = k;
    }
    return order;
  }

  /**
   * Leftmost-longest selection (as `selectLongest`): leaves the kept hits first in `order`, in text
   * order, and returns how many there are.
   */
  selectLongest(): number {
    const order = this.sortLeftmostLongest();
    let kept = 0;
    let reach = -1;
    for (let j = 0; j < this.count; j++) {
      const k = order[j];
      if (this.start[k] >= reach) {
        order[kept++] = k;
        reach = this.end[k];
      }
    }
    return kept;
  }

  private grow(): void {
    const size = this.start.length * 2;
    const grown = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.start = grown(this.start);
    this.end = grown(this.end);
    this.pattern = grown(this.pattern);
    this.order = new Int32Array(size);
  }
}
