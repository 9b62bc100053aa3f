import { type Static, Type } from 'typebox';
import { Id, Timestamp } from './common.js';

/**
 * Usage analytics. The gateway counts every request of an identified client per client, API and minute;
 * reports aggregate those minutes into chart steps.
 */

export const UsageRange = Type.Union([Type.Literal('24h'), Type.Literal('7d')]);
export type UsageRange = Static<typeof UsageRange>;

/** Chart step per range: 24 h in 15-minute steps (96 points), 7 days in 2-hour steps (84 points). */
export const USAGE_STEP_SECONDS: Record<UsageRange, number> = { '24h': 15 * 60, '7d': 2 * 60 * 60 };
export const USAGE_RANGE_SECONDS: Record<UsageRange, number> = {
  '24h': 24 * 60 * 60,
  '7d': 7 * 24 * 60 * 60,
};

export const UsageQuery = Type.Object({ range: Type.Optional(UsageRange) }, { additionalProperties: false });
export type UsageQuery = Static<typeof UsageQuery>;

const Count = Type.Integer({ minimum: 0 });
/** Latency estimated from a histogram (ms); null when there were no requests. */
const Latency = Type.Union([Type.Number({ minimum: 0 }), Type.Null()]);

export const UsageTotals = Type.Object({
  requests: Count,
  status2xx: Count,
  status3xx: Count,
  status4xx: Count,
  status5xx: Count,
  /** Requests refused with 429 by the rate limit or the quota (also counted in `status4xx`). */
  throttled: Count,
  p50Ms: Latency,
  p95Ms: Latency,
});
export type UsageTotals = Static<typeof UsageTotals>;

export const UsagePoint = Type.Object({
  /** Start of the step. */
  t: Timestamp,
  ...UsageTotals.properties,
});
export type UsagePoint = Static<typeof UsagePoint>;

/** Window, step and the series shared by every report. */
const ReportBase = {
  range: UsageRange,
  from: Timestamp,
  to: Timestamp,
  stepSeconds: Type.Integer({ minimum: 1 }),
  totals: UsageTotals,
  /** One point per step from `from` to `to`, zero-filled. */
  series: Type.Array(UsagePoint),
};

export const RateLimitInfo = Type.Object({
  limit: Type.Integer({ minimum: 1 }),
  windowSeconds: Type.Integer({ minimum: 1 }),
});
export type RateLimitInfo = Static<typeof RateLimitInfo>;

export const QuotaStatus = Type.Object({
  max: Count,
  used: Count,
  remaining: Count,
  /** Seconds between renewals; null = the quota never renews. */
  renewalSeconds: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  /** When the current period ends; null when no period has started or it never renews. */
  renewsAt: Type.Union([Timestamp, Type.Null()]),
});
export type QuotaStatus = Static<typeof QuotaStatus>;

export const ClientApiUsage = Type.Object({
  apiId: Id,
  apiName: Type.String(),
  listenPath: Type.String(),
  totals: UsageTotals,
  /** Null when the client has no active subscription (and so no policy) for this API any more. */
  rateLimit: Type.Union([RateLimitInfo, Type.Null()]),
  /** Null = unlimited quota (or no policy). */
  quota: Type.Union([QuotaStatus, Type.Null()]),
});
export type ClientApiUsage = Static<typeof ClientApiUsage>;

/** `GET /api/clients/:id/usage` */
export const ClientUsageResponse = Type.Object({
  clientId: Id,
  ...ReportBase,
  apis: Type.Array(ClientApiUsage),
});
export type ClientUsageResponse = Static<typeof ClientUsageResponse>;

export const UsageClientRow = Type.Object({
  clientId: Id,
  /** Public `client_id`. */
  oauthClientId: Type.String(),
  clientName: Type.String(),
  ownerId: Id,
  ownerEmail: Type.String(),
  totals: UsageTotals,
});
export type UsageClientRow = Static<typeof UsageClientRow>;

/** `GET /api/admin/usage/apis/:id` */
export const ApiUsageResponse = Type.Object({
  api: Type.Object({ id: Id, name: Type.String(), listenPath: Type.String() }),
  ...ReportBase,
  /** Busiest clients first. */
  clients: Type.Array(UsageClientRow),
});
export type ApiUsageResponse = Static<typeof ApiUsageResponse>;

export const UsageApiRow = Type.Object({
  apiId: Id,
  apiName: Type.String(),
  totals: UsageTotals,
});
export type UsageApiRow = Static<typeof UsageApiRow>;

/** `GET /api/admin/usage/developers/:id` */
export const DeveloperUsageResponse = Type.Object({
  developer: Type.Object({ id: Id, email: Type.String(), name: Type.String() }),
  ...ReportBase,
  /** Busiest clients first. */
  clients: Type.Array(UsageClientRow),
  /** Busiest APIs first. */
  apis: Type.Array(UsageApiRow),
});
export type DeveloperUsageResponse = Static<typeof DeveloperUsageResponse>;
