import type { ClientAccess, GatewayApi, GatewayCheckDeps, TokenState } from '../gateway/checks.js';
import { type Clock, systemClock } from '../gateway/clock.js';
import { InProcessHangUps } from '../gateway/in-process-hang-ups.js';
import {
  matchListenPath,
  type RouteMatch,
  routePrefix,
  splitUpstream,
  type UpstreamBase,
} from '../gateway/paths.js';
import { QuotaTracker, quotaKey } from '../gateway/quota.js';
import { FixedWindowRateLimiter } from '../gateway/rate-limiter.js';
import { type KeyResolver, TokenVerifier } from '../gateway/token-verifier.js';
import { TtlCache } from '../gateway/ttl-cache.js';
import { UsageRecorder, type UsageSample } from '../gateway/usage-recorder.js';
import { apiAudience } from '../oauth/scopes.js';
import type { GatewayRepository } from '../repositories/gateway.js';
import type { UsageRepository } from '../repositories/usage.js';

export interface GatewayRuntimeOptions {
  /** The authorization server's issuer (`iss` of every access token). */
  issuer: string;
  /** Public signing keys by `kid` (the authorization server's published JWKS). */
  resolveKey: KeyResolver;
  clock?: Clock;
  /**
   * How long facts that can change under a live token (revocation, client/developer status,
   * subscriptions, policies, the API table) are cached. The issue requires revocations to reach the
   * gateway within one second; half a second leaves room for the request already in flight.
   */
  cacheTtlMs?: number;
  /** How often usage counters and quota periods are written to the database. */
  flushIntervalMs?: number;
  /** Usage minutes older than this are deleted (reports look back 7 days). */
  retentionMs?: number;
  /** Called when a background flush fails; the counts are kept and retried on the next flush. */
  onFlushError?: (error: unknown) => void;
}

const DAY = 86_400_000;

function parseUpstream(url: string): UpstreamBase | null {
  try {
    return splitUpstream(url);
  } catch {
    return null;
  }
}

/**
 * Everything the gateway keeps in memory between requests: the API table, the token verifier and its
 * signature cache, short-lived caches of revocation and client state, the rate limiter, the quota
 * tracker and the usage recorder — and the timer that flushes the last two to the database.
 */
export class GatewayRuntime {
  readonly clock: Clock;
  readonly verifier: TokenVerifier;
  readonly rateLimiter: FixedWindowRateLimiter;
  readonly quota: QuotaTracker;
  readonly usage: UsageRecorder;
  /** Hang-ups of in-process callers (Try it), see `InProcessHangUps`. */
  readonly hangUps: InProcessHangUps;
  /** The dependencies of `admit()`, with the database reads behind short-lived caches. */
  readonly checks: GatewayCheckDeps;
  private readonly issuer: string;
  private readonly cacheTtlMs: number;
  private readonly flushIntervalMs: number;
  private readonly retentionMs: number;
  private readonly onFlushError: (error: unknown) => void;
  private readonly tokenStates: TtlCache<string, TokenState | null>;
  private readonly clientAccesses: TtlCache<string, ClientAccess | null>;
  private routes: { apis: GatewayApi[]; expiresAt: number } = { apis: [], expiresAt: 0 };
  private timer: NodeJS.Timeout | undefined;
  private lastPrune = 0;

