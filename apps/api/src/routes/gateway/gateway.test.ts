import { request as httpRequest } from 'node:http';
import { and, eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { oauthClientSubscriptions, oauthClients, users } from '../../db/schema.js';
import { manualClock } from '../../gateway/clock.js';
import {
  gwUrl,
  issueToken,
  setApi,
  setPolicy,
  setUpstream,
  startUpstream,
  type TestUpstream,
} from '../../test/gateway-fixtures.js';
import { buildTestApp, type TestApp } from '../../test/helpers.js';
import { basicAuth, createClient, freePort, postForm, setAllowedScopes } from '../../test/oauth-fixtures.js';
import { createEntry, type EntryFixture } from '../../test/portal-fixtures.js';

const clock = manualClock(Date.now());
let app: TestApp;
let upstream: TestUpstream;

beforeAll(async () => {
  upstream = await startUpstream();
  app = await buildTestApp({ clock, config: { gatewayUpstreamTimeoutMs: 300 } });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await upstream.close();
});

// Tokens are issued on real time; each test starts the gateway's clock there again, with empty caches
// (a clock moved backwards would otherwise keep the previous test's API table for its remaining TTL).
beforeEach(() => {
  clock.set(Date.now());
  app.gateway.invalidate();
});

/** Facts the gateway caches (API table, client state, revocation) reach it within 500 ms. */
const afterCacheTtl = () => clock.advance(1_000);

/** An active service client subscribed to one fresh oauth2 API that points at the test upstream. */
async function serviceClient(entry?: EntryFixture) {
  const client = await createClient(app, { appType: 'service', ...(entry ? { entries: [entry] } : {}) });
  const api = client.entries[0] as EntryFixture;
  setUpstream(app, api.apiId, `${upstream.url}/svc`);
  afterCacheTtl();
  return { client, api };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A GET whose path goes on the wire exactly as written (no URL normalisation). */
function rawGet(origin: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${origin}${path}`, { method: 'GET', path }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('gateway: routing and proxying', () => {
  it('forwards to the upstream with X-Forwarded-*, identity headers, no bearer token and no forged identity', async () => {
    const { client, api } = await serviceClient();
    const token = await issueToken(app, client);
    const res = await app.inject({
      method: 'GET',
      url: gwUrl(api.listenPath, '/orders/42?expand=items&x=1'),
      headers: {
        ...bearer(token),
        'x-portico-client-id': 'forged',
        'x-portico-scopes': 'admin',
        'x-forwarded-for': '203.0.113.7',
        connection: 'keep-alive, x-drop-me',
        'x-drop-me': '1',
        host: 'portico.test',
      },
    });
    expect(res.statusCode).toBe(200);
    const seen = res.json() as { method: string; url: string; headers: Record<string, string> };
    expect(seen.method).toBe('GET');
    expect(seen.url).toBe('/svc/orders/42?expand=items&x=1');
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.headers['x-drop-me']).toBeUndefined();
    expect(seen.headers['x-portico-client-id']).toBe(client.clientId);
    expect(seen.headers['x-portico-subject']).toBe(`client:${client.clientId}`);
    // The fixture's API defines one scope, `s<8 hex>:read`, and the token asked for all it may have.
    expect(seen.headers['x-portico-scopes']).toMatch(/^s[0-9a-f]{8}:read$/);
    expect(seen.headers['x-forwarded-for']).toBe('203.0.113.7, 127.0.0.1');
    expect(seen.headers['x-forwarded-proto']).toBe('http');
    expect(seen.headers['x-forwarded-host']).toBe('portico.test');
    // Upstream hop-by-hop fields stay on the upstream hop; its other headers come through.
    expect(res.headers['keep-alive']).toBeUndefined();
    expect(res.headers['x-upstream']).toBe('echo');
    expect(res.headers['ratelimit-limit']).toBe('100');
    expect(res.headers['ratelimit-remaining']).toBe('99');
  });

  it('streams request bodies upstream unparsed, whatever their type, and streamed responses back', async () => {
    const { client, api } = await serviceClient();
    const token = await issueToken(app, client);
    const xml = '<order><id>7</id></order>';
    const res = await app.inject({
      method: 'POST',
      url: gwUrl(api.listenPath, '/orders'),
      headers: { ...bearer(token), 'content-type': 'application/xml' },
      payload: xml,
    });
    expect(res.statusCode).toBe(200);
    expect((res.json() as { body: string }).body).toBe(xml);

    setUpstream(app, api.apiId, upstream.url);
    afterCacheTtl();
    const streamed = await app.inject({
      method: 'GET',
      url: gwUrl(api.listenPath, '/stream'),
      headers: bearer(token),
    });
    expect(streamed.statusCode).toBe(200);
    expect(streamed.body).toBe('chunk-0\nchunk-1\nchunk-2\n');
  });

  it('passes the upstream status through', async () => {
    const { client, api } = await serviceClient();
    setUpstream(app, api.apiId, upstream.url);
    afterCacheTtl();
    const res = await app.inject({
      method: 'GET',
      url: gwUrl(api.listenPath, '/status/418'),
      headers: bearer(await issueToken(app, client)),
    });
    expect(res.statusCode).toBe(418);
  });

  it('answers 404 when no API listens on the path, and 400 for dot segments', async () => {
    const missing = await app.inject({ method: 'GET', url: '/gw/no-such-api/x' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: 'not_found', message: 'No API listens on this path.' });

    // Test clients (and browsers) resolve dot segments before sending, so send raw paths over a socket.
    const { api } = await serviceClient();
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    for (const suffix of ['/../../admin', '/a/%2e%2e/b', '/x/..%5Cadmin', '/a/./b']) {
      const res = await rawGet(address, gwUrl(api.listenPath, suffix));
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ error: 'invalid_path' });
    }
  });

  it('keyless APIs pass without a token and keep the caller’s own Authorization', async () => {
    const entry = createEntry(app, { authMode: 'keyless' });
    setUpstream(app, entry.apiId, `${upstream.url}/open`);
    afterCacheTtl();
    const res = await app.inject({
      method: 'GET',
      url: gwUrl(entry.listenPath, '/weather'),
      headers: { authorization: 'Basic dXA6c3RyZWFt', 'x-portico-subject': 'forged' },
    });
    expect(res.statusCode).toBe(200);
    const seen = res.json() as { url: string; headers: Record<string, string> };
    expect(seen.url).toBe('/open/weather');
    expect(seen.headers.authorization).toBe('Basic dXA6c3RyZWFt');
    expect(seen.headers['x-portico-subject']).toBeUndefined();
  });

  it('forwards the query string as it came, after the upstream URL’s own query', async () => {
    const entry = createEntry(app, { authMode: 'keyless' });
    setUpstream(app, entry.apiId, `${upstream.url}/open`);
    afterCacheTtl();
    // A stray `%`, and `..` or `%2e%2e` in a value, are the upstream's business: the path checks are
    // for the path.
    const queries = ['?q=50%', '?next=../page/2', '?a=%2e%2e/&b=%zz', '?q=a%20b+c&&x', '?'];
    const seen: [number, string][] = [];
    for (const query of queries) {
      const res = await app.inject({ method: 'GET', url: gwUrl(entry.listenPath, `/search${query}`) });
      seen.push([res.statusCode, res.statusCode === 200 ? (res.json() as { url: string }).url : res.body]);
    }
    expect(seen).toEqual(queries.map((query) => [200, `/open/search${query === '?' ? '' : query}`]));

    setUpstream(app, entry.apiId, `${upstream.url}/open?key=k%2F1`);
    afterCacheTtl();
    const withBase = await app.inject({ method: 'GET', url: gwUrl(entry.listenPath, '/search?q=50%') });
    expect(withBase.statusCode).toBe(200);
    expect((withBase.json() as { url: string }).url).toBe('/open/search?key=k%2F1&q=50%');
    const baseOnly = await app.inject({ method: 'GET', url: gwUrl(entry.listenPath) });
    expect((baseOnly.json() as { url: string }).url).toBe('/open/?key=k%2F1');
  });

  it('forwards the query string of an oauth2 API as it came', async () => {
    const { client, api } = await serviceClient();
    const token = await issueToken(app, client);
    const res = await app.inject({
      method: 'GET',
      url: gwUrl(api.listenPath, '/orders?q=50%&next=../page/2'),
      headers: bearer(token),
    });
    expect(res.statusCode).toBe(200);
    expect((res.json() as { url: string }).url).toBe('/svc/orders?q=50%&next=../page/2');
  });

  it('keeps the portal session cookie from the upstream, and the upstream from setting it', async () => {
    const entry = createEntry(app, { authMode: 'keyless' });
    setUpstream(app, entry.apiId, upstream.url);
    afterCacheTtl();
    const echoed = await app.inject({
      method: 'GET',
      url: gwUrl(entry.listenPath, '/echo'),
      headers: { cookie: 'portico_session=eyJ.session.jwt; upstream_pref=dark' },
    });
    expect(echoed.statusCode).toBe(200);
    expect((echoed.json() as { headers: Record<string, string> }).headers.cookie).toBe('upstream_pref=dark');
    const onlySession = await app.inject({
      method: 'GET',
      url: gwUrl(entry.listenPath, '/echo'),
      headers: { cookie: 'portico_session=eyJ.session.jwt' },
    });
    expect((onlySession.json() as { headers: Record<string, string> }).headers.cookie).toBeUndefined();

    // An upstream page cannot run as the portal (sandboxed, no sniffing) nor replace its session.
    const page = await app.inject({ method: 'GET', url: gwUrl(entry.listenPath, '/page') });
    expect(page.statusCode).toBe(200);
    expect(page.headers['set-cookie']).toEqual(['upstream_pref=dark; Path=/gw']);
    expect(page.headers['content-security-policy']).toBe("img-src 'self', sandbox");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const json = await app.inject({ method: 'GET', url: gwUrl(entry.listenPath, '/echo') });
    expect(json.headers['content-security-policy']).toBe('sandbox');
    const oneCookie = await app.inject({ method: 'GET', url: gwUrl(entry.listenPath, '/one-cookie') });
    expect(oneCookie.statusCode).toBe(200);
    expect(oneCookie.headers['set-cookie']).toEqual(['upstream_pref=light; Path=/gw']);
  });

  it('forwards a CORS preflight to an oauth2 API without a token; other OPTIONS still need one', async () => {
    const { api } = await serviceClient();
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: gwUrl(api.listenPath, '/orders'),
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.statusCode).toBe(200);
    const seen = preflight.json() as { method: string; url: string; headers: Record<string, string> };
    expect(seen.method).toBe('OPTIONS');
    expect(seen.url).toBe('/svc/orders');
    expect(seen.headers['x-portico-client-id']).toBeUndefined();

    const plain = await app.inject({
      method: 'OPTIONS',
      url: gwUrl(api.listenPath, '/orders'),
      headers: { origin: 'https://app.example' },
    });
    expect(plain.statusCode).toBe(401);
    // A body, or something other than a method name, makes it no preflight: checked as any call.
    const withBody = await app.inject({
      method: 'OPTIONS',
      url: gwUrl(api.listenPath, '/orders'),
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'content-type': 'text/plain',
      },
      payload: 'delete everything',
    });
    expect(withBody.statusCode).toBe(401);
    const notAMethod = await app.inject({
      method: 'OPTIONS',
      url: gwUrl(api.listenPath, '/orders'),
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST, GET' },
    });
    expect(notAMethod.statusCode).toBe(401);
  });

  it('auth_token APIs answer 501 with a clear message', async () => {
    const entry = createEntry(app, { authMode: 'auth_token' });
    afterCacheTtl();
    const res = await app.inject({ method: 'GET', url: gwUrl(entry.listenPath) });
    expect(res.statusCode).toBe(501);
    expect(res.json()).toEqual({
      error: 'not_implemented',
      message: `${entry.name} uses the auth_token mode, which the Portico gateway does not implement; an administrator can switch the API to oauth2 or keyless.`,
    });
  });

  it('502 when the upstream is unreachable, 504 when it is too slow, both in the error shape', async () => {
    const { client, api } = await serviceClient();
    const token = await issueToken(app, client);
    setUpstream(app, api.apiId, `http://127.0.0.1:${await freePort()}`);
    afterCacheTtl();
    const down = await app.inject({
      method: 'GET',
      url: gwUrl(api.listenPath, '/x'),
      headers: bearer(token),
    });
    expect(down.statusCode).toBe(502);
    expect(down.json()).toMatchObject({ error: 'bad_gateway' });

    setUpstream(app, api.apiId, upstream.url);
    afterCacheTtl();
    const slow = await app.inject({
      method: 'GET',
      url: gwUrl(api.listenPath, '/slow'),
      headers: bearer(token),
    });
    expect(slow.statusCode).toBe(504);
    expect(slow.json()).toEqual({
      error: 'gateway_timeout',
      message: `The upstream of ${api.name} did not answer within 300 ms.`,
    });
  });
});

