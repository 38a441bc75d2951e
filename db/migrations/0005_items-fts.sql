-- Full-text search over item titles and summaries for the events explorer (lib/queries/search-events.ts).
-- External content: the index holds only the tokens, the text stays in `items`, and highlight() and
-- snippet() read it back from there. unicode61 with diacritics removed, so "Haïti" finds "Haiti".
-- Hand-written (drizzle-kit cannot express virtual tables or triggers): generated with --custom.
CREATE VIRTUAL TABLE `items_fts` USING fts5(
	`title`, `summary`,
	content='items', content_rowid='id',
	tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- Kept in step by triggers, so every writer (ingest, retag, feed removal through the foreign key's
-- cascade) updates the index without knowing it exists.
CREATE TRIGGER `items_fts_after_insert` AFTER INSERT ON `items` BEGIN
	INSERT INTO `items_fts` (rowid, `title`, `summary`) VALUES (new.`id`, new.`title`, new.`summary`);
END;
--> statement-breakpoint
CREATE TRIGGER `items_fts_after_delete` AFTER DELETE ON `items` BEGIN
	INSERT INTO `items_fts` (`items_fts`, rowid, `title`, `summary`) VALUES ('delete', old.`id`, old.`title`, old.`summary`);
END;
--> statement-breakpoint
-- Only when the text changed: ingest rewrites a changed item's whole row (a new link alone counts as
-- a change) and re-tagging updates its verdict columns; neither should re-index unchanged text.
CREATE TRIGGER `items_fts_after_update` AFTER UPDATE OF `title`, `summary` ON `items`
WHEN old.`title` IS NOT new.`title` OR old.`summary` IS NOT new.`summary` BEGIN
	INSERT INTO `items_fts` (`items_fts`, rowid, `title`, `summary`) VALUES ('delete', old.`id`, old.`title`, old.`summary`);
	INSERT INTO `items_fts` (rowid, `title`, `summary`) VALUES (new.`id`, new.`title`, new.`summary`);
END;
--> statement-breakpoint
-- Items stored before this migration.
INSERT INTO `items_fts` (`items_fts`) VALUES ('rebuild');
