CREATE TABLE `company_exposure_daily` (
	`company_id` text NOT NULL,
	`day` text NOT NULL,
	`score` real NOT NULL,
	`raw` real NOT NULL,
	`support` real NOT NULL,
	PRIMARY KEY(`company_id`, `day`)
);
--> statement-breakpoint
CREATE TABLE `country_pressure_daily` (
	`country` text NOT NULL,
	`day` text NOT NULL,
	`index` real NOT NULL,
	`raw` real NOT NULL,
	PRIMARY KEY(`country`, `day`)
);
--> statement-breakpoint
CREATE TABLE `exposure_event_entities` (
	`event_id` integer NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`named` text,
	PRIMARY KEY(`event_id`, `kind`, `value`),
	FOREIGN KEY (`event_id`) REFERENCES `exposure_events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `exposure_event_entities_value_idx` ON `exposure_event_entities` (`kind`,`value`,`event_id`);--> statement-breakpoint
CREATE TABLE `exposure_events` (
	`id` integer PRIMARY KEY NOT NULL,
	`day` text NOT NULL,
	`event_type` text NOT NULL,
	`severity` real NOT NULL,
	`sources` integer NOT NULL,
	`title` text NOT NULL,
	`url` text
);
--> statement-breakpoint
CREATE INDEX `exposure_events_day_idx` ON `exposure_events` (`day`);--> statement-breakpoint
-- The effective-tags view (0002) now also says where a tag came from, so the exposure events can
-- tell a company named in a title from one named in a body without restating the view's rule.
DROP VIEW `effective_item_tags`;
--> statement-breakpoint
CREATE VIEW `effective_item_tags` AS
SELECT t.`item_id`, t.`kind`, t.`value`, t.`source`, t.`field`
FROM `item_tags` t
WHERE t.`removed` = 0
  AND NOT EXISTS (
    SELECT 1 FROM `item_tags` r
    WHERE r.`item_id` = t.`item_id` AND r.`kind` = t.`kind` AND r.`value` = t.`value`
      AND r.`source` = 'manual' AND r.`removed` = 1
  );
