/**
 * A multi-pattern matcher: one pass over the text finds every occurrence of every pattern
 * (Aho-Corasick). Works on UTF-16 code units, so patterns and text in any script work as long as
 * both are normalised the same way (NFC). Case handling is the caller's: pass lowercased text and
 * patterns for a case-insensitive automaton.
 *
 * Built, the automaton is a table for ASCII (one row per state, one column per ASCII character
 * that occurs in some pattern, plus one for all the others): a step is one array read instead of
 * map lookups along fail links, and the text the tagger reads is mostly ASCII. The rows take
 * states × columns × 2 bytes (about 3 MiB for the gazetteer). Other characters take the classic
 * path: the trie's edges, following fail links.
 */
import { Hits } from './hits';

export interface RawMatch<T> {
  start: number;
  end: number; // exclusive
  payload: T;
}

interface Node {
  next: Map<number, number>;
  fail: number;
  /** Patterns ending here: [length, payload index]. Includes those inherited through fail links. */
  outputs: [number, number][];
}

const ASCII = 128;

export class AhoCorasick<T> {
  /** The trie while patterns are added; dropped once the tables are built. */
  private nodes: Node[] = [{ next: new Map(), fail: 0, outputs: [] }];
  private readonly payloads: T[] = [];
  private built = false;

  /** ASCII code → column of `step` (0: a character in no pattern, which always leads back to the root). */
  private readonly columnOf = new Uint8Array(ASCII);
  private columns = 1;
  /** state × columns + column → next state. 16-bit while the states fit (every real gazetteer so far). */
  private step: Uint16Array | Int32Array = new Uint16Array(1);
  private fail = new Int32Array(1);
  /** Per state, its edges on characters beyond ASCII (absent for most states). */
  private wide: (Map<number, number> | undefined)[] = [];
  /** Characters beyond ASCII that occur in some pattern: any other leads back to the root. */
  private readonly wideChars = new Set<number>();
  /** States from this one on have patterns ending in them; the others none. */
  private firstOutput = 1;
  /**
   * outPattern[outStart[o] .. outStart[o + 1]) are the patterns that end in state firstOutput + o,
   * longest first (own ones, then those of its fail state).
   */
  private outStart = new Int32Array(2);
  private outPattern = new Int32Array(0);
  private lengthOf = new Int32Array(0);
  /** Reused by `search`, which callers that keep few of the occurrences should not use (see `scan`). */
  private readonly scratch = new Hits();

  add(pattern: string, payload: T): void {
    if (this.built) throw new Error('automaton already built');
    if (!pattern) return;
    let state = 0;
    for (let i = 0; i < pattern.length; i++) {
      const code = pattern.charCodeAt(i);
      let next = this.nodes[state].next.get(code);
      if (next === undefined) {
        next = this.nodes.length;
        this.nodes.push({ next: new Map(), fail: 0, outputs: [] });
        this.nodes[state].next.set(code, next);
      }
      state = next;
    }
    this.payloads.push(payload);
    this.nodes[state].outputs.push([pattern.length, this.payloads.length - 1]);
  }

  build(): this {
    if (this.built) return this;
    const nodes = this.nodes;
    const queue: number[] = [];
    for (const child of nodes[0].next.values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      for (const [code, child] of nodes[state].next) {
        let fail = nodes[state].fail;
        while (fail !== 0 && !nodes[fail].next.has(code)) fail = nodes[fail].fail;
        const target = nodes[fail].next.get(code);
        nodes[child].fail = target !== undefined && target !== child ? target : 0;
        nodes[child].outputs.push(...nodes[nodes[child].fail].outputs);
        queue.push(child);
      }
    }
    this.buildTables(queue);
    this.nodes = [];
    this.built = true;
    return this;
  }

