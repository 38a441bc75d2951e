import { describe, expect, it } from 'vitest';
import { htmlToText, sanitiseHtml, sanitiseHtmlFully } from '../../lib/feeds/html-text';
import { hostileItems } from '../fixtures/xss/corpus-feed';

/**
 * sanitiseHtml returns markup the sanitiser would give back unchanged without running it. That
 * shortcut is only allowed to be faster, never different: on every input below the two paths must
 * give the same string, and the shortcut must actually be taken on plain feed markup.
 */

// A seeded generator, so a failure names an input that can be replayed.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)];

const TEXT = ['Samsung said ', 'the rule ', 'Tom & Jerry ', '&amp; ', '&lt;b&gt; ', '"quoted" ', "it's ", '5 > 3', ' x < y ', 'é', '中文', '\t', '\n', '  ', '\u0000', '\u200b', '&#106;', '&colon;', 'javascript:', '—'];
const SAFE_TAGS = ['<p>', '</p>', '<b>', '</b>', '<i>', '</i>', '<em>', '</em>', '<strong>', '</strong>', '<u>', '</u>', '<br>', '<br />', '</a>'];
const URL_PARTS = ['https://', 'http://', 'example.com', '/ref/3', '?q=1', '#top', '%20', '(x)', '[y]', ';s', '@', '!', '$', '*', '+', ','];
// Each is one step outside what the shortcut accepts, or an attack.
const NEAR_MISSES = [
  '<P>', '<p >', '<br/>', '<BR>', '<a href=\'https://x.example/\'>', '<a href="javascript:alert(1)">', '<a href="JAVASCRIPT:x">',
  '<a href="https://x.example/" onclick="alert(1)">', '<a  href="https://x.example/">', '<a href="https://x.example/&amp;y">',
  '<a href="https://x.example/"x">', '<a href="https://x.example/ y">', '<a href="https://x.example/é">', '<a href="//x.example/">',
  '<a href="data:text/html,x">', '<a title="t" href="https://x.example/">', '<img src=x onerror=alert(1)>', '<script>alert(1)</script>',
  '<style>p{}</style>', '<!-- c -->', '<iframe src="https://x.example/"></iframe>', '<svg onload=alert(1)>', '<p', '<', '>', '</',
  '<a href="https://x.example/\u0000">', '<a href="https://x.example/&#106;">', '<table><tr><td>x</td></tr></table>', '<div>x</div>',
];

function safeMarkup(r: () => number): string {
  let out = '';
  const parts = 1 + Math.floor(r() * 12);
  for (let k = 0; k < parts; k++) {
    const roll = r();
    if (roll < 0.45) out += pick(r, TEXT.filter((t) => !t.includes('<') && !t.includes('>')));
    else if (roll < 0.8) out += pick(r, SAFE_TAGS);
    else {
      let url = pick(r, ['https://', 'http://']);
      for (let u = Math.floor(r() * 5); u > 0; u--) url += pick(r, URL_PARTS);
      out += `<a href="${url}">`;
    }
  }
  return out;
}

describe('sanitiseHtml', () => {
  it('takes the shortcut on plain feed markup, and the result is what the sanitiser gives', () => {
    const summary = '<p>Samsung said the measure would take effect within 56 days. <b>Analysts</b> expect licences, and <a href="https://bench.example/ref/3/0">the notice</a> lists 12 items.</p>';
    expect(sanitiseHtml(summary)).toBe(summary);
    expect(sanitiseHtmlFully(summary)).toBe(summary);
  });

  it('gives the sanitiser’s output on 20,000 generated inputs, near misses and attacks mixed in', () => {
    const r = rng(20261204);
    let unchanged = 0;
    for (let n = 0; n < 20_000; n++) {
      let input = safeMarkup(r);
      // Half of the inputs get one piece from outside the safe forms, somewhere.
      if (r() < 0.5) {
        const at = Math.floor(r() * (input.length + 1));
        input = input.slice(0, at) + pick(r, [...NEAR_MISSES, ...TEXT]) + input.slice(at);
      }
      const full = sanitiseHtmlFully(input);
      if (sanitiseHtml(input) !== full) throw new Error(`different output for ${JSON.stringify(input)}`);
      if (full === input) unchanged++;
    }
    // The generator must reach both paths: plenty of inputs come back unchanged, plenty do not.
    expect(unchanged).toBeGreaterThan(5_000);
    expect(unchanged).toBeLessThan(19_000);
  });

  it('gives the sanitiser’s output on every hostile item of the XSS corpus', () => {
    for (const item of hostileItems()) {
      for (const text of [item.title, item.summary, item.link, `<p>${item.summary}</p>`, `<a href="${item.link}">x</a>`]) {
        expect(sanitiseHtml(text)).toBe(sanitiseHtmlFully(text));
      }
    }
  });

  it('keeps htmlToText and sanitiseHtml apart: text is still stripped and decoded', () => {
    expect(htmlToText('<p>Tom &amp; Jerry <b>bold</b></p>')).toBe('Tom & Jerry bold');
  });
});
