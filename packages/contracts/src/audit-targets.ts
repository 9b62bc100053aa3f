// No TypeBox here: the Dashboard's audit page imports this list, and a schema module would pull the
// schema builder into that route's chunk (and reshuffle the wizard's, past its size budget).

/**
 * What audit events are about. The API's `audit.record` only takes these (so a new kind of target
 * must be added here), and the Dashboard offers them as the audit log's target filter.
 */
export const AUDIT_TARGET_TYPES = [
  'api',
  'policy',
  'catalogue_entry',
  'user',
  'oauth_client',
  'consent',
  'grant',
  'access_token',
  'refresh_token',
  'session',
  'audit_log',
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];
