CREATE TABLE `company_breakdowns` (
	`company_id` text NOT NULL,
	`by` text NOT NULL,
	`key` text NOT NULL,
	`contribution` real NOT NULL,
	`rows` integer NOT NULL,
	PRIMARY KEY(`company_id`, `by`, `key`)
);
--> statement-breakpoint
CREATE TABLE `company_changes` (
	`company_id` text NOT NULL,
	`rank` integer NOT NULL,
	`event_id` integer,
	`title` text NOT NULL,
	`event_day` text NOT NULL,
	`event_type` text,
	`route` text,
	`country` text,
	`presence` text,
	`before` real NOT NULL,
	`after` real NOT NULL,
	`change` real NOT NULL,
	`rows` integer NOT NULL,
	PRIMARY KEY(`company_id`, `rank`)
);
--> statement-breakpoint
CREATE TABLE `company_ledger_rows` (
	`company_id` text NOT NULL,
	`kind` text NOT NULL,
	`rank` integer NOT NULL,
	`event_id` integer,
	`title` text NOT NULL,
	`event_day` text NOT NULL,
	`event_type` text,
	`route` text,
	`country` text,
	`presence` text,
	`type_weight` real,
	`severity` real,
	`confidence` real,
	`route_weight` real,
	`decay` real,
	`raw` real NOT NULL,
	`contribution` real NOT NULL,
	`rows` integer NOT NULL,
	PRIMARY KEY(`company_id`, `kind`, `rank`)
);
--> statement-breakpoint
CREATE TABLE `company_markers` (
	`company_id` text NOT NULL,
	`rank` integer NOT NULL,
	`event_id` integer NOT NULL,
	`day` text NOT NULL,
	`title` text NOT NULL,
	`event_type` text NOT NULL,
	`score` real NOT NULL,
	`jump` real NOT NULL,
	PRIMARY KEY(`company_id`, `rank`)
);
--> statement-breakpoint
CREATE TABLE `company_snapshots` (
	`company_id` text PRIMARY KEY NOT NULL,
	`day` text NOT NULL,
	`score` real NOT NULL,
	`raw` real NOT NULL,
	`risk_rows` integer NOT NULL,
	`support_score` real NOT NULL,
	`support_raw` real NOT NULL,
	`support_rows` integer NOT NULL,
	`change_from` text NOT NULL,
	`score_before` real NOT NULL,
	`markers_from` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `monthly_event_counts` (
	`by` text NOT NULL,
	`month` text NOT NULL,
	`key` text NOT NULL,
	`events` integer NOT NULL,
	PRIMARY KEY(`by`, `month`, `key`)
);
--> statement-breakpoint
CREATE TABLE `monthly_item_counts` (
	`month` text PRIMARY KEY NOT NULL,
	`items` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `exposure_events_type_day_idx` ON `exposure_events` (`event_type`,`day`);