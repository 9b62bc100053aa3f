-- Consent is remembered as scope–API pairs, not as a set of scopes plus a set of APIs: consent to
-- `read` on one API must not cover `read` on another API the user allowed for other scopes.
-- Requests made before this migration get `{}`: their APIs are taken to ask for every requested
-- scope (stricter, see `consentCovers`). Consents recorded before it have no pairs (NULL): they are
-- still listed and revocable, but cover no new request, so the user is asked once more.
ALTER TABLE `authorization_requests` ADD `api_scopes` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `consents` ADD `api_scopes` text;
