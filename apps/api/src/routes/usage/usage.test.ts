import type { ApiUsageResponse, ClientUsageResponse, DeveloperUsageResponse } from '@portico/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../gateway/clock.js';
import {
  gwUrl,
  issueToken,
  setPolicy,
  setUpstream,
  startUpstream,
  type TestUpstream,
} from '../../test/gateway-fixtures.js';
import { buildTestApp, createUser, login, type TestApp, type TestSession } from '../../test/helpers.js';
import { type ClientFixture, createClient } from '../../test/oauth-fixtures.js';
import type { EntryFixture } from '../../test/portal-fixtures.js';

// Five past the previous full hour: the first requests fall in the hh:00 step, the later ones in hh:30,
// and the gateway's clock stays before real time, so the tokens (issued on real time) stay valid.
const start = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 55 * 60_000;
const clock = manualClock(start);
let app: TestApp;
let upstream: TestUpstream;
let developer: TestSession;
let other: TestSession;
let admin: TestSession;
let client: ClientFixture;
let api: EntryFixture;

const MINUTE = 60_000;

beforeAll(async () => {
  upstream = await startUpstream();
  app = await buildTestApp({ clock });
  await app.ready();
  const owner = await createUser(app, { name: 'Ada' });
  developer = await login(app, owner.email);
  other = await login(app, (await createUser(app)).email);
  admin = await login(app, (await createUser(app, { role: 'admin' })).email);

  client = await createClient(app, { appType: 'service', ownerId: owner.id, name: 'Billing sync' });
  api = client.entries[0] as EntryFixture;
  setUpstream(app, api.apiId, upstream.url);
  setPolicy(app, api.policyId, { rateLimit: 4, rateLimitPer: 60, quotaMax: 100, quotaRenewal: 86_400 });
  app.gateway.invalidate();

  // Tokens are issued on real time; the gateway's clock stays within their lifetime.
  const token = await issueToken(app, client);
  const call = (suffix: string, headers: Record<string, string> = { authorization: `Bearer ${token}` }) =>
    app.inject({ method: 'GET', url: gwUrl(api.listenPath, suffix), headers });

  // Step 10:00–10:15: three 200s, one upstream 404, then a 429 from the rate limit (limit 4 per minute).
  for (let i = 0; i < 3; i++) expect((await call('/ok')).statusCode).toBe(200);
  expect((await call('/status/404')).statusCode).toBe(404);
  expect((await call('/ok')).statusCode).toBe(429);
  // Anonymous refusals are not attributed to any client.
  expect((await call('/ok', {})).statusCode).toBe(401);

  // 30 minutes later (another step, a fresh rate-limit window): one 200 and one upstream 500.
  clock.advance(30 * MINUTE);
  expect((await call('/ok')).statusCode).toBe(200);
  expect((await call('/status/500')).statusCode).toBe(500);
});

afterAll(async () => {
  await app.close();
  await upstream.close();
});

const get = (session: TestSession | undefined, url: string) =>
  app.inject({ method: 'GET', url, ...(session ? { headers: session.headers } : {}) });

const expectedTotals = {
  requests: 7,
  status2xx: 4,
  status3xx: 0,
  status4xx: 2,
  status5xx: 1,
  throttled: 1,
};