describe('gateway: token checks (401)', () => {
  it('without a token: 401 and a bare Bearer challenge (RFC 6750 §3.1)', async () => {
    const { api } = await serviceClient();
    const res = await app.inject({ method: 'GET', url: gwUrl(api.listenPath) });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="portico"');
    expect(res.json()).toEqual({
      error: 'invalid_token',
      message: 'This API requires a bearer access token.',
    });
  });

  it.each([
    ['a malformed token', 'Bearer not.a-jwt', 'The access token is malformed.'],
    ['another scheme', 'Basic Zm9vOmJhcg==', 'The Authorization header must be "Bearer <access token>".'],
  ])('401 invalid_token for %s', async (_name, authorization, message) => {
    const { api } = await serviceClient();
    const res = await app.inject({ method: 'GET', url: gwUrl(api.listenPath), headers: { authorization } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe(
      `Bearer realm="portico", error="invalid_token", error_description="${message.replaceAll('"', '')}"`,
    );
    expect(res.json()).toEqual({ error: 'invalid_token', message });
  });

  it('401 for a token signed with another key under the real kid', async () => {
    const { client, api } = await serviceClient();
    const real = await issueToken(app, client);
    const [header, payload] = real.split('.') as [string, string];
    const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid: string };
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const { generateKeyPair } = await import('jose');
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid })
      .sign(privateKey);
    const res = await app.inject({ method: 'GET', url: gwUrl(api.listenPath), headers: bearer(forged) });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ message: 'The access token signature is invalid.' });
  });

  it('401 once the token expired, even though its signature is cached', async () => {
    const { client, api } = await serviceClient();
    const token = await issueToken(app, client);
    expect(
      (await app.inject({ method: 'GET', url: gwUrl(api.listenPath), headers: bearer(token) })).statusCode,
    ).toBe(200);
    clock.advance(24 * 3_600_000);
    const res = await app.inject({ method: 'GET', url: gwUrl(api.listenPath), headers: bearer(token) });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'invalid_token', message: 'The access token expired.' });
  });

  it('a revocation at /oauth/revoke reaches the gateway within one second', async () => {
    const { client, api } = await serviceClient();
    const token = await issueToken(app, client);
    const call = () => app.inject({ method: 'GET', url: gwUrl(api.listenPath), headers: bearer(token) });
    expect((await call()).statusCode).toBe(200);

    const revoked = await postForm(
      app,
      '/oauth/revoke',
      { token, token_type_hint: 'access_token' },
      { authorization: basicAuth(client.clientId, client.clientSecret as string) },
    );
    expect(revoked.statusCode).toBe(200);

    clock.advance(1_000);
    const res = await call();
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'invalid_token', message: 'The access token was revoked.' });
  });
});

