import fp from 'fastify-plugin';
import type { Clock } from '../gateway/clock.js';
import type { KeyResolver } from '../gateway/token-verifier.js';
import { GatewayRuntime } from '../services/gateway-runtime.js';
import { UsageReportService } from '../services/gateway-usage.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The gateway's in-memory state: token cache, rate limiter, quota, usage counters. */
    gateway: GatewayRuntime;
    /** Usage reports over the gateway's counters (client page, dashboard). */
    usageReports: UsageReportService;
  }
}

export interface GatewayPluginOptions {
  /** Time source of rate limits, quotas, caches and usage minutes; tests pass a manual clock. */
  clock?: Clock | undefined;
}

/**
 * The gateway's stateful part lives in a plugin rather than `services/index.ts` because it has a
 * lifecycle: the usage/quota flush timer starts when the app is ready, and `onClose` writes what is
 * still in memory. Fastify runs `onClose` hooks after in-flight requests finished and in reverse
 * registration order, so this flush happens before the database plugin closes the database.
 */
export default fp<GatewayPluginOptions>(
  async (app, options) => {
    const onFlushError = (err: unknown) => app.log.error({ err }, 'gateway: writing usage counters failed');
    // The authorization server's published keys (retired keys stay until their tokens expired).
    const resolveKey: KeyResolver = async (kid) => app.services.oauthKeys.publicKey(kid);
    const runtime = new GatewayRuntime(
      { gateway: app.repos.gateway, usage: app.repos.usage },
      { issuer: app.config.issuer, resolveKey, clock: options.clock, onFlushError },
    );
    app.decorate('gateway', runtime);
    app.decorate('usageReports', new UsageReportService(app.repos.usage, runtime, onFlushError));
    app.addHook('onReady', async () => runtime.start());
    app.addHook('onClose', async () => runtime.stop());
  },
  { name: 'gateway', dependencies: ['config', 'database'] },
);
