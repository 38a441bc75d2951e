DROP INDEX `items_cluster_idx`;--> statement-breakpoint
CREATE INDEX `items_cluster_idx` ON `items` (`cluster_id`,`feed_id`,`published_at`);--> statement-breakpoint
CREATE INDEX `item_tags_removed_idx` ON `item_tags` (`item_id`,`kind`,`value`,`source`) WHERE "item_tags"."removed" = 1;