import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apis, authorizationRequests } from '../../db/schema.js';
import { buildTestApp, createUser, login, type TestApp, type TestSession } from '../../test/helpers.js';
import {
  authorize,
  authorizeUrl,
  authorizeWithConsent,
  type ClientFixture,
  consentRequestId,
  createClient,
  TEST_CHALLENGE,
} from '../../test/oauth-fixtures.js';
import { createEntry, type EntryFixture } from '../../test/portal-fixtures.js';

/** `GET /oauth/authorize` (RFC 6749 §4.1.1 as profiled by RFC 9700). */

let app: TestApp;
let issuer: string;
let entry: EntryFixture;
let web: ClientFixture;
let spa: ClientFixture;
let user: TestSession;

beforeAll(async () => {
  app = await buildTestApp();
  issuer = app.config.issuer;
  entry = createEntry(app, {
    scopes: [
      { name: 'orders:read', description: 'Read orders' },
      { name: 'orders:write', description: 'Place orders' },
    ],
  });
  web = await createClient(app, {
    appType: 'web',
    entries: [entry],
    redirectUris: ['https://app.example.com/callback', 'https://app.example.com/other?tenant=1'],
  });
  spa = await createClient(app, {
    appType: 'spa_native',
    entries: [entry],
    redirectUris: ['http://127.0.0.1/callback'],
  });
  user = await login(app, (await createUser(app)).email);
});

afterAll(async () => {
  await app.close();
});

const base = () => ({
  client_id: web.clientId,
  redirect_uri: 'https://app.example.com/callback',
  state: 'xyz-state',
  code_challenge: TEST_CHALLENGE,
  code_challenge_method: 'S256',
});

/** The client redirect's query parameters (asserting it is one). */
function clientRedirect(res: { statusCode: number; headers: Record<string, unknown> }, prefix: string) {
  expect(res.statusCode).toBe(302);
  const location = String(res.headers.location);
  expect(location.startsWith(prefix)).toBe(true);
  return new URL(location).searchParams;
}

function expectErrorPage(
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  text: RegExp,
) {
  expect(res.statusCode).toBe(400);
  expect(res.headers.location).toBeUndefined();
  expect(String(res.headers['content-type'])).toMatch(/^text\/html/);
  expect(res.body).toMatch(text);
}

describe('client and redirect URI problems show an error page, never a redirect', () => {
  it('unknown client', async () => {
    expectErrorPage(
      await authorize(app, { ...base(), client_id: 'pc_unknown' }),
      /No application is registered/,
    );
  });

  it('missing client_id', async () => {
    expectErrorPage(await authorize(app, '/oauth/authorize?response_type=code'), /no client_id/);
  });

  it.each([
    ['an unregistered URI', 'https://evil.example.com/callback'],
    ['a prefix extension of a registered URI', 'https://app.example.com/callback/../../evil'],
    ['a registered URI plus a path', 'https://app.example.com/callback/more'],
    ['a registered URI with another query', 'https://app.example.com/callback?x=1'],
    ['a registered URI with a different port', 'https://app.example.com:8443/callback'],
  ])('%s', async (_label, redirectUri) => {
    expectErrorPage(await authorize(app, { ...base(), redirect_uri: redirectUri }), /not registered/);
  });

  it("a web application's loopback URI on another port (the port exception is native apps')", async () => {
    const local = await createClient(app, {
      appType: 'web',
      entries: [entry],
      redirectUris: ['http://localhost:3000/callback'],
    });
    const ask = (redirectUri: string) =>
      authorize(app, { ...base(), client_id: local.clientId, redirect_uri: redirectUri });
    expectErrorPage(await ask('http://localhost:9999/callback'), /not registered/);
    expect((await ask('http://localhost:3000/callback')).statusCode).toBe(302);
  });

  it('a repeated redirect_uri or client_id', async () => {
    const url = `${authorizeUrl(base())}&redirect_uri=${encodeURIComponent('https://evil.example.com/cb')}`;
    expectErrorPage(await authorize(app, url), /redirect_uri parameter is repeated/);
    expectErrorPage(
      await authorize(app, `${authorizeUrl(base())}&client_id=x`),
      /client_id parameter is repeated/,
    );
  });

  it('a missing redirect_uri when several are registered', async () => {
    expectErrorPage(await authorize(app, { ...base(), redirect_uri: undefined }), /no redirect_uri/);
  });

  it('escapes what it echoes', async () => {
    const res = await authorize(app, { ...base(), client_id: '<script>alert(1)</script>' });
    expect(res.body).not.toContain('<script>alert');
  });
});

