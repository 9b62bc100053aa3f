import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createUser, TEST_PASSWORD, type TestApp, uniqueEmail } from './test/helpers.js';

describe('system routes', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('GET /healthz answers while the process is up', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz checks the database', async () => {
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', checks: { database: true } });
  });

  it('sets security headers with a CSP', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers 401 to an anonymous caller on every session route, before validating its input', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
    };
    const guarded = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, op]) => op.security?.some((s) => 'sessionCookie' in s))
        .map(([method]) => ({ method: method.toUpperCase(), url: path.replace(/\{[^}]+\}/g, 'x') })),
    );
    expect(guarded.length).toBeGreaterThan(20);
    for (const { method, url } of guarded) {
      const res = await app.inject({
        method: method as 'GET',
        url,
        ...(method === 'GET' ? {} : { payload: { unexpected: ['field'] } }),
      });
      expect({ method, url, status: res.statusCode }).toEqual({ method, url, status: 401 });
    }
  });

  it('publishes an OpenAPI 3.1 document listing the routes with their schemas', async () => {
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/auth/register',
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/me',
      '/api/admin/users',
      '/healthz',
      '/readyz',
    ]) {
      expect(doc.paths).toHaveProperty([path]);
    }
    expect(
      doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('email');
    expect(doc.paths['/api/auth/login'].post.responses).toHaveProperty('401');
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({
      in: 'cookie',
      name: 'portico_session',
    });
    expect(doc.paths['/api/admin/users'].get.security).toEqual([{ sessionCookie: [] }]);
    expect(doc.paths['/api/auth/login'].post.security).toBeUndefined();
  });

  it('serves the API docs UI at /docs', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });

  it('answers unknown /api paths with the JSON error shape', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'not_found', message: expect.any(String) });
  });

  it('answers 503 with Retry-After while another process holds the database write lock', async () => {
    const { email } = await createUser(app);
    const sqlite = app.database.db.$client;
    const other = new Database(app.config.dbFile, { timeout: 0 });
    sqlite.pragma('busy_timeout = 50');
    try {
      other.exec('begin immediate');
      // Signing in writes a session.
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.json()).toEqual({ error: 'unavailable', message: expect.stringMatching(/busy/) });
    } finally {
      if (other.inTransaction) other.exec('rollback');
      other.close();
      sqlite.pragma('busy_timeout = 5000');
    }
  });

  it('answers a URL with malformed percent-encoding with the error shape and security headers', async () => {
    for (const url of ['/api/clients/%ZZ', '/gw/payments/%E0%A4%A']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json()).toEqual({
        error: 'bad_request',
        message: 'The request URL is malformed (an invalid percent-encoding).',
      });
      // Answered before any hook: it still may not be framed, loaded or sniffed.
      expect(res.headers).toMatchObject({
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
      });
    }
  });

  it('rejects malformed JSON with the error shape', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
  });

  it('says the portal is not built when the web dir is missing', async () => {
    const res = await app.inject({ method: 'GET', url: '/oauth-clients' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toMatch(/portal is not built/);
  });

  it('echoes requests at /_echo/* (the demo upstream)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/_echo/payments/v1/charges?limit=2&tag=a&tag=b',
      headers: { 'x-demo': 'yes', cookie: 'secret=1' },
      payload: { amount: 10 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      method: 'POST',
      path: '/_echo/payments/v1/charges',
      query: { limit: '2', tag: ['a', 'b'] },
      headers: { 'x-demo': 'yes' },
      body: { amount: 10 },
    });
    expect(res.json().headers).not.toHaveProperty('cookie');
  });
});

describe('the portal (SPA) with history fallback', () => {
  let app: TestApp;
  let webDir: string;
  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'portico-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(
      join(webDir, 'index.html'),
      '<!doctype html><div id="root"></div><script src="/assets/app.js"></script>',
    );
    writeFileSync(join(webDir, 'assets', 'app.js'), 'console.log("portal")');
    writeFileSync(join(webDir, '.env'), 'SECRET=hidden-in-a-dotfile');
    mkdirSync(join(webDir, '.vite'));
    writeFileSync(join(webDir, '.vite', 'manifest.json'), '{"hidden":"build manifest"}');
    app = await buildTestApp({ config: { webDir } });
  });
  afterAll(async () => {
    await app.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('serves index.html for client-side routes', async () => {
    for (const url of ['/', '/oauth-clients', '/oauth-clients/new?step=2']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<div id="root">');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves fingerprinted assets with a long cache lifetime', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('portal');
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it('never serves dotfiles or dot-folders of the web folder', async () => {
    for (const url of ['/.env', '/.vite/manifest.json', '/%2eenv']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.body, url).not.toContain('hidden');
    }
  });

  it('keeps server paths out of the fallback', async () => {
    for (const url of ['/api/unknown', '/oauth/unknown', '/gw/unknown']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toMatchObject({ error: 'not_found' });
    }
    const post = await app.inject({ method: 'POST', url: '/oauth-clients' });
    expect(post.statusCode).toBe(404);
  });
});

describe('rate limits', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildTestApp({ env: { PORTICO_LOGIN_RATE_LIMIT: '3', PORTICO_REGISTER_RATE_LIMIT: '2' } });
  });
  afterAll(async () => {
    await app.close();
  });

  it('limits login attempts per IP and answers 429 with the error shape and Retry-After', async () => {
    const { email } = await createUser(app);
    const attempt = () =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: 'wrong-password-1234' },
      });
    for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({
      error: 'rate_limited',
      message: expect.stringMatching(/Too many requests/),
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    // The correct password does not get through either while limited.
    const ok = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: TEST_PASSWORD },
    });
    expect(ok.statusCode).toBe(429);
  });

  it('behind a proxy (PORTICO_TRUST_PROXY=true), counts the address the proxy saw, not one the caller wrote', async () => {
    const behindProxy = await buildTestApp({
      env: { PORTICO_LOGIN_RATE_LIMIT: '3', PORTICO_TRUST_PROXY: 'true' },
    });
    try {
      const { email } = await createUser(behindProxy);
      // The proxy (10.0.0.1) appends the address it saw (203.0.113.9) to what the caller sent.
      const attempt = (i: number) =>
        behindProxy.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '10.0.0.1',
          headers: { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.9` },
          payload: { email, password: 'wrong-password-1234' },
        });
      for (let i = 0; i < 3; i++) expect((await attempt(i)).statusCode).toBe(401);
      expect((await attempt(3)).statusCode).toBe(429);
    } finally {
      await behindProxy.close();
    }
  });

  it('limits registrations per IP', async () => {
    const register = () =>
      app.inject({
        method: 'POST',
        url: '/api/auth/register',
        payload: { email: uniqueEmail(), name: 'Spam', password: TEST_PASSWORD },
      });
    expect((await register()).statusCode).toBe(201);
    expect((await register()).statusCode).toBe(201);
    expect((await register()).statusCode).toBe(429);
  });
});
