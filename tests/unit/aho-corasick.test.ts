import { describe, expect, it } from 'vitest';
import { AhoCorasick, onWordBoundaries, selectLongest } from '../../lib/tagging/aho-corasick';

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
