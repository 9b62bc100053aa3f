import type { QuotaStatus, RateLimitInfo, UsageRange } from '@portico/contracts';

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

export const RANGE_LABELS: Record<UsageRange, string> = { '24h': 'Last 24 hours', '7d': 'Last 7 days' };

export function formatCount(value: number): string {
  return integer.format(value);
}

export function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** Latency from a histogram estimate; "—" when there was no request to measure. */
export function formatMs(value: number | null): string {
  if (value === null) return '—';
  return value < 10 ? `${value.toFixed(1)} ms` : `${integer.format(value)} ms`;
}

export function formatDuration(seconds: number): string {
  if (seconds % 86_400 === 0) return seconds === 86_400 ? 'day' : `${seconds / 86_400} days`;
  if (seconds % 3600 === 0) return seconds === 3600 ? 'hour' : `${seconds / 3600} hours`;
  if (seconds % 60 === 0) return seconds === 60 ? 'minute' : `${seconds / 60} minutes`;
  return seconds === 1 ? 'second' : `${seconds} seconds`;
}

export function formatRateLimit(rate: RateLimitInfo | null): string {
  if (rate === null) return 'No policy';
  return `${formatCount(rate.limit)} per ${formatDuration(rate.windowSeconds)}`;
}

const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const time = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' });
const dayTime = new Intl.DateTimeFormat('en', { weekday: 'short', hour: '2-digit', minute: '2-digit' });

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** A chart step's start, short enough for a table row: time for 24 h, weekday and time for 7 days. */
export function formatStep(iso: string, range: UsageRange): string {
  return (range === '24h' ? time : dayTime).format(new Date(iso));
}

export function formatQuota(quota: QuotaStatus | null): string {
  if (quota === null) return 'Unlimited';
  return `${formatCount(quota.remaining)} of ${formatCount(quota.max)} left`;
}

export function formatQuotaRenewal(quota: QuotaStatus | null): string | null {
  if (quota === null) return null;
  if (quota.renewsAt !== null) return `renews ${formatDateTime(quota.renewsAt)}`;
  if (quota.renewalSeconds === null) return 'never renews';
  return `renews every ${formatDuration(quota.renewalSeconds)} after first use`;
}
