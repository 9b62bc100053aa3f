import type { AuthMode, GrantType } from '@portico/contracts';
import { formatDuration, formatPeriod } from '@/lib/format-limits';

export const AUTH_MODE_LABELS: Record<AuthMode, string> = {
  oauth2: 'OAuth 2.0',
  auth_token: 'Auth token',
  keyless: 'Keyless',
};

export const GRANT_TYPE_LABELS: Record<GrantType, string> = {
  authorization_code: 'Authorization code',
  client_credentials: 'Client credentials',
  refresh_token: 'Refresh token',
};

const plural = (n: number, word: string, many = `${word}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? word : many}`;

/** "10 requests per second". */
export const formatRate = (rate: { requests: number; perSeconds: number }) =>
  `${plural(rate.requests, 'request')} per ${formatPeriod(rate.perSeconds)}`;

/** "10,000 per day" or "Unlimited". */
export const formatQuotaValue = (quota: { max: number; renewalSeconds: number } | null) =>
  quota === null
    ? 'Unlimited'
    : `${quota.max.toLocaleString('en')} per ${formatPeriod(quota.renewalSeconds)}`;

export { formatDuration };

/** A timestamp in the reader's locale, e.g. "3 Mar 2025, 14:05". */
export function formatDateTime(iso: string | null): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export const pluralise = plural;

/**
 * A toast's note on the tokens a change revoked: "2 tokens that exceeded the new rights were
 * revoked." (or "2 tokens revoked." without `which`); nothing when none were.
 */
export function revokedTokensNote(count: number, which?: string): string | undefined {
  if (count <= 0) return undefined;
  return which
    ? `${plural(count, 'token')} ${which} ${count === 1 ? 'was' : 'were'} revoked.`
    : `${plural(count, 'token')} revoked.`;
}