describe('gateway: access checks (403)', () => {
  it('403 when the token’s audience is another API', async () => {
    const first = createEntry(app, { scopes: [{ name: 'first:read', description: 'Read' }] });
    const second = createEntry(app, { scopes: [{ name: 'second:read', description: 'Read' }] });
    const client = await createClient(app, { appType: 'service', entries: [first, second] });
    setUpstream(app, second.apiId, upstream.url);
    afterCacheTtl();
    // Asking for the first API's scope only puts just that API in the audience.
    const token = await issueToken(app, client, 'first:read');
    const res = await app.inject({ method: 'GET', url: gwUrl(second.listenPath), headers: bearer(token) });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({
      error: 'access_denied',
      message: `The access token is not valid for ${second.name}.`,
    });
  });

  it.each<[string, (ids: { client: string; owner: string; entry: string }) => void, string]>([
    [
      'the client is no longer active',
      ({ client }) =>
        app.database.db
          .update(oauthClients)
          .set({ status: 'pending' })
          .where(eq(oauthClients.id, client))
          .run(),
      'The OAuth client of this token is not active.',
    ],
    [
      'the developer was deactivated',
      ({ owner }) =>
        app.database.db.update(users).set({ status: 'inactive' }).where(eq(users.id, owner)).run(),
      'The developer account that owns this client is deactivated.',
    ],
    [
      'the client is no longer subscribed',
      ({ client, entry }) =>
        app.database.db
          .delete(oauthClientSubscriptions)
          .where(
            and(
              eq(oauthClientSubscriptions.clientId, client),
              eq(oauthClientSubscriptions.catalogueEntryId, entry),
            ),
          )
          .run(),
      'The client is not subscribed to',
    ],
  ])('403 access_denied when %s (within a second)', async (_name, change, message) => {
    const { client, api } = await serviceClient();
    const token = await issueToken(app, client);
    const call = () => app.inject({ method: 'GET', url: gwUrl(api.listenPath), headers: bearer(token) });
    expect((await call()).statusCode).toBe(200);
    change({ client: client.id, owner: client.ownerId, entry: api.entryId });
    afterCacheTtl();
    const res = await call();
    expect(res.statusCode).toBe(403);
    expect(res.headers['www-authenticate']).toBeUndefined();
    expect(res.json()).toMatchObject({ error: 'access_denied' });
    expect((res.json() as { message: string }).message).toContain(message);
  });

  it('403 insufficient_scope with a challenge when the policy no longer grants the token’s scopes', async () => {
    const entry = createEntry(app, {
      scopes: [
        { name: 'orders:read', description: 'Read' },
        { name: 'orders:write', description: 'Write' },
      ],
    });
    const { client, api } = await serviceClient(entry);
    const token = await issueToken(app, client, 'orders:read');
    setAllowedScopes(app, api, ['orders:write']);
    afterCacheTtl();
    const res = await app.inject({ method: 'GET', url: gwUrl(api.listenPath), headers: bearer(token) });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'insufficient_scope' });
    expect(res.headers['www-authenticate']).toMatch(
      /^Bearer realm="portico", error="insufficient_scope", .*scope="orders:write"$/,
    );
  });

  it('forwards only the scopes of the called API in X-Portico-Scopes', async () => {
    const entry = createEntry(app, {
      scopes: [
        { name: 'orders:read', description: 'Read' },
        { name: 'orders:write', description: 'Write' },
      ],
    });
    const { client, api } = await serviceClient(entry);
    setAllowedScopes(app, api, ['orders:read']);
    afterCacheTtl();
    const token = await issueToken(app, client);
    const res = await app.inject({ method: 'GET', url: gwUrl(api.listenPath), headers: bearer(token) });
    expect((res.json() as { headers: Record<string, string> }).headers['x-portico-scopes']).toBe(
      'orders:read',
    );
  });
});

