import { and, asc, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import {
  apis,
  catalogueEntries,
  oauthClientSubscriptions,
  oauthClients,
  policies,
  policyAccessRights,
  quotaUsage,
  usageCounters,
  users,
} from '../db/schema.js';
import { fromRecord, mergeInto, toRecord } from '../gateway/histogram.js';
import type { QuotaPeriod, QuotaWrite } from '../gateway/quota.js';
import type { UsageDelta } from '../gateway/usage-recorder.js';

export interface UsageCounterRow {
  clientId: string;
  apiId: string;
  bucket: number;
  requests: number;
  status2xx: number;
  status3xx: number;
  status4xx: number;
  status5xx: number;
  throttled: number;
  latencyHistogram: Record<string, number>;
}

export interface CounterFilter {
  from: number;
  to: number;
  clientIds?: string[];
  apiId?: string;
}

export interface SubscribedApiRow {
  apiId: string;
  apiName: string;
  listenPath: string;
  rateLimit: number;
  rateLimitPer: number;
  quotaMax: number | null;
  quotaRenewal: number | null;
}

export interface ClientSummaryRow {
  id: string;
  clientId: string;
  name: string;
  ownerId: string;
  ownerEmail: string;
}

export interface ApiSummaryRow {
  id: string;
  name: string;
  listenPath: string;
}

/** Usage counters and quota periods: everything the gateway writes, and the reads behind the reports. */
export class UsageRepository {
  constructor(private readonly db: Db) {}

  /**
   * Adds a batch of per-minute deltas. Counts are summed by the upsert itself; the latency histogram is
   * JSON, so it is merged in the same immediate transaction (which holds the write lock from the start,
   * so a second process cannot interleave between the read and the write).
   */
  addCounters(deltas: UsageDelta[]): void {
    const live = this.live(deltas);
    if (live.length === 0) return;
    this.db.transaction(
      (tx) => {
        for (const d of live) {
          const existing = tx
            .select({ histogram: usageCounters.latencyHistogram })
            .from(usageCounters)
            .where(
              and(
                eq(usageCounters.clientId, d.clientId),
                eq(usageCounters.apiId, d.apiId),
                eq(usageCounters.bucket, d.bucket),
              ),
            )
            .get();
          const histogram = toRecord(
            existing ? mergeInto(fromRecord(existing.histogram), d.histogram) : [...d.histogram],
          );
          const latencySumMs = Math.round(d.latencySumMs);
          tx.insert(usageCounters)
            .values({
              clientId: d.clientId,
              apiId: d.apiId,
              bucket: d.bucket,
              requests: d.requests,
              status2xx: d.status2xx,
              status3xx: d.status3xx,
              status4xx: d.status4xx,
              status5xx: d.status5xx,
              throttled: d.throttled,
              latencySumMs,
              latencyHistogram: histogram,
            })
            .onConflictDoUpdate({
              target: [usageCounters.clientId, usageCounters.apiId, usageCounters.bucket],
              set: {
                requests: sql`${usageCounters.requests} + ${d.requests}`,
                status2xx: sql`${usageCounters.status2xx} + ${d.status2xx}`,
                status3xx: sql`${usageCounters.status3xx} + ${d.status3xx}`,
                status4xx: sql`${usageCounters.status4xx} + ${d.status4xx}`,
                status5xx: sql`${usageCounters.status5xx} + ${d.status5xx}`,
                throttled: sql`${usageCounters.throttled} + ${d.throttled}`,
                latencySumMs: sql`${usageCounters.latencySumMs} + ${latencySumMs}`,
                latencyHistogram: histogram,
              },
            })
            .run();
        }
      },
      { behavior: 'immediate' },
    );
  }

  /**
   * Drops counts of clients or APIs deleted since they were counted: their rows are gone (the
   * counters cascade with them), and one such row must not make the whole batch fail forever.
   */
  private live<T extends { clientId: string; apiId: string }>(items: T[]): T[] {
    if (items.length === 0) return items;
    const clientIds = [...new Set(items.map((item) => item.clientId))];
    const apiIds = [...new Set(items.map((item) => item.apiId))];
    const clients = new Set(
      this.db
        .select({ id: oauthClients.id })
        .from(oauthClients)
        .where(inArray(oauthClients.id, clientIds))
        .all()
        .map((row) => row.id),
    );
    const liveApis = new Set(
      this.db
        .select({ id: apis.id })
        .from(apis)
        .where(inArray(apis.id, apiIds))
        .all()
        .map((row) => row.id),
    );
    return items.filter((item) => clients.has(item.clientId) && liveApis.has(item.apiId));
  }

  counters(filter: CounterFilter): UsageCounterRow[] {
    const conditions: SQL[] = [gte(usageCounters.bucket, filter.from), lt(usageCounters.bucket, filter.to)];
    if (filter.clientIds !== undefined) {
      if (filter.clientIds.length === 0) return [];
      conditions.push(inArray(usageCounters.clientId, filter.clientIds));
    }
    if (filter.apiId !== undefined) conditions.push(eq(usageCounters.apiId, filter.apiId));
    return this.db
      .select({
        clientId: usageCounters.clientId,
        apiId: usageCounters.apiId,
        bucket: usageCounters.bucket,
        requests: usageCounters.requests,
        status2xx: usageCounters.status2xx,
        status3xx: usageCounters.status3xx,
        status4xx: usageCounters.status4xx,
        status5xx: usageCounters.status5xx,
        throttled: usageCounters.throttled,
        latencyHistogram: usageCounters.latencyHistogram,
      })
      .from(usageCounters)
      .where(and(...conditions))
      .orderBy(asc(usageCounters.bucket))
      .all();
  }

  /** Drops minutes older than `before` (reports look back 7 days at most). */
  pruneCounters(before: number): number {
    return this.db.delete(usageCounters).where(lt(usageCounters.bucket, before)).run().changes;
  }

  loadQuota(clientId: string, apiId: string): QuotaPeriod | null {
    const row = this.db
      .select({ periodStart: quotaUsage.periodStart, used: quotaUsage.used })
      .from(quotaUsage)
      .where(and(eq(quotaUsage.clientId, clientId), eq(quotaUsage.apiId, apiId)))
      .get();
    return row ?? null;
  }

  /**
   * Adds deltas within a period; a newer period replaces the stored one (the quota renewed), an older
   * one is stale (another instance already renewed) and leaves the row alone.
   */
  saveQuota(writes: QuotaWrite[]): void {
    const live = this.live(writes);
    if (live.length === 0) return;
    this.db.transaction((tx) => {
      for (const w of live) {
        tx.insert(quotaUsage)
          .values({ clientId: w.clientId, apiId: w.apiId, periodStart: w.periodStart, used: w.delta })
          .onConflictDoUpdate({
            target: [quotaUsage.clientId, quotaUsage.apiId],
            set: {
              used: sql`case
                when ${quotaUsage.periodStart} = excluded.period_start then ${quotaUsage.used} + excluded.used
                when ${quotaUsage.periodStart} < excluded.period_start then excluded.used
                else ${quotaUsage.used} end`,
              periodStart: sql`max(${quotaUsage.periodStart}, excluded.period_start)`,
            },
          })
          .run();
      }
    });
  }

  /** The APIs a client is actively subscribed to, with the limits of the policy that applies. */
  subscribedApis(clientRowId: string): SubscribedApiRow[] {
    const rows = this.db
      .select({
        apiId: apis.id,
        apiName: apis.name,
        listenPath: apis.listenPath,
        rateLimit: policies.rateLimit,
        rateLimitPer: policies.rateLimitPer,
        quotaMax: policies.quotaMax,
        quotaRenewal: policies.quotaRenewal,
      })
      .from(oauthClientSubscriptions)
      .innerJoin(catalogueEntries, eq(catalogueEntries.id, oauthClientSubscriptions.catalogueEntryId))
      .innerJoin(apis, eq(apis.id, catalogueEntries.apiId))
      .innerJoin(policies, eq(policies.id, catalogueEntries.policyId))
      .innerJoin(
        policyAccessRights,
        and(eq(policyAccessRights.policyId, policies.id), eq(policyAccessRights.apiId, apis.id)),
      )
      .where(
        and(
          eq(oauthClientSubscriptions.clientId, clientRowId),
          eq(oauthClientSubscriptions.status, 'active'),
          eq(policies.active, true),
        ),
      )
      // Same rule as the gateway: the oldest subscription to an API decides its policy.
      .orderBy(asc(oauthClientSubscriptions.createdAt), asc(catalogueEntries.id))
      .all();
    const seen = new Set<string>();
    return rows.filter((row) => !seen.has(row.apiId) && seen.add(row.apiId));
  }

  findApi(id: string): ApiSummaryRow | null {
    return (
      this.db
        .select({ id: apis.id, name: apis.name, listenPath: apis.listenPath })
        .from(apis)
        .where(eq(apis.id, id))
        .get() ?? null
    );
  }

  apisByIds(ids: string[]): ApiSummaryRow[] {
    if (ids.length === 0) return [];
    return this.db
      .select({ id: apis.id, name: apis.name, listenPath: apis.listenPath })
      .from(apis)
      .where(inArray(apis.id, ids))
      .all();
  }

  clientsByIds(ids: string[]): ClientSummaryRow[] {
    if (ids.length === 0) return [];
    return this.db
      .select({
        id: oauthClients.id,
        clientId: oauthClients.clientId,
        name: oauthClients.name,
        ownerId: oauthClients.ownerId,
        ownerEmail: users.email,
      })
      .from(oauthClients)
      .innerJoin(users, eq(users.id, oauthClients.ownerId))
      .where(inArray(oauthClients.id, ids))
      .all();
  }

  /** Every client a developer owns, deleted ones included (their traffic still happened). */
  clientIdsOfOwner(ownerId: string): string[] {
    return this.db
      .select({ id: oauthClients.id })
      .from(oauthClients)
      .where(eq(oauthClients.ownerId, ownerId))
      .all()
      .map((row) => row.id);
  }
}