  /**
   * The trie, fail links and outputs as flat tables; `order` lists every state but the root, parents
   * first. States are renumbered so that those where patterns end come last: the scan tells them
   * apart from the others by one comparison per character.
   */
  private buildTables(order: number[]): void {
    const nodes = this.nodes;
    const n = nodes.length;
    const id = new Int32Array(n);
    let count = 0;
    for (let s = 0; s < n; s++) if (nodes[s].outputs.length === 0) id[s] = count++; // the root stays 0
    this.firstOutput = count;
    for (let s = 0; s < n; s++) if (nodes[s].outputs.length > 0) id[s] = count++;

    // forEach rather than for-of over entries: this runs once, cold, at worker start, where the
    // interpreter made an entry array and an iterator result per edge.
    const { columnOf, wideChars } = this;
    for (let s = 0; s < n; s++)
      nodes[s].next.forEach((_, code) => {
        if (code >= ASCII) wideChars.add(code);
        else if (columnOf[code] === 0) columnOf[code] = this.columns++;
      });
    const columns = this.columns;
    const step = n <= 0x10000 ? new Uint16Array(n * columns) : new Int32Array(n * columns);
    const failOf = (this.fail = new Int32Array(n));
    const wide = (this.wide = new Array<Map<number, number> | undefined>(n));
    let from = 0;
    const setEdge = (child: number, code: number) => {
      if (code < ASCII) step[from * columns + columnOf[code]] = id[child];
      else (wide[from] ??= new Map()).set(code, id[child]);
    };
    nodes[0].next.forEach(setEdge);
    // A state goes where its fail state goes, except along its own edges (fail states come first in `order`).
    for (let k = 0; k < order.length; k++) {
      const state = order[k];
      from = id[state];
      const fail = id[nodes[state].fail];
      failOf[from] = fail;
      step.copyWithin(from * columns, fail * columns, fail * columns + columns);
      nodes[state].next.forEach(setEdge);
    }
    this.step = step;

    const withOutput = n - this.firstOutput;
    this.outStart = new Int32Array(withOutput + 1);
    const byId = new Array<Node>(withOutput);
    for (let s = 0; s < n; s++) if (id[s] >= this.firstOutput) byId[id[s] - this.firstOutput] = nodes[s];
    let total = 0;
    for (let o = 0; o < withOutput; o++) {
      this.outStart[o] = total;
      total += byId[o].outputs.length;
    }
    this.outStart[withOutput] = total;
    this.outPattern = new Int32Array(total);
    this.lengthOf = new Int32Array(this.payloads.length);
    let k = 0;
    for (let o = 0; o < withOutput; o++) {
      for (const [length, index] of byId[o].outputs) {
        this.outPattern[k++] = index;
        this.lengthOf[index] = length;
      }
    }
  }

  /** The state after reading a character beyond ASCII in `state`: the trie's edges and fail links. */
  private stepWide(state: number, code: number): number {
    if (!this.wideChars.has(code)) return 0;
    let next = this.wide[state]?.get(code);
    while (next === undefined && state !== 0) {
      state = this.fail[state];
      next = this.wide[state]?.get(code);
    }
    return next ?? 0;
  }

  /**
   * Every occurrence of every pattern into `hits` (cleared first), in order of end position, and
   * for one end position longest first. Allocates nothing once `hits` has grown to fit.
   */
  scan(text: string, hits: Hits): void {
    if (!this.built) this.build();
    hits.clear();
    const { step, columnOf, columns, firstOutput, outStart, outPattern, lengthOf } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      state = code < ASCII ? step[state * columns + columnOf[code]] : this.stepWide(state, code);
      if (state < firstOutput) continue;
      const last = outStart[state - firstOutput + 1];
      for (let k = outStart[state - firstOutput]; k < last; k++) {
        const pattern = outPattern[k];
        hits.push(i + 1 - lengthOf[pattern], i + 1, pattern);
      }
    }
  }

  /** Every occurrence of every pattern, in order of end position; with `accept`, only those it accepts. */
  search(text: string, accept?: (start: number, end: number, payload: T) => boolean): RawMatch<T>[] {
    const hits = this.scratch;
    this.scan(text, hits);
    const matches: RawMatch<T>[] = [];
    for (let k = 0; k < hits.count; k++) {
      const start = hits.start[k];
      const end = hits.end[k];
      const payload = this.payloads[hits.pattern[k]];
      if (!accept || accept(start, end, payload)) matches.push({ start, end, payload });
    }
    return matches;
  }

  /** What pattern number `index` (as in `Hits.pattern`) was added with. */
  payload(index: number): T {
    return this.payloads[index];
  }

  get patternCount(): number {
    return this.payloads.length;
  }
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
// Scripts written without spaces between words: a name in them has no word boundary to check.
const NO_SPACE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Whether text[i] is a letter, digit or underscore. ASCII is decided by code point, without making a
 * one-character string; the Unicode regex only runs beyond it.
 */
export function isWordCharAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
  return WORD_CHAR.test(text[i]);
}

function isNoSpaceScriptAt(text: string, i: number): boolean {
  return text.charCodeAt(i) >= 0x3040 && NO_SPACE_SCRIPT.test(text[i]);
}

/** True when text[start..] is not glued to a letter or digit on its left. */
export function startsOnWordBoundary(text: string, start: number): boolean {
  if (start === 0) return true;
  return !isWordCharAt(text, start - 1) || isNoSpaceScriptAt(text, start) || isNoSpaceScriptAt(text, start - 1);
}

/** True when text[start..end) is not glued to letters or digits on either side. */
export function onWordBoundaries(text: string, start: number, end: number): boolean {
  if (!startsOnWordBoundary(text, start)) return false;
  if (end < text.length) {
    if (isWordCharAt(text, end) && !isNoSpaceScriptAt(text, end - 1) && !isNoSpaceScriptAt(text, end)) return false;
  }
  return true;
}

/**
 * Leftmost-longest selection: of overlapping matches keep the one that starts first, and of those
 * the longest. This is what lets "Tokyo Electron" hide "Tokyo" and "Carrie Lam" hide "Lam".
 */
export function selectLongest<M extends { start: number; end: number }>(matches: M[]): M[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: M[] = [];
  let reach = -1;
  for (const m of sorted) {
    if (m.start >= reach) {
      kept.push(m);
      reach = m.end;
    }
  }
  return kept;
}