describe('other problems are redirected with error, state and iss (RFC 9207)', () => {
  it.each([
    ['token', 'unsupported_response_type'],
    ['code id_token', 'unsupported_response_type'],
    ['code token', 'unsupported_response_type'],
  ])('response_type=%s → %s', async (responseType, error) => {
    const params = clientRedirect(
      await authorize(app, { ...base(), response_type: responseType }),
      'https://app.example.com/callback?',
    );
    expect(params.get('error')).toBe(error);
    expect(params.get('state')).toBe('xyz-state');
    expect(params.get('iss')).toBe(issuer);
    expect(params.get('code')).toBeNull();
  });

  it('refuses repeated parameters', async () => {
    const params = clientRedirect(
      await authorize(app, `${authorizeUrl(base())}&scope=orders:read&scope=orders:write`),
      'https://app.example.com/callback?',
    );
    expect(params.get('error')).toBe('invalid_request');
    expect(params.get('error_description')).toMatch(/'scope' parameter must not be repeated/);
    // RFC 6749 §4.1.2.1: no `"` or `\\` (nor anything outside printable ASCII) in error_description.
    expect(params.get('error_description')).toMatch(/^[\x20-\x21\x23-\x5B\x5D-\x7E]+$/);
  });

  it('refuses PKCE methods other than S256, and challenges without a method', async () => {
    for (const method of ['plain', undefined]) {
      const params = clientRedirect(
        await authorize(app, { ...base(), code_challenge_method: method }),
        'https://app.example.com/callback?',
      );
      expect(params.get('error')).toBe('invalid_request');
      expect(params.get('error_description')).toMatch(/S256/);
    }
  });

  it('refuses a code_challenge_method without a code_challenge', async () => {
    const params = clientRedirect(
      await authorize(app, { ...base(), code_challenge: undefined }),
      'https://app.example.com/callback?',
    );
    expect(params.get('error')).toBe('invalid_request');
    expect(params.get('iss')).toBe(issuer);
  });

  it('refuses a malformed challenge', async () => {
    const params = clientRedirect(
      await authorize(app, { ...base(), code_challenge: 'too-short' }),
      'https://app.example.com/callback?',
    );
    expect(params.get('error')).toBe('invalid_request');
  });

  it('requires PKCE from public clients', async () => {
    const params = clientRedirect(
      await authorize(app, {
        client_id: spa.clientId,
        redirect_uri: 'http://127.0.0.1:4000/callback',
        state: 's',
      }),
      'http://127.0.0.1:4000/callback?',
    );
    expect(params.get('error')).toBe('invalid_request');
    expect(params.get('error_description')).toMatch(/PKCE is required/);
  });

  it('refuses scopes the subscriptions do not allow', async () => {
    const params = clientRedirect(
      await authorize(app, { ...base(), scope: 'orders:read admin' }),
      'https://app.example.com/callback?',
    );
    expect(params.get('error')).toBe('invalid_scope');
  });

  it('keeps the registered query of the redirect URI', async () => {
    const params = clientRedirect(
      await authorize(app, {
        ...base(),
        redirect_uri: 'https://app.example.com/other?tenant=1',
        response_type: 'x',
      }),
      'https://app.example.com/other?tenant=1&',
    );
    expect(params.get('error')).toBe('unsupported_response_type');
  });

  it('appends to the registered query verbatim, not re-encoded (RFC 6749 §3.1.2)', async () => {
    const registered = 'https://app.example.com/callback?tenant=a%20b&flag';
    const client = await createClient(app, { entries: [entry], redirectUris: [registered] });
    const res = await authorize(app, {
      ...base(),
      client_id: client.clientId,
      redirect_uri: registered,
      response_type: 'token',
      state: 'a b+c',
    });
    expect(res.statusCode).toBe(302);
    // URLSearchParams made this `?tenant=a+b&flag=&error=...`.
    expect(res.headers.location).toBe(
      `${registered}&error=unsupported_response_type` +
        `&error_description=${encodeURIComponent('Only response_type=code is supported.')}` +
        `&state=a%20b%2Bc&iss=${encodeURIComponent(issuer)}`,
    );
    const params = new URL(String(res.headers.location)).searchParams;
    expect(params.get('tenant')).toBe('a b');
    expect(params.get('state')).toBe('a b+c');
    expect(params.get('iss')).toBe(issuer);
  });

  it('still writes the non-ASCII characters of a registered URI percent-encoded', async () => {
    const client = await createClient(app, {
      entries: [entry],
      redirectUris: ['https://app.example.com/c\u00e4llback?x=\u00fc'],
    });
    const res = await authorize(app, {
      ...base(),
      client_id: client.clientId,
      redirect_uri: 'https://app.example.com/c\u00e4llback?x=\u00fc',
      response_type: 'token',
    });
    expect(String(res.headers.location)).toMatch(
      /^https:\/\/app\.example\.com\/c%C3%A4llback\?x=%C3%BC&error=unsupported_response_type&/,
    );
  });

  it('writes a non-ASCII host in punycode, as the URL parser does', async () => {
    const uri = 'https://b\u00fccher.example/c\u00e4llback';
    const client = await createClient(app, { entries: [entry], redirectUris: [uri] });
    const res = await authorize(app, {
      ...base(),
      client_id: client.clientId,
      redirect_uri: uri,
      response_type: 'token',
    });
    expect(String(res.headers.location)).toMatch(
      /^https:\/\/xn--bcher-kva\.example\/c%C3%A4llback\?error=unsupported_response_type&/,
    );
  });

  it('omits state when the client sent none', async () => {
    const params = clientRedirect(
      await authorize(app, { ...base(), state: undefined, response_type: 'token' }),
      'https://app.example.com/callback?',
    );
    expect(params.has('state')).toBe(false);
    expect(params.get('iss')).toBe(issuer);
  });
});

