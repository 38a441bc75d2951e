import type { FeedOutcome } from '../lib/feeds/ingest-feed';
import type { IngestSummary } from '../lib/feeds/run-ingest';

export function progressLine(o: FeedOutcome, done: number, total: number): string {
  const what =
    o.status === 'ok'
      ? `ok, ${o.inserted} new, ${o.updated} updated`
      : o.status === 'not-modified'
        ? 'not modified'
        : `failed: ${o.error}`;
  return `[${done}/${total}] ${o.url}: ${what}`;
}

export function formatIngestSummary(s: IngestSummary): string {
  const skipped = s.skipped ? `, ${s.skipped} not started` : '';
  return `ingest: ${s.feeds} feeds, ${s.ok} ok, ${s.notModified} not modified, ${s.failed} failed${skipped}; ${s.inserted} new and ${s.updated} updated items in ${(s.durationMs / 1000).toFixed(1)} s`;
}
