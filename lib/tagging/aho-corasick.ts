/**
 * A multi-pattern matcher: one pass over the text finds every occurrence of every pattern
 * (Aho-Corasick). Works on UTF-16 code units, so patterns and text in any script work as long as
 * both are normalised the same way (NFC). Case handling is the caller's: pass lowercased text and
 * patterns for a case-insensitive automaton.
 */
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

export class AhoCorasick<T> {
  private readonly nodes: Node[] = [{ next: new Map(), fail: 0, outputs: [] }];
  private readonly payloads: T[] = [];
  private built = false;

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
    const queue: number[] = [];
    for (const child of this.nodes[0].next.values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      for (const [code, child] of this.nodes[state].next) {
        let fail = this.nodes[state].fail;
        while (fail !== 0 && !this.nodes[fail].next.has(code)) fail = this.nodes[fail].fail;
        const target = this.nodes[fail].next.get(code);
        this.nodes[child].fail = target !== undefined && target !== child ? target : 0;
        this.nodes[child].outputs.push(...this.nodes[this.nodes[child].fail].outputs);
        queue.push(child);
      }
    }
    this.built = true;
    return this;
  }

  /**
   * Every occurrence of every pattern, in order of end position; with `accept`, only those it
   * accepts. Filtering here rather than afterwards matters on the ingest path: most raw
   * occurrences are words inside longer words, and building an object for each was a large part
   * of what the tagger allocated.
   */
  search(text: string, accept?: (start: number, end: number, payload: T) => boolean): RawMatch<T>[] {
    if (!this.built) this.build();
    const matches: RawMatch<T>[] = [];
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let next = this.nodes[state].next.get(code);
      while (next === undefined && state !== 0) {
        state = this.nodes[state].fail;
        next = this.nodes[state].next.get(code);
      }
      state = next ?? 0;
      const outputs = this.nodes[state].outputs;
      for (let k = 0; k < outputs.length; k++) {
        const [length, index] = outputs[k];
        const start = i + 1 - length;
        const payload = this.payloads[index];
        if (!accept || accept(start, i + 1, payload)) matches.push({ start, end: i + 1, payload });
      }
    }
    return matches;
  }

  get patternCount(): number {
    return this.payloads.length;
  }
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
// Scripts written without spaces between words: a name in them has no word boundary to check.
const NO_SPACE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Letter, digit or underscore. ASCII is decided by code point; the Unicode regex only runs beyond it. */
export function isWordChar(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
  return WORD_CHAR.test(ch);
}

function isNoSpaceScript(ch: string): boolean {
  return ch.charCodeAt(0) >= 0x3040 && NO_SPACE_SCRIPT.test(ch);
}

/** True when text[start..] is not glued to a letter or digit on its left. */
export function startsOnWordBoundary(text: string, start: number): boolean {
  if (start === 0) return true;
  const before = text[start - 1];
  return !isWordChar(before) || isNoSpaceScript(text[start]) || isNoSpaceScript(before);
}

/** True when text[start..end) is not glued to letters or digits on either side. */
export function onWordBoundaries(text: string, start: number, end: number): boolean {
  if (!startsOnWordBoundary(text, start)) return false;
  if (end < text.length) {
    const after = text[end];
    if (isWordChar(after) && !isNoSpaceScript(text[end - 1]) && !isNoSpaceScript(after)) return false;
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
