import { migrateDb, openDb, type Db } from '../../db';
import { getGazetteer } from '../../lib/tagging/gazetteer';
import { EVENT_TYPES } from '../../lib/tagging/rules';
import { countNewItemsPerMonth } from '../../lib/feeds/store-items';

/**
 * A database at the scale the dashboard must stay fast at: ITEMS items over 8 years from 100
 * feeds, half of them relevant, tagged with 150 companies and a skewed set of countries, grouped in
 * story clusters of one to three reports. Written directly (the ingest path is benchmarked on its
 * own); deterministic, so runs compare.
 */
export interface ScaleOptions {
  items: number;
  companies: number;
  years: number;
  endDay: string;
}

const DAY_MS = 86_400_000;
// Where policy news happens, by weight: mostly the US and China, then the chip-making countries.
const COUNTRY_WEIGHTS: [string, number][] = [
  ['US', 30], ['CN', 30], ['TW', 8], ['JP', 8], ['KR', 7], ['NL', 5], ['EU', 4], ['DE', 3], ['GB', 2], ['IN', 2], ['MY', 1], ['SG', 1],
];
const VERBS = ['restricts', 'reviews', 'bans', 'adds', 'probes', 'subsidises', 'blocks', 'warns', 'halts', 'taxes'];
const OBJECTS = ['memory chips', 'lithography tools', 'gallium exports', 'AI accelerators', 'a fab expansion', 'legacy chips', 'rare earths', 'HBM sales'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function generateScaleDb(file: string, options: ScaleOptions): Db {
  const db = openDb(file);
  migrateDb(db);
  const client = db.$client;
  const rand = rng(42);
  const companies = getGazetteer().companies.slice(0, options.companies);
  // Zipf-like: the first companies in the gazetteer (the big names) are named far more often.
  const companyWeights = companies.map((_, i) => 1 / (i + 1) ** 0.8);
  const pickWeighted = <T,>(list: T[], weights: number[]) => {
    const total = weights.reduce((a, b) => a + b, 0);
    let r = rand() * total;
    for (let i = 0; i < list.length; i++) if ((r -= weights[i]) <= 0) return list[i];
    return list[list.length - 1];
  };
  const countryList = COUNTRY_WEIGHTS.map(([c]) => c);
  const countryW = COUNTRY_WEIGHTS.map(([, w]) => w);
  const end = Date.parse(`${options.endDay}T12:00:00Z`);
  const span = options.years * 365 * DAY_MS;

  client.exec('BEGIN');
  const insertFeed = client.prepare("INSERT INTO feeds (url, title, kind, next_check_at) VALUES (?, ?, 'remote', ?)");
  for (let f = 0; f < 100; f++) insertFeed.run(`https://scale.example/feed-${f}.xml`, `Scale feed ${f}`, end + 365 * DAY_MS);
  const insertItem = client.prepare(`INSERT INTO items (id, feed_id, dedupe_key, guid, url, title, summary, content_html, published_at,
      date_from_feed, first_seen_at, updated_at, content_hash, relevant, relevance, event_type, severity, tagger_version, tagged_at, cluster_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, 1, ?, ?, ?, ?, ?, ?, ?, 'bench', ?, ?)`);
  const insertTag = client.prepare(`INSERT OR IGNORE INTO item_tags (item_id, kind, value, source, removed, matched_text, field, offset)
    VALUES (?, ?, ?, 'auto', 0, ?, ?, 0)`);
  let id = 0;
  while (id < options.items) {
    const relevant = rand() < 0.5;
    const publishedAt = end - Math.floor(rand() * span);
    if (!relevant) {
      id++;
      insertItem.run(id, 1 + (id % 100), `k${id}`, `g${id}`, `https://scale.example/i/${id}`, `Local council ${VERBS[id % VERBS.length]} parking rules (${id})`,
        'Residents were asked to comment on the plan before the next meeting of the council.', publishedAt, publishedAt, publishedAt, `h${id}`, 0, 0.1, null, 0.2, publishedAt, null);
      continue;
    }
    // One story, reported by one to three feeds within a day.
    const type = EVENT_TYPES[Math.floor(rand() * EVENT_TYPES.length)];
    const severity = Math.round((0.3 + rand() * 0.7) * 100) / 100;
    const company = pickWeighted(companies, companyWeights);
    const second = rand() < 0.3 ? pickWeighted(companies, companyWeights) : undefined;
    const country = pickWeighted(countryList, countryW);
    const otherCountry = rand() < 0.4 ? pickWeighted(countryList, countryW) : undefined;
    const reports = 1 + Math.floor(rand() * rand() * 3);
    const clusterId = id + 1;
    for (let r = 0; r < reports && id < options.items; r++) {
      id++;
      const title = `${country} ${VERBS[Math.floor(rand() * VERBS.length)]} ${OBJECTS[Math.floor(rand() * OBJECTS.length)]} hitting ${company.name} (${id})`;
      const summary = `Officials said the measure affecting ${company.name}${second ? ` and ${second.name}` : ''} would take effect within ${1 + Math.floor(rand() * 90)} days; ${otherCountry ?? 'partners'} were consulted.`;
      const at = publishedAt + r * 3_600_000;
      insertItem.run(id, 1 + ((clusterId + r * 37) % 100), `k${id}`, `g${id}`, `https://scale.example/i/${id}`, title, summary, at, at, at, `h${id}`, 1, 2 + rand() * 3, type, severity, at, clusterId);
      insertTag.run(id, 'company', company.id, company.name, 'title');
      if (second) insertTag.run(id, 'company', second.id, second.name, 'summary');
      insertTag.run(id, 'country', country, country, 'title');
      if (otherCountry) insertTag.run(id, 'country', otherCountry, otherCountry, 'summary');
    }
  }
  // Items inserted here, not through ingest, are counted per month and indexed for full-text search
  // in one pass each (as ingest does for each document's new items, lib/feeds/store-items.ts).
  countNewItemsPerMonth(db, 1, id);
  client.exec("INSERT INTO items_fts (items_fts) VALUES ('rebuild')");
  client.exec('COMMIT');
  client.exec('ANALYZE');
  return db;
}
