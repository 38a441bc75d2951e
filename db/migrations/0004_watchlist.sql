CREATE TABLE `custom_companies` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`segment` text NOT NULL,
	`aliases` text NOT NULL,
	`hq` text NOT NULL,
	`sites` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `watchlist_entries` (
	`company_id` text PRIMARY KEY NOT NULL,
	`supplier_name` text,
	`source` text NOT NULL,
	`added_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `watchlist_unmatched` (
	`name` text PRIMARY KEY NOT NULL,
	`details` text,
	`uploaded_at` integer NOT NULL
);
