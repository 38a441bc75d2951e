import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asciiTitleTokens, jaccard, titleTokens, unicodeTitleTokens } from '../../lib/tagging/title-similarity';

const FIXTURES = path.join(__dirname, '../fixtures/tagging');

/** Every title of the labelled sets that is plain ASCII. */
function labelledAsciiTitles(): string[] {
  const titles: string[] = [];
  for (const file of fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.jsonl'))) {
    for (const line of fs.readFileSync(path.join(FIXTURES, file), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const title = (JSON.parse(line) as { title?: string }).title;
      if (title && /^[\x00-\x7f]*$/.test(title)) titles.push(title);
    }
  }
  return titles;
}

describe('title tokens', () => {
  it('takes the same tokens on the ASCII path as on the general one', () => {
    const titles = [
      ...labelledAsciiTitles(),
      'Series of buses: the ies, sss and xes of it',
      'U.S. adds 36 Chinese firms (incl. YMTC) to Entity-List; MOFCOM_responds',
      '   ', '', 'A', 'TSMC\'s 3nm fabs: Arizona vs. Kumamoto -- 2024/2025',
      'Tabs\tand\nnewlines, and "quotes" and #hashtags & ampersands',
    ];
    expect(titles.length).toBeGreaterThan(300);
    for (const title of titles) expect([...asciiTitleTokens(title)]).toEqual([...unicodeTitleTokens(title)]);
  });

  it('sends titles in other scripts down the general path', () => {
    expect([...titleTokens('中国商务部 gallium export curbs')]).toEqual(['中国', '国商', '商务', '务部', 'gallium', 'export', 'curb']);
    expect([...titleTokens('Café exports résumé')]).toEqual([...unicodeTitleTokens('Café exports résumé')]);
  });

  it('stems plurals and drops short words and stopwords', () => {
    expect([...titleTokens('The controls on chips and batteries')]).toEqual(['control', 'chip', 'batter']);
    expect(jaccard(titleTokens('US tightens chip controls'), titleTokens('U.S. tightens chip control'))).toBe(1);
  });
});
