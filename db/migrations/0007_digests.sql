CREATE TABLE `digest_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subscription_id` integer NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`period_start` integer,
	`period_end` integer,
	`message_id` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`next_attempt_at` integer,
	`event_count` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`subscription_id`) REFERENCES `digest_subscriptions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digest_deliveries_key_unique` ON `digest_deliveries` (`subscription_id`,`kind`,`key`);--> statement-breakpoint
CREATE INDEX `digest_deliveries_status_idx` ON `digest_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `digest_subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`cadence` text NOT NULL,
	`hour` integer NOT NULL,
	`weekday` integer DEFAULT 1 NOT NULL,
	`time_zone` text NOT NULL,
	`companies` text NOT NULL,
	`use_watchlist` integer DEFAULT false NOT NULL,
	`countries` text NOT NULL,
	`region` text,
	`event_types` text NOT NULL,
	`min_severity` real,
	`send_when_empty` integer DEFAULT false NOT NULL,
	`alert_score_rise` real,
	`alert_min_severity` real,
	`paused` integer DEFAULT false NOT NULL,
	`unsubscribe_token` text NOT NULL,
	`unsubscribed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digest_subscriptions_email_unique` ON `digest_subscriptions` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `digest_subscriptions_token_unique` ON `digest_subscriptions` (`unsubscribe_token`);