describe('clients that may not be used show an error page too (their redirect URIs are not trusted)', () => {
  // RFC 9700 §4.11.2: redirect only to URIs the server trusts. A client waiting for approval (or
  // rejected) has URIs nobody vetted: redirecting there would make Portico an open redirector.
  const evil = 'https://evil.example.com/landing';

  it('a client waiting for approval', async () => {
    const pending = await createClient(app, {
      entries: [createEntry(app, { approval: 'manual' })],
      redirectUris: [evil],
    });
    expectErrorPage(
      await authorize(app, { ...base(), client_id: pending.clientId, redirect_uri: evil }),
      /waiting for approval/,
    );
  });

  it.each(['draft', 'rejected'] as const)('a %s client', async (status) => {
    const client = await createClient(app, { entries: [entry], redirectUris: [evil] });
    app.repos.clients.update(client.id, { status });
    const res = await authorize(app, { ...base(), client_id: client.clientId, redirect_uri: evil });
    expectErrorPage(res, /unauthorized_client/);
  });

  it('a deleted client', async () => {
    const client = await createClient(app, { entries: [entry] });
    app.repos.clients.softDelete(client.id, new Date());
    expectErrorPage(await authorize(app, { ...base(), client_id: client.clientId }), /No application/);
  });

  it("a client whose developer's account is deactivated", async () => {
    const client = await createClient(app, { entries: [entry], redirectUris: [evil] });
    app.repos.users.setStatus(client.ownerId, 'inactive');
    expectErrorPage(
      await authorize(app, { ...base(), client_id: client.clientId, redirect_uri: evil }),
      /deactivated/,
    );
  });
});

