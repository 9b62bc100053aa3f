DROP INDEX `access_tokens_grant_idx`;--> statement-breakpoint
DROP INDEX `access_tokens_user_idx`;--> statement-breakpoint
CREATE INDEX `access_tokens_grant_idx` ON `access_tokens` (`grant_id`) WHERE "access_tokens"."grant_id" is not null;--> statement-breakpoint
CREATE INDEX `access_tokens_user_idx` ON `access_tokens` (`user_id`) WHERE "access_tokens"."user_id" is not null;--> statement-breakpoint
DROP INDEX `audit_events_actor_idx`;--> statement-breakpoint
CREATE INDEX `audit_events_actor_idx` ON `audit_events` (`actor_id`,`created_at`) WHERE "audit_events"."actor_id" is not null;