describe('GET /api/clients/:id/usage', () => {
  it('counts every request the client sent, by status class, with 429s and latency', async () => {
    const res = await get(developer, `/api/clients/${client.id}/usage`);
    expect(res.statusCode).toBe(200);
    const usage = res.json() as ClientUsageResponse;
    expect(usage.range).toBe('24h');
    expect(usage.stepSeconds).toBe(900);
    expect(usage.series).toHaveLength(96);
    expect(usage.totals).toMatchObject(expectedTotals);
    expect(usage.totals.p50Ms).toEqual(expect.any(Number));
    expect(usage.totals.p95Ms).toBeGreaterThanOrEqual(usage.totals.p50Ms ?? 0);

    const busy = usage.series.filter((point) => point.requests > 0);
    expect(busy.map((point) => [point.t, point.requests, point.throttled, point.status5xx])).toEqual([
      [new Date(start - 5 * MINUTE).toISOString(), 5, 1, 0],
      [new Date(start + 25 * MINUTE).toISOString(), 2, 0, 1],
    ]);
    expect(usage.series.at(-1)?.t).toBe(new Date(start + 25 * MINUTE).toISOString());
  });

  it('lists the client’s APIs with their rate limit and remaining quota (429s do not spend quota)', async () => {
    const usage = (await get(developer, `/api/clients/${client.id}/usage`)).json() as ClientUsageResponse;
    expect(usage.apis).toEqual([
      {
        apiId: api.apiId,
        apiName: api.name,
        listenPath: api.listenPath,
        totals: expect.objectContaining(expectedTotals),
        rateLimit: { limit: 4, windowSeconds: 60 },
        quota: {
          max: 100,
          used: 6,
          remaining: 94,
          renewalSeconds: 86_400,
          renewsAt: new Date(start + 86_400_000).toISOString(),
        },
      },
    ]);
  });

  it('reports 7 days in 2-hour steps', async () => {
    const usage = (
      await get(developer, `/api/clients/${client.id}/usage?range=7d`)
    ).json() as ClientUsageResponse;
    expect([usage.range, usage.stepSeconds, usage.series.length]).toEqual(['7d', 7200, 84]);
    expect(usage.totals).toMatchObject(expectedTotals);
    expect(usage.series.filter((point) => point.requests > 0)).toHaveLength(1);
  });

  it('is 404 for another developer’s client, 401 without a session, 400 for an unknown range', async () => {
    expect((await get(other, `/api/clients/${client.id}/usage`)).statusCode).toBe(404);
    expect((await get(undefined, `/api/clients/${client.id}/usage`)).statusCode).toBe(401);
    const bad = await get(developer, `/api/clients/${client.id}/usage?range=1y`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'validation_failed' });
  });
});

describe('GET /api/admin/usage/...', () => {
  it('per API: the same counts, with the client in the breakdown', async () => {
    const res = await get(admin, `/api/admin/usage/apis/${api.apiId}`);
    expect(res.statusCode).toBe(200);
    const usage = res.json() as ApiUsageResponse;
    expect(usage.api).toEqual({ id: api.apiId, name: api.name, listenPath: api.listenPath });
    expect(usage.totals).toMatchObject(expectedTotals);
    expect(usage.clients).toEqual([
      expect.objectContaining({
        clientId: client.id,
        oauthClientId: client.clientId,
        clientName: 'Billing sync',
        ownerId: client.ownerId,
        totals: expect.objectContaining({ requests: 7 }),
      }),
    ]);
  });

  it('per developer: the same counts per client and per API', async () => {
    const res = await get(admin, `/api/admin/usage/developers/${client.ownerId}?range=7d`);
    expect(res.statusCode).toBe(200);
    const usage = res.json() as DeveloperUsageResponse;
    expect(usage.developer).toMatchObject({ id: client.ownerId, name: 'Ada' });
    expect(usage.totals).toMatchObject(expectedTotals);
    expect(usage.clients.map((row) => [row.clientId, row.totals.requests])).toEqual([[client.id, 7]]);
    expect(usage.apis.map((row) => [row.apiId, row.totals.throttled])).toEqual([[api.apiId, 1]]);
  });

  it('is for admins only, and 404 for unknown ids', async () => {
    expect((await get(developer, `/api/admin/usage/apis/${api.apiId}`)).statusCode).toBe(403);
    expect((await get(developer, `/api/admin/usage/developers/${client.ownerId}`)).statusCode).toBe(403);
    expect((await get(admin, '/api/admin/usage/apis/nope')).statusCode).toBe(404);
    expect((await get(admin, '/api/admin/usage/developers/nope')).statusCode).toBe(404);
    // An admin account is not a developer, as on /api/admin/developers/:id.
    expect((await get(admin, `/api/admin/usage/developers/${admin.user.id}`)).statusCode).toBe(404);
  });
});
