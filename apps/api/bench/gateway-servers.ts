/**
 * The processes of the gateway benchmark, each forked by `gateway.ts` so the load generator never
 * shares an event loop with what it measures:
 *
 * - `upstream`: a Fastify server answering every GET with a small JSON body — the API both proxies
 *   forward to;
 * - `bare-proxy`: Fastify + @fastify/reply-from forwarding everything to the upstream, no checks;
 * - `portico`: the real app (`buildApp`) on a temporary database with the demo catalogue, the
 *   Payments API pointed at the upstream, a service client subscribed to it and a real access token
 *   from `/oauth/token`, so every request goes through every check (token, revocation, audience,
 *   client, developer, subscription, scope, rate limit, quota) and is counted in usage.
 *
 * None runs a request logger, so the comparison is about the work each request does.
 */
import replyFrom from '@fastify/reply-from';
import { eq, sum } from 'drizzle-orm';
import Fastify from 'fastify';
import { apis, policies, usageCounters } from '../src/db/schema.js';
import type { CpuMessage } from './lib.js';
import { answerCpuQueries, closeOnDisconnect, listen, startPortico } from './server-lib.js';

export type GatewayServerMessage =
  | { type: 'ready'; port: number; token?: string; listenPath?: string }
  | { type: 'stats'; usageRequests: number; usage2xx: number }
  | CpuMessage;

function send(message: GatewayServerMessage): void {
  process.send?.(message);
}

async function upstream(): Promise<() => Promise<void>> {
  const app = Fastify({ logger: false });
  app.get('/*', async () => ({ id: 'pay_123', amount: 4200, currency: 'EUR', status: 'captured' }));
  send({ type: 'ready', port: await listen(app) });
  return () => app.close();
}

/** The baseline: the same proxy library with the same settings, and nothing else. */
async function bareProxy(target: string): Promise<() => Promise<void>> {
  const app = Fastify({ logger: false });
  await app.register(replyFrom, { base: target, disableRequestLogging: true, retryMethods: [] });
  app.get('/*', (request, reply) => reply.from(request.url.replace(/^\/gw\/payments/, '')));
  send({ type: 'ready', port: await listen(app) });
  return () => app.close();
}

async function portico(target: string): Promise<() => Promise<void>> {
  const { app, entry, createServiceClient, close } = await startPortico('portico-gw-bench-');
  const db = app.database.db;
  const api = db.update(apis).set({ upstreamUrl: target }).where(eq(apis.id, entry.apiId)).returning().get();
  // Limits high enough never to refuse during the run, but enforced: both counters run on every request.
  db.update(policies)
    .set({ rateLimit: 1_000_000_000, rateLimitPer: 1, quotaMax: 1_000_000_000, quotaRenewal: 86_400 })
    .where(eq(policies.id, entry.policyId))
    .run();
  app.gateway.invalidate();

  const credentials = createServiceClient('Gateway benchmark');
  const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');
  const tokenResponse = await app.inject({
    method: 'POST',
    url: '/oauth/token',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'grant_type=client_credentials',
  });
  if (tokenResponse.statusCode !== 200) throw new Error(`token request failed: ${tokenResponse.body}`);
  const token = (tokenResponse.json() as { access_token: string }).access_token;

  send({ type: 'ready', port: await listen(app), token, listenPath: api.listenPath });

  process.on('message', (message: { type?: string }) => {
    if (message.type !== 'stats') return;
    app.gateway.flush();
    const row = db
      .select({ requests: sum(usageCounters.requests), ok: sum(usageCounters.status2xx) })
      .from(usageCounters)
      .where(eq(usageCounters.clientId, credentials.id))
      .get();
    send({ type: 'stats', usageRequests: Number(row?.requests ?? 0), usage2xx: Number(row?.ok ?? 0) });
  });
  return close;
}

answerCpuQueries();

const [mode, target = ''] = process.argv.slice(2);
const close =
  mode === 'upstream'
    ? await upstream()
    : mode === 'bare-proxy'
      ? await bareProxy(target)
      : mode === 'portico'
        ? await portico(target)
        : undefined;
if (!close)
  throw new Error(`usage: gateway-servers.ts upstream | bare-proxy <url> | portico <url> (got ${mode})`);
closeOnDisconnect(close);
