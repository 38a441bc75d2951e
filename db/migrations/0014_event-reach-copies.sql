ALTER TABLE `exposure_events` ADD `countries` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `exposure_events` ADD `companies` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `exposure_events_reach_idx` ON `exposure_events` (`event_type`,`day`,`severity`,`sources`,`countries`,`companies`);