import fs from 'node:fs';
import Parser from 'rss-parser';
import { htmlToText } from '../../lib/feeds/html-text';
import { getTagger } from '../../lib/tagging/tagger-instance';

/** Tagger alone, one core: items per second over the given texts (after a warm-up pass). */
export function measureTagging(texts: { title: string; summary: string }[], rounds = 3): { items: number; itemsPerSecond: number } {
  const tagger = getTagger();
  for (const t of texts.slice(0, 2000)) tagger.tag(t);
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    const started = process.hrtime.bigint();
    for (const t of texts) tagger.tag(t);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    best = Math.max(best, texts.length / seconds);
  }
  return { items: texts.length, itemsPerSecond: best };
}

export async function textsFromFeeds(files: string[]): Promise<{ title: string; summary: string }[]> {
  const parser = new Parser();
  const texts: { title: string; summary: string }[] = [];
  for (const file of files) {
    const feed = await parser.parseString(fs.readFileSync(file, 'utf8'));
    for (const item of feed.items) texts.push({ title: htmlToText(item.title), summary: htmlToText(item.content ?? item.summary) });
  }
  return texts;
}
