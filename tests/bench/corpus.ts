import fs from 'node:fs';
import path from 'node:path';

/**
 * A synthetic corpus shaped like real policy feeds: RSS 2.0 with guids, links, RFC 822 dates and
 * short HTML descriptions. Deterministic (seeded), so runs compare.
 */
const SUBJECTS = ['Commerce', 'BIS', 'MOFCOM', 'METI', 'The Dutch government', 'Brussels', 'Seoul', 'Taipei', 'USTR', 'CFIUS'];
const VERBS = ['tightens', 'reviews', 'extends', 'weighs', 'eases', 'announces', 'confirms', 'delays', 'expands', 'suspends'];
const OBJECTS = ['export licences for lithography tools', 'controls on gallium shipments', 'tariffs on legacy chips', 'subsidies for a new fab', 'Entity List additions', 'a review of memory imports', 'rules on AI accelerators', 'screening of a chip deal', 'limits on HBM sales', 'checks on rare-earth magnets'];
const COMPANIES = ['Micron', 'TSMC', 'Samsung', 'SK hynix', 'ASML', 'Nvidia', 'Intel', 'SMIC', 'Huawei', 'Tokyo Electron', 'Applied Materials', 'Nexperia'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function generateFeed(feedIndex: number, itemsPerFeed: number): string {
  const rand = rng(feedIndex + 1);
  const pick = <T,>(list: T[]) => list[Math.floor(rand() * list.length)];
  const items: string[] = [];
  for (let i = 0; i < itemsPerFeed; i++) {
    const company = pick(COMPANIES);
    const title = `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} affecting ${company} (${feedIndex}-${i})`;
    const when = new Date(Date.UTC(2018, 0, 1) + Math.floor(rand() * 8 * 365 * 86_400_000));
    const description = `<p>${company} said the measure would take effect within ${1 + Math.floor(rand() * 90)} days. <b>Analysts</b> expect ${pick(OBJECTS)} to follow, and <a href="https://bench.example/ref/${feedIndex}/${i}">the notice</a> lists ${Math.floor(rand() * 40)} items.</p>`;
    items.push(`<item>
<title>${title}</title>
<link>https://bench.example/feed${feedIndex}/item/${i}</link>
<guid isPermaLink="false">bench-${feedIndex}-${i}</guid>
<pubDate>${when.toUTCString()}</pubDate>
<description><![CDATA[${description}]]></description>
</item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Benchmark feed ${feedIndex}</title><link>https://bench.example/feed${feedIndex}/</link><description>Generated for chipwatch benchmarks</description>
${items.join('\n')}
</channel></rss>`;
}

export function writeCorpus(dir: string, feeds: number, itemsPerFeed: number): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let f = 0; f < feeds; f++) {
    const file = path.join(dir, `feed-${f}.xml`);
    fs.writeFileSync(file, generateFeed(f, itemsPerFeed));
    files.push(file);
  }
  return files;
}
