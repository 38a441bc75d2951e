import { describe, expect, it } from 'vitest';
import { AhoCorasick, onWordBoundaries, selectLongest } from '../../lib/tagging/aho-corasick';
import { Hits } from '../../lib/tagging/hits';

describe('AhoCorasick', () => {
  const ac = new AhoCorasick<string>();
  for (const p of ['he', 'she', 'his', 'hers', 'Tokyo', 'Tokyo Electron', '美光', '美光科技']) ac.add(p, p);
  ac.build();

  it('finds every occurrence of every pattern in one pass, overlaps included', () => {
    expect(ac.search('ushers').map((m) => [m.payload, m.start, m.end])).toEqual([
      ['she', 1, 4],
      ['he', 2, 4],
      ['hers', 2, 6],
    ]);
  });

  it('handles non-Latin scripts', () => {
    expect(ac.search('美国商务部称美光科技产品存在风险').map((m) => m.payload)).toEqual(['美光', '美光科技']);
  });

  it('agrees with a naive search on random text', () => {
    const patterns = ['ab', 'abc', 'bca', 'c', 'caa', 'aaa'];
    const auto = new AhoCorasick<string>();
    for (const p of patterns) auto.add(p, p);
    auto.build();
    let seed = 7;
    for (let round = 0; round < 50; round++) {
      let text = '';
      for (let i = 0; i < 60; i++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        text += 'abc'[seed % 3];
      }
      const naive: string[] = [];
      for (const p of patterns) for (let i = text.indexOf(p); i !== -1; i = text.indexOf(p, i + 1)) naive.push(`${p}@${i}`);
      const found = auto.search(text).map((m) => `${m.payload}@${m.start}`);
      expect(found.sort()).toEqual(naive.sort());
    }
  });
});

describe('selectLongest and word boundaries', () => {
  it('keeps the leftmost, then longest, of overlapping matches', () => {
    const kept = selectLongest([
      { start: 0, end: 5, id: 'Tokyo' },
      { start: 0, end: 14, id: 'Tokyo Electron' },
      { start: 6, end: 14, id: 'Electron' },
      { start: 20, end: 23, id: 'BIS' },
    ]);
    expect(kept.map((k) => k.id)).toEqual(['Tokyo Electron', 'BIS']);
  });

  it.each([
    ['ARM chips', 0, 3, true],
    ['ALARM', 2, 5, false],
    ['US-China', 0, 2, true],
    ["Huawei's", 0, 6, true],
    ['Huaweis', 0, 6, false],
    ['据美光公司', 1, 3, true],
    ['USA', 0, 2, false],
  ])('%j [%i,%i) on boundaries: %s', (text, start, end, expected) => {
    expect(onWordBoundaries(text, start, end)).toBe(expected);
  });
});

/**
 * The automaton as it was before the ASCII table: a trie of maps, walked along fail links one
 * character at a time. The table must report the same occurrences in the same order.
 */
function mapWalkSearch(patterns: string[], text: string): [number, number, number][] {
  const nodes: { next: Map<number, number>; fail: number; outputs: [number, number][] }[] = [{ next: new Map(), fail: 0, outputs: [] }];
  patterns.forEach((p, index) => {
    let state = 0;
    for (let i = 0; i < p.length; i++) {
      const code = p.charCodeAt(i);
      let next = nodes[state].next.get(code);
      if (next === undefined) {
        next = nodes.push({ next: new Map(), fail: 0, outputs: [] }) - 1;
        nodes[state].next.set(code, next);
      }
      state = next;
    }
    nodes[state].outputs.push([p.length, index]);
  });
  const queue = [...nodes[0].next.values()];
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
  const found: [number, number, number][] = [];
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let next = nodes[state].next.get(code);
    while (next === undefined && state !== 0) {
      state = nodes[state].fail;
      next = nodes[state].next.get(code);
    }
    state = next ?? 0;
    for (const [length, index] of nodes[state].outputs) found.push([i + 1 - length, i + 1, index]);
  }
  return found;
}

function scanned(ac: AhoCorasick<number>, text: string): [number, number, number][] {
  const hits = new Hits(1); // grows on the way: the tests cover growing too
  ac.scan(text, hits);
  return Array.from({ length: hits.count }, (_, k) => [hits.start[k], hits.end[k], ac.payload(hits.pattern[k])] as [number, number, number]);
}

function automaton(patterns: string[]): AhoCorasick<number> {
  const ac = new AhoCorasick<number>();
  patterns.forEach((p, i) => ac.add(p, i));
  return ac.build();
}

