import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/helpers.js';
import { staticSecurityHeaders } from './security.js';

describe('staticSecurityHeaders', () => {
  it("records what helmet sets for the options, lower-cased, and honours helmet's removals", () => {
    const headers = staticSecurityHeaders({
      contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'self'"] } },
      strictTransportSecurity: { maxAge: 60 },
      xFrameOptions: false,
    });
    expect(headers['content-security-policy']).toBe("default-src 'self'");
    expect(headers['strict-transport-security']).toBe('max-age=60; includeSubDomains');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers).not.toHaveProperty('x-frame-options');
    // Helmet removes X-Powered-By; a header removed must not be recorded as set.
    expect(headers).not.toHaveProperty('x-powered-by');
  });

  it('refuses options helmet rejects instead of serving without headers', () => {
    expect(() =>
      staticSecurityHeaders({ contentSecurityPolicy: { directives: { 'default-src': ['self'] } } }),
    ).toThrow();
  });
});

describe('security headers on portal responses', () => {
  let http: TestApp;
  let https: TestApp;
  beforeAll(async () => {
    http = await buildTestApp();
    https = await buildTestApp({ env: { PORTICO_ISSUER: 'https://portal.example.test' } });
  });
  afterAll(async () => {
    await http.close();
    await https.close();
  });

  it('are on errors too (they are set before routing decides anything)', async () => {
    for (const url of ['/api/clients', '/api/definitely-not-a-route']) {
      const res = await http.inject({ method: 'GET', url });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
      // No form on the portal's pages may post what it collects to another origin.
      expect(String(res.headers['content-security-policy'])).toContain("form-action 'self'");
    }
  });

  it('keep every portal API answer out of caches, errors included', async () => {
    for (const url of ['/api/auth/me', '/api/catalogue', '/api/definitely-not-a-route']) {
      const res = await http.inject({ method: 'GET', url });
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    const login = await http.inject({ method: 'POST', url: '/api/auth/login', payload: {} });
    expect(login.headers['cache-control']).toBe('no-store');
  });

  it('send HSTS and upgrade-insecure-requests only when the public origin is https', async () => {
    const plain = await http.inject({ method: 'GET', url: '/healthz' });
    expect(plain.headers).not.toHaveProperty('strict-transport-security');
    expect(String(plain.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');

    const secure = await https.inject({ method: 'GET', url: '/healthz' });
    expect(secure.headers['strict-transport-security']).toBe('max-age=15552000; includeSubDomains');
    expect(String(secure.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
  });

  it('give the OAuth JSON endpoints the API set: nothing may load or frame them', async () => {
    for (const app of [http, https]) {
      for (const [method, url] of [
        ['POST', '/oauth/token'],
        ['POST', '/oauth/revoke'],
        ['POST', '/oauth/introspect'],
        ['OPTIONS', '/oauth/token'],
      ] as const) {
        const res = await app.inject({ method, url, payload: method === 'POST' ? {} : undefined });
        expect(res.headers['content-security-policy'], url).toBe(
          "default-src 'none'; frame-ancestors 'none'",
        );
        expect(res.headers).toMatchObject({
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'DENY',
          'cross-origin-resource-policy': 'same-origin',
        });
        // Document-only headers are left out.
        expect(res.headers).not.toHaveProperty('cross-origin-opener-policy');
        expect(res.headers).not.toHaveProperty('origin-agent-cluster');
      }
    }
    const secure = await https.inject({ method: 'POST', url: '/oauth/token', payload: {} });
    expect(secure.headers['strict-transport-security']).toBe('max-age=15552000; includeSubDomains');
    const plain = await http.inject({ method: 'POST', url: '/oauth/token', payload: {} });
    expect(plain.headers).not.toHaveProperty('strict-transport-security');

    // The authorization endpoint renders pages (and redirects browsers): the document set.
    const authorize = await http.inject({ method: 'GET', url: '/oauth/authorize' });
    expect(authorize.headers).toHaveProperty('cross-origin-opener-policy');
    expect(String(authorize.headers['content-security-policy'])).toContain("default-src 'self'");
  });
});