describe('valid requests', () => {
  it('send an anonymous browser to the consent screen in the SPA (which signs in first)', async () => {
    const res = await authorize(app, base());
    expect(res.statusCode).toBe(302);
    expect(String(res.headers.location)).toMatch(/^\/consent\?request=[A-Za-z0-9_-]{32}$/);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('use the only registered URI when redirect_uri is omitted', async () => {
    const res = await authorize(app, {
      client_id: spa.clientId,
      code_challenge: TEST_CHALLENGE,
      code_challenge_method: 'S256',
    });
    expect(() => consentRequestId(res.headers.location as string)).not.toThrow();
  });

  it('ignore unknown parameters (RFC 6749 §3.1)', async () => {
    const res = await authorize(app, { ...base(), prompt: 'none', foo: 'bar' });
    expect(() => consentRequestId(res.headers.location as string)).not.toThrow();
  });

  it('accept a loopback redirect URI on any port for native apps (RFC 8252 §7.3)', async () => {
    const res = await authorize(app, {
      client_id: spa.clientId,
      redirect_uri: 'http://127.0.0.1:61234/callback',
      code_challenge: TEST_CHALLENGE,
      code_challenge_method: 'S256',
    });
    expect(() => consentRequestId(res.headers.location as string)).not.toThrow();
  });

  it('return code, state and iss after consent, and remember the consent', async () => {
    const other = await login(app, (await createUser(app)).email);
    const callback = await authorizeWithConsent(app, other, { ...base(), scope: 'orders:read' });
    expect(callback.origin + callback.pathname).toBe('https://app.example.com/callback');
    expect(callback.searchParams.get('code')).toMatch(/^pac_[A-Za-z0-9_-]{43}$/);
    expect(callback.searchParams.get('state')).toBe('xyz-state');
    expect(callback.searchParams.get('iss')).toBe(issuer);

    // Already granted: straight back to the application, no consent screen.
    const again = await authorize(app, { ...base(), scope: 'orders:read', state: 'second' }, other);
    const params = clientRedirect(again, 'https://app.example.com/callback?');
    expect(params.get('code')).toMatch(/^pac_/);
    expect(params.get('state')).toBe('second');

    // More scopes than granted: the consent screen again.
    const wider = await authorize(app, { ...base(), scope: 'orders:read orders:write' }, other);
    expect(() => consentRequestId(wider.headers.location as string)).not.toThrow();
  });

  it('return the code to a registered query kept verbatim, after consent and when already granted', async () => {
    const registered = 'https://app.example.com/callback?tenant=a%20b&flag';
    const client = await createClient(app, { entries: [entry], redirectUris: [registered] });
    const other = await login(app, (await createUser(app)).email);
    const params = { ...base(), client_id: client.clientId, redirect_uri: registered, state: 's' };
    const expected = new RegExp(
      `^${registered.replace(/[.?]/g, '\\$&')}&code=pac_[A-Za-z0-9_-]{43}&state=s&iss=${encodeURIComponent(issuer).replace(/[.]/g, '\\.')}$`,
    );
    // The consent screen's decision (`redirectTo`, which the fixture parses: URL keeps the query as is).
    const callback = await authorizeWithConsent(app, other, params);
    expect(callback.href).toMatch(expected);
    // Consent remembered: /oauth/authorize answers with the code directly.
    const again = await authorize(app, params, other);
    expect(again.statusCode).toBe(302);
    expect(String(again.headers.location)).toMatch(expected);
  });

  it('ask the user of a public client again although they allowed it before (RFC 8252 §8.6)', async () => {
    const other = await login(app, (await createUser(app)).email);
    const params = {
      client_id: spa.clientId,
      redirect_uri: 'http://127.0.0.1:5000/callback',
      scope: 'orders:read',
      code_challenge: TEST_CHALLENGE,
      code_challenge_method: 'S256',
    };
    await authorizeWithConsent(app, other, params);
    // Any program can send the app's client_id with its own port and PKCE pair: no silent code.
    const again = await authorize(app, { ...params, redirect_uri: 'http://127.0.0.1:6666/callback' }, other);
    const view = await app.inject({
      method: 'GET',
      url: `/api/oauth/authorize-request/${consentRequestId(String(again.headers.location))}`,
      headers: other.headers,
    });
    expect(view.json()).toMatchObject({ alreadyGranted: false, previouslyAllowed: true });
  });

  it('return access_denied when the user denies', async () => {
    const callback = await authorizeWithConsent(app, user, base(), 'deny');
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe('xyz-state');
    expect(callback.searchParams.get('iss')).toBe(issuer);
    expect(callback.searchParams.get('code')).toBeNull();
  });
});

describe('remembered consent covers scope–API pairs', () => {
  // Scope names are not unique across APIs, and an API may define none: consent to `read` on one API
  // is not consent to `read` on another, nor to another API that the client gains later.
  async function setup(first: EntryFixture) {
    const owner = await createUser(app, { name: 'Owner' });
    const developer = await login(app, owner.email);
    const client = await createClient(app, { appType: 'web', entries: [first], ownerId: owner.id });
    const endUser = await login(app, (await createUser(app)).email);
    const params = (scope?: string, state = 's1') => ({
      client_id: client.clientId,
      redirect_uri: client.redirectUris[0],
      scope,
      state,
      code_challenge: TEST_CHALLENGE,
      code_challenge_method: 'S256',
    });
    const addApi = async (added: EntryFixture) => {
      const res = await app.inject({
        method: 'POST',
        url: `/api/clients/${client.id}/apis`,
        headers: developer.headers,
        payload: { catalogueEntryId: added.entryId },
      });
      expect(res.statusCode).toBe(200);
    };
    return { client, endUser, params, addApi };
  }

  /** A client of a Payments API defining `paymentsScope` and of a Ledger API defining `books`. */
  async function withLedger(paymentsScope: string) {
    const payments = createEntry(app, {
      name: 'Payments API',
      scopes: [{ name: paymentsScope, description: 'Payments' }],
    });
    const ledger = createEntry(app, {
      name: 'Ledger API',
      scopes: [{ name: 'books', description: 'Books' }],
    });
    const fixture = await setup(payments);
    await fixture.addApi(ledger);
    return { ...fixture, ledger };
  }

  const alreadyGranted = async (location: string, session: TestSession) =>
    (
      await app.inject({
        method: 'GET',
        url: `/api/oauth/authorize-request/${consentRequestId(location)}`,
        headers: session.headers,
      })
    ).json().alreadyGranted;

  it('asks again when the client gains another API that defines the same scope name', async () => {
    const payments = createEntry(app, {
      name: 'Payments API',
      scopes: [{ name: 'read', description: 'Read' }],
    });
    const ledger = createEntry(app, { name: 'Ledger API', scopes: [{ name: 'read', description: 'Read' }] });
    const { endUser, params, addApi } = await setup(payments);
    await authorizeWithConsent(app, endUser, params('read'));
    // Same client, same scope, same APIs: still remembered.
    const remembered = await authorize(app, params('read', 's2'), endUser);
    expect(clientRedirect(remembered, 'https://app.example.com/callback?').get('code')).toMatch(/^pac_/);

    await addApi(ledger);
    const wider = await authorize(app, params('read', 's3'), endUser);
    expect(String(wider.headers.location)).toMatch(/^\/consent\?/);
    expect(await alreadyGranted(String(wider.headers.location), endUser)).toBe(false);

    // Allowing it remembers both APIs.
    await authorizeWithConsent(app, endUser, params('read', 's4'));
    const after = await authorize(app, params('read', 's5'), endUser);
    expect(clientRedirect(after, 'https://app.example.com/callback?').get('code')).toMatch(/^pac_/);
  });

  it('asks again when the client gains an API that defines no scopes', async () => {
    const payments = createEntry(app, {
      name: 'Payments API',
      scopes: [{ name: 'read', description: 'Read' }],
    });
    const status = createEntry(app, { name: 'Status API', scopes: [] });
    const { endUser, params, addApi } = await setup(payments);
    await authorizeWithConsent(app, endUser, params());

    await addApi(status);
    const wider = await authorize(app, params(undefined, 's2'), endUser);
    expect(String(wider.headers.location)).toMatch(/^\/consent\?/);
    expect(await alreadyGranted(String(wider.headers.location), endUser)).toBe(false);
  });

  it('asks again when an allowed API starts to define a scope that was allowed only on another', async () => {
    const { endUser, params, ledger } = await withLedger('read');
    // Allowed: `read` on Payments, `books` on Ledger.
    await authorizeWithConsent(app, endUser, params('read books'));
    const remembered = await authorize(app, params('read books', 's2'), endUser);
    expect(clientRedirect(remembered, 'https://app.example.com/callback?').get('code')).toMatch(/^pac_/);

    // Ledger now defines `read` too: the same request now asks for `read` on Ledger, never allowed.
    app.database.db
      .update(apis)
      .set({
        scopes: [
          { name: 'books', description: 'Books' },
          { name: 'read', description: 'Read the ledger' },
        ],
      })
      .where(eq(apis.id, ledger.apiId))
      .run();
    const wider = await authorize(app, params('read books', 's3'), endUser);
    expect(String(wider.headers.location)).toMatch(/^\/consent\?/);
    const screen = await app.inject({
      method: 'GET',
      url: `/api/oauth/authorize-request/${consentRequestId(String(wider.headers.location))}`,
      headers: endUser.headers,
    });
    expect(screen.json()).toMatchObject({ alreadyGranted: false, previouslyAllowed: false });
    // The screen shows each scope on the API it is asked for.
    expect(
      screen
        .json()
        .apis.map((api: { name: string; scopes: { name: string }[] }) => [
          api.name,
          api.scopes.map((scope) => scope.name),
        ]),
    ).toEqual([
      ['Payments API', ['read']],
      ['Ledger API', ['books', 'read']],
    ]);
  });

  it('keeps consent when a request narrows to fewer APIs than were allowed', async () => {
    const { endUser, params } = await withLedger('pay');
    await authorizeWithConsent(app, endUser, params('pay books'));
    const narrower = await authorize(app, params('books', 's2'), endUser);
    expect(clientRedirect(narrower, 'https://app.example.com/callback?').get('code')).toMatch(/^pac_/);
  });
});

describe('GET /oauth/authorize is rate limited per address', () => {
  it('answers 429 with an error page and Retry-After once the requests of the minute are spent', async () => {
    const limited = await buildTestApp({ env: { PORTICO_AUTHORIZE_RATE_LIMIT: '2' } });
    try {
      const client = await createClient(limited, { appType: 'web', entries: [createEntry(limited)] });
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: client.clientId,
        redirect_uri: client.redirectUris[0]!,
        code_challenge: TEST_CHALLENGE,
        code_challenge_method: 'S256',
      });
      const get = (remoteAddress: string) =>
        limited.inject({ method: 'GET', url: `/oauth/authorize?${query}`, remoteAddress });
      for (let i = 0; i < 2; i++) expect((await get('10.1.1.1')).statusCode).toBe(302);
      const refused = await get('10.1.1.1');
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['content-type']).toMatch(/^text\/html/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.body).toContain('Too many sign-in requests');
      // HEAD is no way around the limit: it would run the handler, under a bucket of its own.
      const stored = () => limited.database.db.select().from(authorizationRequests).all().length;
      const before = stored();
      const head = await limited.inject({
        method: 'HEAD',
        url: `/oauth/authorize?${query}`,
        remoteAddress: '10.1.1.1',
      });
      expect(head.statusCode).toBe(404);
      expect(stored()).toBe(before);
      expect((await get('10.1.1.2')).statusCode).toBe(302);
      // IPv6 callers count by their /64 (@fastify/rate-limit does this by default, as addressKey does).
      for (const address of ['2001:db8:5:5::1', '2001:db8:5:5::2'])
        expect((await get(address)).statusCode).toBe(302);
      expect((await get('2001:db8:5:5::3')).statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
