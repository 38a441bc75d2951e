CREATE TABLE `cluster_keys` (
	`key` text NOT NULL,
	`published_at` integer NOT NULL,
	`item_id` integer NOT NULL,
	PRIMARY KEY(`key`, `published_at`, `item_id`),
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `cluster_keys_item_idx` ON `cluster_keys` (`item_id`);--> statement-breakpoint
CREATE TABLE `item_tags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`source` text NOT NULL,
	`removed` integer DEFAULT false NOT NULL,
	`matched_text` text,
	`field` text,
	`offset` integer,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `item_tags_unique` ON `item_tags` (`item_id`,`kind`,`value`,`source`);--> statement-breakpoint
CREATE INDEX `item_tags_value_idx` ON `item_tags` (`kind`,`value`);--> statement-breakpoint
ALTER TABLE `items` ADD `relevance` real;--> statement-breakpoint
ALTER TABLE `items` ADD `event_type` text;--> statement-breakpoint
ALTER TABLE `items` ADD `severity` real;--> statement-breakpoint
ALTER TABLE `items` ADD `tagger_version` text;--> statement-breakpoint
ALTER TABLE `items` ADD `tagged_at` integer;--> statement-breakpoint
ALTER TABLE `items` ADD `cluster_id` integer;--> statement-breakpoint
CREATE INDEX `items_cluster_idx` ON `items` (`cluster_id`);