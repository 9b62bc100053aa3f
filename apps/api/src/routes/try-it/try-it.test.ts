import type { ClientUsageResponse, TryItResponse } from '@portico/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpstream, startUpstream, type TestUpstream } from '../../test/gateway-fixtures.js';
import { buildTestApp, createUser, login, type TestApp, type TestSession } from '../../test/helpers.js';
import { type ClientFixture, createClient } from '../../test/oauth-fixtures.js';
import { createEntry, type EntryFixture } from '../../test/portal-fixtures.js';

let app: TestApp;
let upstream: TestUpstream;
let developer: TestSession;
let client: ClientFixture;
let api: EntryFixture;

beforeAll(async () => {
  upstream = await startUpstream();
  app = await buildTestApp();
  await app.ready();
  const owner = await createUser(app);
  developer = await login(app, owner.email);
  api = createEntry(app, {
    scopes: [
      { name: 'orders:read', description: 'Read' },
      { name: 'orders:write', description: 'Write' },
    ],
  });
  setUpstream(app, api.apiId, `${upstream.url}/orders-api`);
  client = await createClient(app, { appType: 'service', ownerId: owner.id, entries: [api] });
  app.gateway.invalidate();
});

afterAll(async () => {
  await app.close();
  await upstream.close();
});

const tryIt = (session: TestSession | undefined, clientId: string, payload: Record<string, unknown>) =>
  app.inject({
    method: 'POST',
    url: `/api/clients/${clientId}/try-it`,
    ...(session ? { headers: session.headers } : {}),
    payload,
  });

describe('POST /api/clients/:id/try-it', () => {
  it('gets a client_credentials token with the chosen scope and calls the API through the gateway', async () => {
    const res = await tryIt(developer, client.id, {
      apiId: api.apiId,
      clientSecret: client.clientSecret,
      scopes: ['orders:read'],
      method: 'POST',
      path: '/orders?dry_run=1',
      body: '{"sku":"A-1"}',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const result = res.json() as TryItResponse;
    expect(result.token).toMatchObject({ tokenType: 'Bearer', scope: 'orders:read' });
    expect(result.token.expiresIn).toBeGreaterThan(0);
    expect(result.request).toEqual({
      method: 'POST',
      url: `/gw/${api.listenPath.replace(/\//g, '')}/orders?dry_run=1`,
    });
    expect(result.response.status).toBe(200);
    expect(result.response.headers['ratelimit-limit']).toBe('100');
    const echoed = JSON.parse(result.response.body) as {
      method: string;
      url: string;
      headers: Record<string, string>;
      body: string;
    };
    expect(echoed).toMatchObject({
      method: 'POST',
      url: '/orders-api/orders?dry_run=1',
      body: '{"sku":"A-1"}',
    });
    expect(echoed.headers['content-type']).toBe('application/json');
    expect(echoed.headers['x-portico-scopes']).toBe('orders:read');
    expect(echoed.headers['x-portico-client-id']).toBe(client.clientId);
    expect(result.response.truncated).toBe(false);
    // The secret is not echoed anywhere in the answer.
    expect(res.body).not.toContain(client.clientSecret as string);

    // The call went through the real gateway, so it is in the client's usage.
    const usage = (
      await app.inject({ method: 'GET', url: `/api/clients/${client.id}/usage`, headers: developer.headers })
    ).json() as ClientUsageResponse;
    expect(usage.totals.requests).toBe(1);
  });

  it('returns the gateway’s refusals as the response, e.g. a path the upstream does not know', async () => {
    setUpstream(app, api.apiId, upstream.url);
    app.gateway.invalidate();
    const res = await tryIt(developer, client.id, {
      apiId: api.apiId,
      clientSecret: client.clientSecret,
      method: 'GET',
      path: '/status/503',
    });
    expect(res.statusCode).toBe(200);
    const result = res.json() as TryItResponse;
    expect(result.response.status).toBe(503);
    // No scope asked: every scope the client's subscriptions allow (RFC 6749 §3.3 default).
    expect(result.token.scope.split(' ').sort()).toEqual(['orders:read', 'orders:write']);
  });

  it('400 on the secret field when the token endpoint refuses the secret', async () => {
    const res = await tryIt(developer, client.id, {
      apiId: api.apiId,
      clientSecret: 'pcs_not-the-secret',
      method: 'GET',
      path: '/',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'token_request_failed',
      message: 'The client secret was not accepted (invalid_client).',
      details: [{ field: 'clientSecret', message: 'was not accepted' }],
    });
  });

  it('400 on scopes the client may not have', async () => {
    const res = await tryIt(developer, client.id, {
      apiId: api.apiId,
      clientSecret: client.clientSecret,
      scopes: ['admin:everything'],
      method: 'GET',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'token_request_failed', details: [{ field: 'scopes' }] });
  });

  it('400 for an API the client is not subscribed to, and for clients without client_credentials', async () => {
    const stranger = createEntry(app);
    const notMine = await tryIt(developer, client.id, {
      apiId: stranger.apiId,
      clientSecret: client.clientSecret,
      method: 'GET',
    });
    expect(notMine.statusCode).toBe(400);
    expect(notMine.json()).toMatchObject({ details: [{ field: 'apiId' }] });

    const web = await createClient(app, { appType: 'web', ownerId: developer.user.id, entries: [api] });
    const res = await tryIt(developer, web.id, {
      apiId: api.apiId,
      clientSecret: web.clientSecret,
      method: 'GET',
    });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { message: string }).message).toMatch(
      /client_credentials grant, which only service clients use/,
    );
  });

  it('404 for another developer’s client, 401 without a session, 403 without the CSRF header', async () => {
    const other = await login(app, (await createUser(app)).email);
    const body = { apiId: api.apiId, clientSecret: client.clientSecret, method: 'GET' };
    expect((await tryIt(other, client.id, body)).statusCode).toBe(404);
    expect((await tryIt(undefined, client.id, body)).statusCode).toBe(401);
    const noCsrf = await app.inject({
      method: 'POST',
      url: `/api/clients/${client.id}/try-it`,
      headers: { cookie: developer.cookie },
      payload: body,
    });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('refuses paths with dot segments, which could leave the gateway for another route', async () => {
    const res = await tryIt(developer, client.id, {
      apiId: api.apiId,
      clientSecret: client.clientSecret,
      method: 'GET',
      path: '/../../api/admin/users',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ details: [{ field: 'path' }] });
  });

  it('refuses unknown fields and paths that do not start with /', async () => {
    const res = await tryIt(developer, client.id, {
      apiId: api.apiId,
      clientSecret: client.clientSecret,
      method: 'GET',
      path: 'orders',
      extra: true,
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as { details: { field: string }[] }).details.map((d) => d.field).sort();
    expect(fields).toEqual(['extra', 'path']);
  });
});