describe('gateway: rate limit and quota (429)', () => {
  it('429 with Retry-After and RateLimit-* once the window is spent; the next window passes', async () => {
    const { client, api } = await serviceClient();
    setPolicy(app, api.policyId, { rateLimit: 2, rateLimitPer: 10 });
    afterCacheTtl();
    const token = await issueToken(app, client);
    const call = () => app.inject({ method: 'GET', url: gwUrl(api.listenPath), headers: bearer(token) });
    expect((await call()).headers['ratelimit-remaining']).toBe('1');
    clock.advance(4_000);
    expect((await call()).statusCode).toBe(200);
    const limited = await call();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('6');
    expect(limited.headers).toMatchObject({
      'ratelimit-limit': '2',
      'ratelimit-remaining': '0',
      'ratelimit-reset': '6',
      'ratelimit-policy': '2;w=10',
    });
    expect(limited.json()).toEqual({
      error: 'rate_limited',
      message: 'Rate limit of 2 requests per 10 s reached; retry in 6 s.',
    });
    clock.advance(6_000);
    expect((await call()).statusCode).toBe(200);
  });

  it('429 quota_exceeded saying when the quota renews, then renews', async () => {
    const { client, api } = await serviceClient();
    setPolicy(app, api.policyId, { quotaMax: 3, quotaRenewal: 60 });
    afterCacheTtl();
    const start = clock();
    const token = await issueToken(app, client);
    const call = () => app.inject({ method: 'GET', url: gwUrl(api.listenPath), headers: bearer(token) });
    for (let i = 0; i < 3; i++) expect((await call()).statusCode).toBe(200);
    clock.advance(20_000);
    const exhausted = await call();
    expect(exhausted.statusCode).toBe(429);
    expect(exhausted.headers['retry-after']).toBe('40');
    expect(exhausted.json()).toEqual({
      error: 'quota_exceeded',
      message: `Quota of 3 requests used up; it renews at ${new Date(start + 60_000).toISOString()}.`,
    });
    clock.advance(40_000);
    expect((await call()).statusCode).toBe(200);
  });

  it('limits per client per API: another client of the same API has its own window', async () => {
    const { client, api } = await serviceClient();
    setPolicy(app, api.policyId, { rateLimit: 1, rateLimitPer: 60 });
    const other = await createClient(app, { appType: 'service', entries: [api] });
    afterCacheTtl();
    const [mine, theirs] = [await issueToken(app, client), await issueToken(app, other)];
    const call = (token: string) =>
      app.inject({ method: 'GET', url: gwUrl(api.listenPath), headers: bearer(token) });
    expect((await call(mine)).statusCode).toBe(200);
    expect((await call(mine)).statusCode).toBe(429);
    expect((await call(theirs)).statusCode).toBe(200);
  });
});

