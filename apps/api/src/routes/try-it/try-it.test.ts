import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AdminAuditEvent,
  type ClientUsageResponse,
  TRY_IT_BODY_LIMIT,
  type TryItResponse,
} from '@portico/contracts';
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
  // As in production behind a reverse proxy on the same host: the caller's address comes from
  // X-Forwarded-For when the connection is from the proxy.
  app = await buildTestApp({ env: { PORTICO_TRUST_PROXY: '127.0.0.1' } });
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

const tryIt = (
  session: TestSession | undefined,
  clientId: string,
  payload: Record<string, unknown>,
  remoteAddress?: string,
) =>
  app.inject({
    method: 'POST',
    url: `/api/clients/${clientId}/try-it`,
    ...(session ? { headers: session.headers } : {}),
    ...(remoteAddress ? { remoteAddress } : {}),
    payload,
  });

/**
 * An upstream whose `/big` answers 64 MB of `a`, written as fast as the connection takes it (it waits
 * for `drain`). `done` resolves when that response closes, with how many bytes it had written.
 */
async function startBigUpstream(total: number) {
  let resolveDone: (sent: number) => void = () => {};
  const done = new Promise<number>((resolve) => {
    resolveDone = resolve;
  });
  const server = createServer((_request, response) => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    response.on('close', () => resolveDone(sent));
    response.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(total) });
    const pump = () => {
      while (sent < total && !response.destroyed) {
        sent += chunk.length;
        if (!response.write(chunk)) {
          response.once('drain', pump);
          return;
        }
      }
      response.end();
    };
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    done,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

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
    // The id Try it names its call with (to hang up on it) stays in the gateway.
    expect(echoed.headers).not.toHaveProperty('x-portico-try-it-call');
    expect(result.response.truncated).toBe(false);
    // The secret is not echoed anywhere in the answer.
    expect(res.body).not.toContain(client.clientSecret as string);

    // The call went through the real gateway, so it is in the client's usage.
    const usage = (
      await app.inject({ method: 'GET', url: `/api/clients/${client.id}/usage`, headers: developer.headers })
    ).json() as ClientUsageResponse;
    expect(usage.totals.requests).toBe(1);
  });

  it('reads no more of a large response than it shows, and stops the upstream from sending the rest', async () => {
    const total = 64 * 1024 * 1024;
    const big = await startBigUpstream(total);
    try {
      const entry = createEntry(app);
      setUpstream(app, entry.apiId, big.url);
      const bigClient = await createClient(app, {
        appType: 'service',
        ownerId: developer.user.id,
        entries: [entry],
      });
      app.gateway.invalidate();
      const res = await tryIt(
        developer,
        bigClient.id,
        { apiId: entry.apiId, clientSecret: bigClient.clientSecret, method: 'GET', path: '/big' },
        '198.51.100.64',
      );
      expect(res.statusCode).toBe(200);
      const result = res.json() as TryItResponse;
      expect(result.response.status).toBe(200);
      expect(result.response.headers['content-length']).toBe(String(total));
      expect(result.response.truncated).toBe(true);
      expect(result.response.body).toBe('a'.repeat(TRY_IT_BODY_LIMIT));

      // The upstream connection was closed long before the 64 MB were through: what it managed to
      // write is what socket buffers held, not the body.
      const sent = await big.done;
      expect(sent).toBeLessThan(total / 4);

      // Cut short, the call still counts in the client's usage.
      const usage = (
        await app.inject({
          method: 'GET',
          url: `/api/clients/${bigClient.id}/usage`,
          headers: developer.headers,
        })
      ).json() as ClientUsageResponse;
      expect(usage.totals.requests).toBe(1);
    } finally {
      await big.close();
    }
  });

  it('cuts the body after 64 KB of bytes, not characters, and never inside a UTF-8 sequence', async () => {
    // The upstream echoes the request, so a body of 40,000 two-byte characters comes back as ~80 KB.
    const heldBack: number[] = [];
    // Two path lengths put the cut once on each byte of a character.
    for (const path of ['/utf8', '/utf8-']) {
      const res = await tryIt(
        developer,
        client.id,
        {
          apiId: api.apiId,
          clientSecret: client.clientSecret,
          method: 'POST',
          path,
          body: 'é'.repeat(40_000),
        },
        '198.51.100.65',
      );
      expect(res.statusCode).toBe(200);
      const { response } = res.json() as TryItResponse;
      expect(response.truncated).toBe(true);
      expect(response.body).not.toContain('\uFFFD');
      expect(response.body.endsWith('éé')).toBe(true);
      heldBack.push(TRY_IT_BODY_LIMIT - Buffer.byteLength(response.body));
    }
    expect(heldBack.sort()).toEqual([0, 1]);
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

  it('refuses whitespace and control characters, which URL parsing drops before resolving ".."', async () => {
    for (const path of [
      // WHATWG URL parsing strips the tabs, leaving `/../../../_echo/escaped`.
      '/.\t./.\t./.\t./_echo/escaped',
      '/.\n./.\r./_echo/escaped',
      '/orders\u0000',
      '/orders list',
      '/orders?q=a\tb',
      '/orders?q=\u00a0',
    ]) {
      const res = await tryIt(
        developer,
        client.id,
        { apiId: api.apiId, clientSecret: client.clientSecret, method: 'GET', path },
        '198.51.100.1',
      );
      expect(res.statusCode, JSON.stringify(path)).toBe(400);
      expect(res.json()).toEqual({
        error: 'validation_failed',
        message: 'The path must not contain spaces, tabs, line breaks or other control characters.',
        details: [
          {
            field: 'path',
            message: 'must not contain spaces, tabs, line breaks or other control characters',
          },
        ],
      });
    }
  });

  it('refuses a path that resolves outside the API’s listen path by any other route', async () => {
    // The malformed `%zz` makes the dot-segment check give up decoding; the URL parser still reads
    // `%2e%2e` as `..`.
    const res = await tryIt(
      developer,
      client.id,
      {
        apiId: api.apiId,
        clientSecret: client.clientSecret,
        method: 'GET',
        path: '/%2e%2e/%2e%2e/_echo/escaped%zz',
      },
      '198.51.100.1',
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: 'validation_failed',
      details: [
        { field: 'path', message: expect.stringMatching(/^must stay below the API's listen path \/gw\//) },
      ],
    });
  });

  it('counts failed secrets per caller address: one developer’s mistakes do not lock out another', async () => {
    const other = await createUser(app);
    const otherSession = await login(app, other.email);
    const theirs = await createClient(app, { appType: 'service', ownerId: other.id, entries: [api] });
    const mine = [
      await createClient(app, { appType: 'service', ownerId: developer.user.id, entries: [api] }),
      await createClient(app, { appType: 'service', ownerId: developer.user.id, entries: [api] }),
      await createClient(app, { appType: 'service', ownerId: developer.user.id, entries: [api] }),
    ];
    // 10 wrong secrets for each of 3 clients: the per-client limits (10) and the address limit (30)
    // are all reached for this developer.
    for (const [index, mistaken] of mine.entries()) {
      for (let i = 0; i < 10; i++) {
        const res = await tryIt(
          developer,
          mistaken.id,
          { apiId: api.apiId, clientSecret: `pcs_wrong-${index}-${i}`, method: 'GET', path: '/' },
          '203.0.113.7',
        );
        expect(res.statusCode).toBe(400);
      }
    }

    // The other developer, from their own address, is not affected.
    const res = await tryIt(
      otherSession,
      theirs.id,
      { apiId: api.apiId, clientSecret: theirs.clientSecret, method: 'GET', path: '/' },
      '198.51.100.9',
    );
    expect(res.statusCode).toBe(200);
  });

  it('429 with Retry-After once the token endpoint stops accepting attempts for the client', async () => {
    const locked = await createClient(app, {
      appType: 'service',
      ownerId: developer.user.id,
      entries: [api],
    });
    const attempt = (clientSecret: string) =>
      tryIt(developer, locked.id, { apiId: api.apiId, clientSecret, method: 'GET', path: '/' }, '192.0.2.44');
    for (let i = 0; i < 10; i++) expect((await attempt(`pcs_wrong-${i}`)).statusCode).toBe(400);

    // Over the client's failure limit, further wrong secrets are answered 429 (the right one still
    // works: client_ids are public, so strangers' guesses must not lock the client out).
    const res = await attempt('pcs_wrong-again');
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.json()).toEqual({
      error: 'rate_limited',
      message: `Too many failed client authentication attempts; try again in ${res.headers['retry-after']} seconds.`,
    });
    expect((await attempt(locked.clientSecret as string)).statusCode).toBe(200);
  });

  it('attributes the token request to the caller’s address (X-Forwarded-For from a trusted proxy)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/clients/${client.id}/try-it`,
      headers: { ...developer.headers, 'x-forwarded-for': '198.51.100.77' },
      payload: { apiId: api.apiId, clientSecret: client.clientSecret, method: 'GET', path: '/' },
    });
    expect(res.statusCode).toBe(200);
    const issued = await app.services.admin.auditLog.list({ action: 'oauth.token_issued', pageSize: 1 });
    const event = issued.items[0] as AdminAuditEvent;
    expect(event.meta).toMatchObject({ clientId: client.clientId, grantType: 'client_credentials' });
    expect(event.ip).toBe('198.51.100.77');
  });
});