  constructor(
    private readonly repos: { gateway: GatewayRepository; usage: UsageRepository },
    options: GatewayRuntimeOptions,
  ) {
    this.issuer = options.issuer;
    this.clock = options.clock ?? systemClock;
    this.cacheTtlMs = options.cacheTtlMs ?? 500;
    this.flushIntervalMs = options.flushIntervalMs ?? 2_000;
    this.retentionMs = options.retentionMs ?? 31 * DAY;
    this.onFlushError = options.onFlushError ?? (() => {});
    this.tokenStates = new TtlCache(this.clock, this.cacheTtlMs, 100_000);
    this.clientAccesses = new TtlCache(this.clock, this.cacheTtlMs, 100_000);
    this.verifier = new TokenVerifier({
      issuer: this.issuer,
      clock: this.clock,
      resolveKey: options.resolveKey,
    });
    this.rateLimiter = new FixedWindowRateLimiter(this.clock);
    this.quota = new QuotaTracker(this.clock, {
      load: (clientId, apiId) => repos.usage.loadQuota(clientId, apiId),
      save: (writes) => repos.usage.saveQuota(writes),
    });
    this.usage = new UsageRecorder(this.clock);
    this.hangUps = new InProcessHangUps(this.clock);
    this.checks = {
      clock: this.clock,
      verifier: this.verifier,
      rateLimiter: this.rateLimiter,
      quota: this.quota,
      tokenState: (jti) => this.tokenStates.getOrLoad(jti, () => repos.gateway.tokenState(jti)),
      clientAccess: (clientId, apiId) =>
        this.clientAccesses.getOrLoad(`${clientId}\u0000${apiId}`, () =>
          this.loadClientAccess(clientId, apiId),
        ),
    };
  }

  /** The API whose listen path prefixes `pathAndQuery` (the URL after `/gw`). Throws `InvalidPathError`. */
  route(pathAndQuery: string): RouteMatch<GatewayApi> | null {
    const now = this.clock();
    if (now >= this.routes.expiresAt || now < this.routes.expiresAt - this.cacheTtlMs) {
      const apis = this.repos.gateway.listActiveApis().map((api) => ({
        ...api,
        prefix: routePrefix(api.listenPath),
        upstream: parseUpstream(api.upstreamUrl),
        audience: apiAudience(this.issuer, api.listenPath),
      }));
      this.routes = { apis, expiresAt: now + this.cacheTtlMs };
    }
    return matchListenPath(this.routes.apis, pathAndQuery);
  }

  private loadClientAccess(clientId: string, apiId: string): ClientAccess | null {
    const row = this.repos.gateway.clientAccess(clientId, apiId);
    if (row === null) return null;
    const { policy } = row;
    return {
      clientRowId: row.clientRowId,
      key: quotaKey(row.clientRowId, apiId),
      active: row.active,
      ownerActive: row.ownerActive,
      policy:
        policy === null
          ? null
          : {
              rateLimit: policy.rateLimit,
              rateLimitPerSeconds: policy.rateLimitPer,
              quotaMax: policy.quotaMax,
              quotaRenewalSeconds: policy.quotaRenewal,
              allowedScopes: policy.allowedScopes,
            },
    };
  }

  record(sample: UsageSample): void {
    this.usage.record(sample);
  }

  /**
   * Drops cached state so the next request reads the database. Services that change what the gateway
   * checks (revocation, client or policy edits) may call it for an immediate effect; without it, the
   * change still arrives within `cacheTtlMs`.
   */
  invalidate(): void {
    this.tokenStates.clear();
    this.clientAccesses.clear();
    this.routes.expiresAt = 0;
  }

  /** Writes pending usage counters and quota periods. Counters whose write fails are kept for the next try. */
  flush(): void {
    const deltas = this.usage.drain();
    try {
      this.repos.usage.addCounters(deltas);
    } catch (error) {
      this.usage.restore(deltas);
      throw error;
    }
    this.quota.flush();
    const now = this.clock();
    if (now - this.lastPrune > 3_600_000) {
      this.lastPrune = now;
      this.repos.usage.pruneCounters(now - this.retentionMs);
    }
  }

  /** Starts the periodic flush; the timer does not keep the process alive. */
  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => {
      try {
        this.flush();
      } catch (error) {
        this.onFlushError(error);
      }
    }, this.flushIntervalMs);
    this.timer.unref();
  }

  /** Stops the timer and writes what is left, so a graceful shutdown loses no counts. */
  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.flush();
  }
}
