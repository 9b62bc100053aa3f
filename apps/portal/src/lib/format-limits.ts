import type { PortalPolicyLimits } from '@portico/contracts';

/** Human wording for the policy limits the gateway enforces (catalogue pages and the client page). */

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

/** 60 → "minute", 3600 → "hour", 90 → "90 seconds". */
export function formatPeriod(seconds: number): string {
  const units: [number, string][] = [
    [604_800, 'week'],
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, unit] of units) {
    if (seconds % size === 0) return seconds === size ? unit : plural(seconds / size, unit);
  }
  return plural(seconds, 'second');
}

/** "100 requests per minute". */
export function formatRateLimit(limits: PortalPolicyLimits): string {
  const { requests, perSeconds } = limits.rateLimit;
  return `${plural(requests, 'request')} per ${formatPeriod(perSeconds)}`;
}

/** "10,000 requests per day", "1,000 requests in total" or "Unlimited". */
export function formatQuota(limits: PortalPolicyLimits): string {
  if (limits.quota === null) return 'Unlimited';
  const { max, renewalSeconds } = limits.quota;
  return renewalSeconds === null
    ? `${plural(max, 'request')} in total`
    : `${plural(max, 'request')} per ${formatPeriod(renewalSeconds)}`;
}

/** "1 hour", "30 minutes". */
export function formatDuration(seconds: number): string {
  const period = formatPeriod(seconds);
  return /^\d/.test(period) ? period : `1 ${period}`;
}