describe('AhoCorasick tables against the map walk', () => {
  it('reports every pattern ending at a position, longest first, fail-link outputs included', () => {
    const patterns = ['abcd', 'bcd', 'cd', 'd', 'bc', 'x'];
    expect(scanned(automaton(patterns), 'abcdxbcd')).toEqual(mapWalkSearch(patterns, 'abcdxbcd'));
    expect(scanned(automaton(patterns), 'abcd').slice(1).map(([, , p]) => patterns[p])).toEqual(['abcd', 'bcd', 'cd', 'd']);
  });

  it('reports a pattern added twice once per payload, in the order added', () => {
    const ac = new AhoCorasick<string>();
    ac.add('Lam', 'first');
    ac.add('Lam', 'second');
    expect(ac.search('Lam').map((m) => m.payload)).toEqual(['first', 'second']);
  });

  it('goes back to the root on characters in no pattern, ASCII or not', () => {
    const ac = automaton(['ab', '美光']);
    expect(scanned(ac, 'a#b a€b 美#光 美€光 ab 美光')).toEqual([
      [16, 18, 0],
      [19, 21, 1],
    ]);
  });

  it('follows fail links across ASCII and non-ASCII characters alike', () => {
    const patterns = ['a美b', '美b', 'b美', 'aé', 'éa', 'é', 'ab美光', '光a'];
    const ac = automaton(patterns);
    for (const text of ['a美b美光a', 'aéa美b', 'ab美光ab美光', 'éééaéa', 'b美b美b', '']) expect(scanned(ac, text)).toEqual(mapWalkSearch(patterns, text));
  });

  it('treats surrogate halves as plain code units', () => {
    const ac = automaton(['😀a', 'a😀']);
    expect(scanned(ac, 'a😀a')).toEqual([
      [0, 3, 1],
      [1, 4, 0],
    ]);
  });

  it('agrees with the map walk on random patterns and text mixing ASCII and other scripts', () => {
    const alphabet = 'abAB -é美光😀';
    let seed = 11;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const word = (max: number) => Array.from({ length: 1 + rand(max) }, () => alphabet[rand(alphabet.length)]).join('');
    for (let round = 0; round < 200; round++) {
      const patterns = Array.from({ length: 1 + rand(12) }, () => word(5));
      const ac = automaton(patterns);
      for (let t = 0; t < 5; t++) {
        const text = word(80);
        expect(scanned(ac, text)).toEqual(mapWalkSearch(patterns, text));
      }
    }
  });

  it('works past 65,536 states, where the table needs 32-bit entries', () => {
    const patterns: string[] = [];
    for (let i = 0; i < 700; i++) patterns.push(`${String(i).padStart(4, '0')}${'x'.repeat(96)}`);
    patterns.push('0699x');
    const ac = automaton(patterns);
    const text = `--${patterns[699]}--`;
    expect(scanned(ac, text)).toEqual(mapWalkSearch(patterns, text));
    expect(scanned(ac, text).map(([, , p]) => p)).toEqual([700, 699]);
  });

  it('refuses patterns once built, and building twice changes nothing', () => {
    const ac = automaton(['he', 'she']);
    ac.build();
    expect(() => ac.add('hers', 2)).toThrow();
    expect(scanned(ac, 'she')).toEqual(mapWalkSearch(['he', 'she'], 'she'));
  });
});

describe('Hits', () => {
  it('orders by start, longest first, ties in the order found, as selectLongest does', () => {
    let seed = 5;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 300; round++) {
      const hits = new Hits(2);
      const list: { start: number; end: number; k: number }[] = [];
      for (let k = 0, n = rand(30); k < n; k++) {
        const start = rand(20);
        const end = start + 1 + rand(4);
        hits.push(start, end, k);
        list.push({ start, end, k });
      }
      const sorted = [...list].sort((a, b) => a.start - b.start || b.end - a.end).map((m) => m.k);
      expect(Array.from(hits.sortLeftmostLongest().subarray(0, hits.count))).toEqual(sorted);
      const kept = hits.selectLongest();
      expect(Array.from(hits.order.subarray(0, kept))).toEqual(selectLongest(list).map((m) => m.k));
    }
  });

  it('compacts in place with move', () => {
    const hits = new Hits();
    for (let k = 0; k < 5; k++) hits.push(k, k + 1, k * 10);
    let kept = 0;
    for (let k = 0; k < hits.count; k++) if (k % 2 === 0) hits.move(k, kept++);
    hits.count = kept;
    expect(Array.from(hits.pattern.subarray(0, hits.count))).toEqual([0, 20, 40]);
    expect(Array.from(hits.start.subarray(0, hits.count))).toEqual([0, 2, 4]);
  });
});
