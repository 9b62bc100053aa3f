-- Client authentication is cached while `authz_version.version` is unchanged (src/oauth/versioned-cache.ts).
-- Every write that can change a client's status, owner status, secrets or entitlements bumps it.
CREATE TABLE `authz_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);--> statement-breakpoint
INSERT INTO `authz_version` (`id`, `version`) VALUES (1, 0);--> statement-breakpoint
CREATE TRIGGER `authz_version_oauth_clients_insert` AFTER INSERT ON `oauth_clients`
BEGIN
	UPDATE `authz_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;--> statement-breakpoint
CREATE TRIGGER `authz_version_oauth_clients_update` AFTER UPDATE ON `oauth_clients`
BEGIN
	UPDATE `authz_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;--> statement-breakpoint
CREATE TRIGGER `authz_version_oauth_clients_delete` AFTER DELETE ON `oauth_clients`
BEGIN
	UPDATE `authz_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;--> statement-breakpoint
CREATE TRIGGER `authz_version_users_update` AFTER UPDATE OF status ON `users`
BEGIN
	UPDATE `authz_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;--> statement-breakpoint
CREATE TRIGGER `authz_version_users_delete` AFTER DELETE ON `users`
BEGIN
	UPDATE `authz_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;--> statement-breakpoint
CREATE TRIGGER `authz_version_client_secrets_insert` AFTER INSERT ON `client_secrets`
BEGIN
	UPDATE `authz_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;--> statement-breakpoint
CREATE TRIGGER `authz_version_client_secrets_update` AFTER UPDATE OF client_id, hash, expires_at, revoked_at ON `client_secrets`
BEGIN
	UPDATE `authz_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;--> statement-breakpoint
CREATE TRIGGER `authz_version_client_secrets_delete` AFTER DELETE ON `client_secrets`
BEGIN
	UPDATE `authz_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;--> statement-breakpoint
CREATE TRIGGER `authz_version_oauth_client_subscriptions_insert` AFTER INSERT ON `oauth_client_subscriptions`
BEGIN
	UPDATE `authz_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;--> statement-breakpoint
CREATE TRIGGER `authz_version_oauth_client_subscriptions_update` AFTER UPDATE ON `oauth_client_subscriptions`
BEGIN
	UPDATE `authz_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;--> statement-breakpoint
CREATE TRIGGER `authz_version_oauth_client_subscriptions_delete` AFTER DELETE ON `oauth_client_subscriptions`
BEGIN
	UPDATE `authz_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;--> statement-breakpoint
CREATE TRIGGER `authz_version_catalogue_entries_insert` AFTER INSERT ON `catalogue_entries`
BEGIN
	UPDATE `authz_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;--> statement-breakpoint
CREATE TRIGGER `authz_version_catalogue_entries_update` AFTER UPDATE ON `catalogue_entries`
BEGIN
	UPDATE `authz_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;--> statement-breakpoint
CREATE TRIGGER `authz_version_catalogue_entries_delete` AFTER DELETE ON `catalogue_entries`
BEGIN
	UPDATE `authz_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;--> statement-breakpoint
CREATE TRIGGER `authz_version_policies_insert` AFTER INSERT ON `policies`
BEGIN
	UPDATE `authz_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;--> statement-breakpoint
CREATE TRIGGER `authz_version_policies_update` AFTER UPDATE ON `policies`
BEGIN
	UPDATE `authz_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;--> statement-breakpoint
CREATE TRIGGER `authz_version_policies_delete` AFTER DELETE ON `policies`
BEGIN
	UPDATE `authz_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;--> statement-breakpoint
CREATE TRIGGER `authz_version_policy_access_rights_insert` AFTER INSERT ON `policy_access_rights`
BEGIN
	UPDATE `authz_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;--> statement-breakpoint
CREATE TRIGGER `authz_version_policy_access_rights_update` AFTER UPDATE ON `policy_access_rights`
BEGIN
	UPDATE `authz_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;--> statement-breakpoint
CREATE TRIGGER `authz_version_policy_access_rights_delete` AFTER DELETE ON `policy_access_rights`
BEGIN
	UPDATE `authz_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;--> statement-breakpoint
CREATE TRIGGER `authz_version_apis_insert` AFTER INSERT ON `apis`
BEGIN
	UPDATE `authz_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;--> statement-breakpoint
CREATE TRIGGER `authz_version_apis_update` AFTER UPDATE ON `apis`
BEGIN
	UPDATE `authz_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;--> statement-breakpoint
CREATE TRIGGER `authz_version_apis_delete` AFTER DELETE ON `apis`
BEGIN
	UPDATE `authz_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