describe('gateway: API table', () => {
  it('stops routing to an API deactivated by an admin within a second', async () => {
    const { client, api } = await serviceClient();
    const token = await issueToken(app, client);
    expect(
      (await app.inject({ method: 'GET', url: gwUrl(api.listenPath), headers: bearer(token) })).statusCode,
    ).toBe(200);
    setApi(app, api.apiId, { active: false });
    afterCacheTtl();
    expect(
      (await app.inject({ method: 'GET', url: gwUrl(api.listenPath), headers: bearer(token) })).statusCode,
    ).toBe(404);
  });
});

describe('gateway behind a trusted reverse proxy', () => {
  it('appends the proxy to X-Forwarded-For and passes on the host the caller addressed', async () => {
    const behindProxy = await buildTestApp({ clock, config: { trustProxy: '127.0.0.1' } });
    try {
      const entry = createEntry(behindProxy, { authMode: 'keyless' });
      setUpstream(behindProxy, entry.apiId, `${upstream.url}/svc`);
      behindProxy.gateway.invalidate();
      const res = await behindProxy.inject({
        method: 'GET',
        url: gwUrl(entry.listenPath, '/x'),
        remoteAddress: '127.0.0.1',
        headers: {
          host: 'internal:3000',
          'x-forwarded-for': '203.0.113.9',
          'x-forwarded-host': 'portal.example',
          'x-forwarded-proto': 'https',
        },
      });
      expect(res.statusCode, res.body).toBe(200);
      const seen = res.json() as { headers: Record<string, string> };
      expect(seen.headers['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');
      expect(seen.headers['x-forwarded-host']).toBe('portal.example');
      expect(seen.headers['x-forwarded-proto']).toBe('https');
    } finally {
      await behindProxy.close();
    }
  });
});
