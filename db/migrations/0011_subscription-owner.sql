-- drizzle-kit 0.31 drops the ON DELETE action from ALTER TABLE ADD ... REFERENCES (drizzle-orm issue #5619); it is added here by hand, as the schema and snapshot say.
ALTER TABLE `digest_subscriptions` ADD `owner_user_id` integer REFERENCES users(id) ON DELETE set null;--> statement-breakpoint
CREATE INDEX `digest_subscriptions_owner_idx` ON `digest_subscriptions` (`owner_user_id`);
