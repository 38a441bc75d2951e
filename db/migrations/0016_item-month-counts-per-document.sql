-- New items are counted per month once per feed document, by ingest (lib/feeds/store-items.ts),
-- instead of by a trigger row by row.
-- Why: the insert trigger made every item INSERT a statement with a trigger, which SQLite runs with
-- a statement journal, and its upsert cost ~2.5-4.5 µs per stored item; one INSERT ... SELECT per
-- document does the same counting (docs/benchmarks.md, 2026-12-04). store-items.ts is the only code
-- that inserts items (as for the full-text index, migration 0012). The delete and re-date triggers
-- stay: deletes come through the feeds foreign key's cascade, and re-dated items are few.
-- Hand-written (drizzle-kit cannot express triggers): generated with --custom.
DROP TRIGGER IF EXISTS `monthly_item_counts_after_insert`;
