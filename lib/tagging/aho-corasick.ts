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

/**
 * The trie while patterns are added: flat arrays instead of an object and a Map per node. The
 * gazetteer makes tens of thousands of nodes, built at every worker start; with a Map each, the
 * build took ~65 ms and most of the thread's garbage before its first document (docs/benchmarks.md).
 * Children are kept in the order they were added (first child, next sibling), which fixes the
 * order of everything built from them.
 */
class Trie {
  size = 1;
  firstChild = new Int32Array(1024).fill(-1);
  lastChild = new Int32Array(1024).fill(-1);
  nextSibling = new Int32Array(1024).fill(-1);
  /** The character on the edge into each node. */
  code = new Int32Array(1024);
  /** Patterns ending in each node, as [length, payload index]; set once a node has one. */
  outputs: ([number, number][] | undefined)[] = [];
  /** The root's children by character: the root has one per first character, far more than any other node. */
  readonly rootChildren = new Map<number, number>();

  child(state: number, code: number): number {
    if (state === 0) return this.rootChildren.get(code) ?? -1;
    for (let c = this.firstChild[state]; c !== -1; c = this.nextSibling[c]) if (this.code[c] === code) return c;
    return -1;
  }

  addChild(state: number, code: number): number {
    if (this.size === this.code.length) this.grow();
    const node = this.size++;
    this.code[node] = code;
    if (this.lastChild[state] === -1) this.firstChild[state] = node;
    else this.nextSibling[this.lastChild[state]] = node;
    this.lastChild[state] = node;
    if (state === 0) this.rootChildren.set(code, node);
    return node;
  }

  outputCount(state: number): number {
    return this.outputs[state]?.length ?? 0;
  }

  private grow(): void {
    const larger = (from: Int32Array, fill: number) => {
      const to = new Int32Array(from.length * 2).fill(fill);
      to.set(from);
      return to;
    };
    this.firstChild = larger(this.firstChild, -1);
    this.lastChild = larger(this.lastChild, -1);
    this.nextSibling = larger(this.nextSibling, -1);
    this.code = larger(this.code, 0);
  }
}

const ASCII = 128;

export class AhoCorasick<T> {
  /** The trie while patterns are added; dropped once the tables are built (so: built when it is gone). */
  private trie: Trie | undefined = new Trie();
  private readonly payloads: T[] = [];

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
    const trie = this.trie;
    if (!trie) throw new Error('automaton already built');
    if (!pattern) return;
    let state = 0;
    for (let i = 0; i < pattern.length; i++) {
      const code = pattern.charCodeAt(i);
      const next = trie.child(state, code);
      state = next === -1 ? trie.addChild(state, code) : next;
    }
    this.payloads.push(payload);
    (trie.outputs[state] ??= []).push([pattern.length, this.payloads.length - 1]);
  }

  build(): this {
    const trie = this.trie;
    if (!trie) return this;
    const { firstChild, nextSibling, code, outputs } = trie;
    const failOf = new Int32Array(trie.size);
    // Breadth first, so a node's fail state is settled before its children need it.
    const queue = new Int32Array(trie.size - 1);
    let tail = 0;
    for (let c = firstChild[0]; c !== -1; c = nextSibling[c]) queue[tail++] = c;
    for (let head = 0; head < tail; head++) {
      const state = queue[head];
      for (let child = firstChild[state]; child !== -1; child = nextSibling[child]) {
        const edge = code[child];
        let fail = failOf[state];
        let target = trie.child(fail, edge);
        while (target === -1 && fail !== 0) {
          fail = failOf[fail];
          target = trie.child(fail, edge);
        }
        const childFail = target !== -1 && target !== child ? target : 0;
        failOf[child] = childFail;
        const inherited = outputs[childFail];
        if (inherited?.length) (outputs[child] ??= []).push(...inherited);
        queue[tail++] = child;
      }
    }
    this.buildTables(trie, failOf, queue);
    this.trie = undefined;
    return this;
  }

  /**
   * The trie, fail links and outputs as flat tables; `order` lists every state but the root, parents
   * first. States are renumbered so that those where patterns end come last: the scan tells them
   * apart from the others by one comparison per character.
   */
  private buildTables(trie: Trie, failOfTrie: Int32Array, order: Int32Array): void {
    const { firstChild, nextSibling, code, outputs } = trie;
    const n = trie.size;
    const id = new Int32Array(n);
    let count = 0;
    for (let s = 0; s < n; s++) if (trie.outputCount(s) === 0) id[s] = count++; // the root stays 0
    this.firstOutput = count;
    for (let s = 0; s < n; s++) if (trie.outputCount(s) > 0) id[s] = count++;

    // Columns numbered in order of first appearance, node by node.
    const { columnOf, wideChars } = this;
    for (let s = 0; s < n; s++) {
      for (let c = firstChild[s]; c !== -1; c = nextSibling[c]) {
        const edge = code[c];
        if (edge >= ASCII) wideChars.add(edge);
        else if (columnOf[edge] === 0) columnOf[edge] = this.columns++;
      }
    }
    const columns = this.columns;
    const step = n <= 0x10000 ? new Uint16Array(n * columns) : new Int32Array(n * columns);
    const failOf = (this.fail = new Int32Array(n));
    const wide = (this.wide = new Array<Map<number, number> | undefined>(n));
    const setEdges = (state: number) => {
      const from = id[state];
      for (let child = firstChild[state]; child !== -1; child = nextSibling[child]) {
        const edge = code[child];
        if (edge < ASCII) step[from * columns + columnOf[edge]] = id[child];
        else (wide[from] ??= new Map()).set(edge, id[child]);
      }
    };
    setEdges(0);
    // A state goes where its fail state goes, except along its own edges (fail states come first in `order`).
    for (let k = 0; k < order.length; k++) {
      const state = order[k];
      const from = id[state];
      const fail = id[failOfTrie[state]];
      failOf[from] = fail;
      step.copyWithin(from * columns, fail * columns, fail * columns + columns);
      setEdges(state);
    }
    this.step = step;

    const withOutput = n - this.firstOutput;
    this.outStart = new Int32Array(withOutput + 1);
    const byId = new Array<[number, number][]>(withOutput);
    for (let s = 0; s < n; s++) if (id[s] >= this.firstOutput) byId[id[s] - this.firstOutput] = outputs[s] as [number, number][];
    let total = 0;
    for (let o = 0; o < withOutput; o++) {
      this.outStart[o] = total;
      total += byId[o].length;
    }
    this.outStart[withOutput] = total;
    this.outPattern = new Int32Array(total);
    this.lengthOf = new Int32Array(this.payloads.length);
    let k = 0;
    for (let o = 0; o < withOutput; o++) {
      for (const [length, index] of byId[o]) {
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
    if (this.trie) this.build();
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
