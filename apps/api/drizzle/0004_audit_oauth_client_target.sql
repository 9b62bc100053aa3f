-- Approving or rejecting an OAuth client was audited with target type `client`; every other event
-- about OAuth clients (portal changes, consent, tokens) uses `oauth_client`. One name, so filtering the
-- audit log by target type (and target id) finds a client's whole history.
UPDATE `audit_events` SET `target_type` = 'oauth_client' WHERE `target_type` = 'client';
