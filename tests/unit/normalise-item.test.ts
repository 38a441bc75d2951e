import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../lib/feeds/html-text';
import { normaliseEntry, resolveLink } from '../../lib/feeds/normalise-item';

const now = new Date('2026-11-01T12:00:00Z');
const base = 'https://example.com/feeds/policy.xml';

describe('normaliseEntry: identity for deduplication', () => {
  it('uses the guid first', () => {
    const item = normaliseEntry({ guid: ' urn:x:1 ', link: 'https://example.com/a', title: 'T' }, base, now);
    expect(item.dedupeKey).toBe('g:urn:x:1');
  });

  it('uses the Atom id or RDF about when there is no guid', () => {
    expect(normaliseEntry({ id: 'tag:example.com,2023:1', title: 'T' }, base, now).dedupeKey).toBe('g:tag:example.com,2023:1');
    expect(normaliseEntry({ 'rdf:about': 'https://example.com/r/1', title: 'T' }, base, now).dedupeKey).toBe('g:https://example.com/r/1');
  });

  it('uses the absolute link when there is no guid', () => {
    const item = normaliseEntry({ link: '/news/1', title: 'T' }, base, now);
    expect(item.dedupeKey).toBe('l:https://example.com/news/1');
  });

  it('hashes title and date when there is neither', () => {
    const a = normaliseEntry({ title: 'Ban takes effect', pubDate: 'Sun, 21 May 2023 09:15:00 GMT' }, base, now);
    const b = normaliseEntry({ title: 'Ban takes effect', pubDate: 'Sun, 21 May 2023 09:15:00 GMT' }, base, now);
    const c = normaliseEntry({ title: 'Ban takes effect', pubDate: 'Mon, 22 May 2023 09:15:00 GMT' }, base, now);
    expect(a.dedupeKey).toMatch(/^h:[0-9a-f]{40}$/);
    expect(a.dedupeKey).toBe(b.dedupeKey);
    expect(a.dedupeKey).not.toBe(c.dedupeKey);
  });

  it('changes the content hash when the title or summary changes, not otherwise', () => {
    const a = normaliseEntry({ guid: '1', title: 'A', summary: 'x' }, base, now);
    expect(normaliseEntry({ guid: '1', title: 'A', summary: 'x' }, base, now).contentHash).toBe(a.contentHash);
    expect(normaliseEntry({ guid: '1', title: 'A (updated)', summary: 'x' }, base, now).contentHash).not.toBe(a.contentHash);
    expect(normaliseEntry({ guid: '1', title: 'A', summary: 'y' }, base, now).contentHash).not.toBe(a.contentHash);
  });
});

describe('normaliseEntry: text, links and dates', () => {
  it('stores plain text titles and summaries and keeps sanitised HTML', () => {
    const item = normaliseEntry(
      {
        guid: '1',
        title: 'US &amp;amp; allies <b>tighten</b>   rules',
        content: '<p>BIS <a href="javascript:alert(1)">added</a> 36 firms.</p><script>alert(1)</script><img src=x onerror=alert(1)>',
      },
      base,
      now,
    );
    expect(item.title).toBe('US & allies tighten rules');
    expect(item.summary).toBe('BIS added 36 firms.');
    expect(item.contentHtml).toContain('<p>');
    expect(item.contentHtml).not.toMatch(/script|javascript:|onerror|<img/i);
  });

  it('falls back to the first-seen time when there is no date, and never stores a future date', () => {
    const undated = normaliseEntry({ guid: '1', title: 'T' }, base, now);
    expect(undated.publishedAt).toEqual(now);
    expect(undated.dateFromFeed).toBe(false);
    const future = normaliseEntry({ guid: '2', title: 'T', pubDate: 'Wed, 01 Jan 2031 00:00:00 GMT' }, base, now);
    expect(future.publishedAt).toEqual(now);
    const dc = normaliseEntry({ guid: '3', title: 'T', dcDate: '2023-07-03T08:00:00+08:00' }, base, now);
    expect(dc.publishedAt.toISOString()).toBe('2023-07-03T00:00:00.000Z');
    expect(dc.dateFromFeed).toBe(true);
    // An unreadable pubDate does not hide a good dc:date, and an empty one neither.
    for (const pubDate of ['sometime last week', '']) {
      const both = normaliseEntry({ guid: '4', title: 'T', pubDate, dcDate: '2023-07-03T08:00:00+08:00' }, base, now);
      expect(both.publishedAt.toISOString()).toBe('2023-07-03T00:00:00.000Z');
    }
  });

  it('gives an untitled item a title from its summary', () => {
    expect(normaliseEntry({ guid: '1', title: '', summary: 'Japan adds 23 tool types to its export list.' }, base, now).title).toBe(
      'Japan adds 23 tool types to its export list.',
    );
    expect(normaliseEntry({ guid: '1' }, base, now).title).toBe('(untitled)');
  });
});

describe('resolveLink', () => {
  it.each([
    ['/a/b', 'https://example.com/a/b'],
    ['c', 'https://example.com/feeds/c'],
    ['//cdn.example.org/x', 'https://cdn.example.org/x'],
    ['https://other.example/y', 'https://other.example/y'],
    ['javascript:alert(1)', null],
    ['data:text/html,hi', null],
    ['', null],
  ])('resolves %s', (link, expected) => {
    expect(resolveLink(link, base)).toBe(expected);
  });
});

describe('htmlToText', () => {
  it.each([
    ['<p>a</p><p>b</p>', 'a b'],
    ['&lt;script&gt;alert(1)&lt;/script&gt; text', 'text'],
    ['caf&eacute; &#8211; &#x4E2D;', 'café – 中'],
    ['tab\tand\nnewline\u0007bell', 'tab and newline bell'],
    ['<style>.x{}</style>visible<!-- hidden -->', 'visible'],
  ])('turns %j into %j', (input, expected) => {
    expect(htmlToText(input)).toBe(expected);
  });

  it('collapses whitespace exactly as one replace of every run would, though it skips the replace when nothing would change', () => {
    // Plain text (no markup, no entities): only the control-character and whitespace rules apply.
    // eslint-disable-next-line no-control-regex
    const everyRun = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
    const alphabet = ['a', 'b', ' ', ' ', '  ', '\t', '\n', '\r', '\u00a0', '\u2028', '\u3000', '\ufeff', '\u000b', '\u0007', '\u001f', 'é'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 5000; n++) {
      let text = '';
      for (let len = next() % 12; len > 0; len--) text += alphabet[next() % alphabet.length];
      expect(htmlToText(text), JSON.stringify(text)).toBe(everyRun(text));
    }
  });
});
