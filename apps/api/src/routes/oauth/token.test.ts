import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { accessTokens, apis, auditEvents, authorizationCodes, refreshTokens } from '../../db/schema.js';
import { buildTestApp, createUser, login, type TestApp, type TestSession } from '../../test/helpers.js';
import {
  authorizeWithConsent,
  basicAuth,
  type ClientFixture,
  createClient,
  postForm,
  setAllowedScopes,
  TEST_CHALLENGE,
  TEST_VERIFIER,
} from '../../test/oauth-fixtures.js';
import { createEntry, type EntryFixture } from '../../test/portal-fixtures.js';

/** `POST /oauth/token`: every rule of the issue, one test each. */

let app: TestApp;
let entry: EntryFixture;
let web: ClientFixture;
let spa: ClientFixture;
let service: ClientFixture;
let user: TestSession;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const REDIRECT = 'https://app.example.com/callback';

beforeAll(async () => {
  app = await buildTestApp();
  entry = createEntry(app, {
    scopes: [
      { name: 'pay:read', description: 'Read payments' },
      { name: 'pay:write', description: 'Create payments' },
      { name: 'pay:admin', description: 'Administer payments' },
    ],
  });
  setAllowedScopes(app, entry, ['pay:read', 'pay:write']);
  web = await createClient(app, { appType: 'web', entries: [entry] });
  spa = await createClient(app, {
    appType: 'spa_native',
    entries: [entry],
    redirectUris: ['http://127.0.0.1/cb'],
  });
  service = await createClient(app, { appType: 'service', entries: [entry] });
  user = await login(app, (await createUser(app)).email);
});

afterAll(async () => {
  await app.close();
});

const basic = (client: ClientFixture, secret = client.clientSecret!) => ({
  authorization: basicAuth(client.clientId, secret),
});

function token(form: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  return postForm(app, '/oauth/token', form, headers);
}

function expectOAuthError(res: { statusCode: number; json: () => unknown }, status: number, error: string) {
  expect({ status: res.statusCode, body: res.json() }).toMatchObject({ status, body: { error } });
}

/** A fresh authorization code for `client` (PKCE with TEST_VERIFIER unless `pkce: false`). */
async function code(
  client: ClientFixture,
  options: { pkce?: boolean; scope?: string; resource?: string | string[]; session?: TestSession } = {},
) {
  const redirectUri = client.redirectUris[0]!;
  const callback = await authorizeWithConsent(app, options.session ?? user, {
    client_id: client.clientId,
    redirect_uri: redirectUri,
    scope: options.scope,
    resource: options.resource,
    ...(options.pkce === false ? {} : { code_challenge: TEST_CHALLENGE, code_challenge_method: 'S256' }),
  });
  const value = callback.searchParams.get('code');
  if (!value) throw new Error(`no code in ${callback.href}`);
  return value;
}

async function exchange(client: ClientFixture, value: string, extra: Record<string, string> = {}) {
  return token(
    {
      grant_type: 'authorization_code',
      code: value,
      redirect_uri: client.redirectUris[0]!,
      code_verifier: TEST_VERIFIER,
      ...extra,
    },
    client.clientSecret ? basic(client) : {},
  );
}

describe('request format', () => {
  it('accepts form-encoded bodies only', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: basic(service),
      payload: { grant_type: 'client_credentials' },
    });
    expectOAuthError(res, 400, 'invalid_request');
    expect(res.json().error_description).toMatch(/x-www-form-urlencoded/);
  });

  it('forbids caching of answers and errors (RFC 6749 §5.1)', async () => {
    const ok = await token({ grant_type: 'client_credentials' }, basic(service));
    expect(ok.statusCode).toBe(200);
    const failed = await token({ grant_type: 'client_credentials' }, basic(service, 'pcs_wrong'));
    for (const res of [ok, failed]) {
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.pragma).toBe('no-cache');
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    }
  });

  it('lets browser-based clients on other origins call it (CORS without credentials)', async () => {
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/oauth/token',
      headers: { origin: 'https://spa.example.com', 'access-control-request-method': 'POST' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-headers']).toBe('authorization, content-type');
    const res = await token({ grant_type: 'client_credentials' }, basic(service));
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('requires grant_type', async () => {
    expectOAuthError(await token({}, basic(service)), 400, 'invalid_request');
  });

  it.each(['password', 'implicit', 'urn:ietf:params:oauth:grant-type:device_code', 'token'])(
    'refuses grant_type=%s as unsupported_grant_type',
    async (grantType) => {
      const res = await token({ grant_type: grantType, username: 'a', password: 'b' }, basic(web));
      expectOAuthError(res, 400, 'unsupported_grant_type');
    },
  );

  it('refuses repeated parameters', async () => {
    const res = await token(
      { grant_type: 'client_credentials', scope: ['pay:read', 'pay:write'] },
      basic(service),
    );
    expectOAuthError(res, 400, 'invalid_request');
    expect(res.json().error_description).toMatch(/'scope' parameter must not be repeated/);
  });

  it('keeps error_description within the characters RFC 6749 §5.2 allows, even when echoing input', async () => {
    const res = await token({ grant_type: 'pass"wo\\rd\nü' }, basic(service));
    expectOAuthError(res, 400, 'unsupported_grant_type');
    expect(res.json().error_description).toMatch(/^[\x20-\x21\x23-\x5B\x5D-\x7E]+$/);
    const repeated = await token({ grant_type: 'client_credentials', scope: ['a', 'b'] }, basic(service));
    expect(repeated.json().error_description).toMatch(/^[\x20-\x21\x23-\x5B\x5D-\x7E]+$/);
  });
});

describe('client authentication', () => {
  it('answers a bad Basic secret with 401 invalid_client and a Basic challenge', async () => {
    const res = await token({ grant_type: 'client_credentials' }, basic(service, 'pcs_not-the-secret'));
    expectOAuthError(res, 401, 'invalid_client');
    expect(res.headers['www-authenticate']).toMatch(/^Basic realm="portico"/);
  });

  it('answers a bad client_secret_post with 401 invalid_client', async () => {
    const res = await token({
      grant_type: 'client_credentials',
      client_id: service.clientId,
      client_secret: 'pcs_x',
    });
    expectOAuthError(res, 401, 'invalid_client');
    expect(res.headers['www-authenticate']).toBeUndefined();
  });

  it('answers an unknown client like a wrong secret', async () => {
    const res = await token(
      { grant_type: 'client_credentials' },
      { authorization: basicAuth('pc_nobody', 'pcs_x') },
    );
    expectOAuthError(res, 401, 'invalid_client');
    expect(res.json().error_description).toBe('Client authentication failed.');
  });

  it('form-url-decodes the Basic credentials (RFC 6749 §2.3.1)', async () => {
    const encodedId = [...service.clientId]
      .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
      .join('');
    const header = `Basic ${Buffer.from(`${encodedId}:${service.clientSecret}`).toString('base64')}`;
    const res = await token({ grant_type: 'client_credentials' }, { authorization: header });
    expect(res.statusCode).toBe(200);
  });

  it('refuses two authentication methods in one request', async () => {
    const res = await token(
      { grant_type: 'client_credentials', client_id: service.clientId, client_secret: service.clientSecret! },
      basic(service),
    );
    expectOAuthError(res, 400, 'invalid_request');
  });

  it('lets only public clients go without a secret', async () => {
    const confidential = await token({ grant_type: 'client_credentials', client_id: service.clientId });
    expectOAuthError(confidential, 401, 'invalid_client');
    const publicWithSecret = await token({ grant_type: 'client_credentials' }, basic(spa, 'pcs_guess'));
    expectOAuthError(publicWithSecret, 401, 'invalid_client');
  });

  it('accepts both secrets during a rotation grace period, and neither once expired or revoked', async () => {
    const client = await createClient(app, { appType: 'service', entries: [entry] });
    const old = client.clientSecret!;
    const rotated = app.services.clients.rotateSecret({ id: client.ownerId }, client.id, '1h');
    const fresh = rotated.clientSecret;
    for (const secret of [old, fresh]) {
      expect((await token({ grant_type: 'client_credentials' }, basic(client, secret))).statusCode).toBe(200);
    }
    const oldRow = app.repos.clientSecrets
      .listForClient(client.id)
      .find((row) => row.id !== rotated.secret.id)!;
    app.repos.clientSecrets.setExpiry(oldRow.id, new Date(Date.now() - 1000));
    expectOAuthError(
      await token({ grant_type: 'client_credentials' }, basic(client, old)),
      401,
      'invalid_client',
    );
    app.repos.clientSecrets.setExpiry(oldRow.id, new Date(Date.now() + 60_000));
    app.repos.clientSecrets.revoke(oldRow.id, new Date());
    expectOAuthError(
      await token({ grant_type: 'client_credentials' }, basic(client, old)),
      401,
      'invalid_client',
    );
    expect((await token({ grant_type: 'client_credentials' }, basic(client, fresh))).statusCode).toBe(200);
  });
});

describe('brute-force limits', () => {
  let limited: TestApp;
  let a: ClientFixture;
  let b: ClientFixture;

  beforeAll(async () => {
    limited = await buildTestApp({
      env: { PORTICO_OAUTH_CLIENT_AUTH_FAILURES: '3', PORTICO_OAUTH_ADDRESS_AUTH_FAILURES: '5' },
    });
    const shared = createEntry(limited);
    a = await createClient(limited, { appType: 'service', entries: [shared] });
    b = await createClient(limited, { appType: 'service', entries: [shared] });
  });

  afterAll(async () => {
    await limited.close();
  });

  const attempt = (client: ClientFixture, secret: string, remoteAddress: string) =>
    limited.inject({
      method: 'POST',
      url: '/oauth/token',
      remoteAddress,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...basic(client, secret) },
      payload: 'grant_type=client_credentials',
    });

  it('answers wrong secrets 429 once a client is over its failure limit, and says when to retry', async () => {
    for (let i = 0; i < 3; i++)
      expect((await attempt(a, 'pcs_wrong', `10.0.0.${i + 1}`)).statusCode).toBe(401);
    const blocked = await attempt(a, 'pcs_wrong', '10.0.1.1');
    expectOAuthError(blocked, 429, 'rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // client_ids are public: strangers' wrong secrets must not cut the real client off, from any
    // address (a new one after a failover or a restart included).
    expect((await attempt(a, a.clientSecret!, '10.0.1.2')).statusCode).toBe(200);
  });

  it('blocks an address after repeated failures across clients', async () => {
    for (let i = 0; i < 5; i++) {
      const target = i % 2 === 0 ? b : { ...b, clientId: `pc_guess${i}` };
      expect((await attempt(target, 'pcs_wrong', '10.9.9.9')).statusCode).toBe(401);
    }
    // The address is blocked, the right secret or not.
    expectOAuthError(await attempt(b, b.clientSecret!, '10.9.9.9'), 429, 'rate_limited');
    // Three of those failures named b: over its per-client limit, b's wrong secrets get 429 anywhere.
    expect((await attempt(b, 'pcs_wrong', '10.8.8.8')).statusCode).toBe(429);
    expect((await attempt(b, b.clientSecret!, '10.8.8.8')).statusCode).toBe(200);
  });

  it('still counts the wrong secrets of a client over its limit against their address', async () => {
    const c = await createClient(limited, { appType: 'service', entries: [createEntry(limited)] });
    for (let i = 0; i < 3; i++)
      expect((await attempt(c, 'pcs_wrong', `10.6.0.${i + 1}`)).statusCode).toBe(401);
    // Guessing goes on from one address: five failures there block the address, the right secret too.
    for (let i = 0; i < 5; i++)
      expectOAuthError(await attempt(c, 'pcs_wrong', '10.6.1.1'), 429, 'rate_limited');
    expectOAuthError(await attempt(c, c.clientSecret!, '10.6.1.1'), 429, 'rate_limited');
    expect((await attempt(c, c.clientSecret!, '10.6.1.2')).statusCode).toBe(200);
  });

  it('does not lock out public clients, which have no secret to guess', async () => {
    const spa = await createClient(limited, {
      appType: 'spa_native',
      entries: [createEntry(limited)],
      redirectUris: ['http://127.0.0.1/cb'],
    });
    for (let i = 0; i < 3; i++)
      expect((await attempt(spa, 'pcs_guess', `10.4.0.${i + 1}`)).statusCode).toBe(401);
    const res = await limited.inject({
      method: 'POST',
      url: '/oauth/token',
      remoteAddress: '10.4.1.1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `grant_type=refresh_token&refresh_token=prt_unknown&client_id=${spa.clientId}`,
    });
    expectOAuthError(res, 400, 'invalid_grant');
  });

  it('counts an IPv6 caller by its /64, not by each of its addresses', async () => {
    const d = await createClient(limited, { appType: 'service', entries: [createEntry(limited)] });
    for (let i = 1; i <= 5; i++) {
      const stranger = { ...d, clientId: `pc_v6guess${i}` };
      expect((await attempt(stranger, 'pcs_wrong', `2001:db8:1:1::${i}`)).statusCode).toBe(401);
    }
    expectOAuthError(await attempt(d, d.clientSecret!, '2001:db8:1:1::99'), 429, 'rate_limited');
    expect((await attempt(d, d.clientSecret!, '2001:db8:1:2::1')).statusCode).toBe(200);
  });

  it('does not count successful requests', async () => {
    const c = await createClient(limited, { appType: 'service', entries: [createEntry(limited)] });
    for (let i = 0; i < 10; i++) expect((await attempt(c, c.clientSecret!, '10.7.7.7')).statusCode).toBe(200);
  });
});

describe('client_credentials', () => {
  it('issues an RFC 9068 JWT, persisted by jti and audited', async () => {
    const res = await token({ grant_type: 'client_credentials', scope: 'pay:read' }, basic(service));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 1800, scope: 'pay:read' });
    expect(body.refresh_token).toBeUndefined();

    expect(decodeProtectedHeader(body.access_token)).toMatchObject({ typ: 'at+jwt', alg: 'ES256' });
    const claims = decodeJwt(body.access_token);
    expect(claims).toMatchObject({
      iss: app.config.issuer,
      sub: `client:${service.clientId}`,
      aud: [entry.audience],
      client_id: service.clientId,
      scope: 'pay:read',
    });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(1800);
    expect(claims.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const db = app.database.db;
    const row = db
      .select()
      .from(accessTokens)
      .where(eq(accessTokens.jti, String(claims.jti)))
      .get();
    expect(row).toMatchObject({ clientId: service.id, subject: `client:${service.clientId}`, userId: null });
    const audit = db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.targetId, String(claims.jti)))
      .all();
    expect(audit.map((event) => event.action)).toEqual(['oauth.token_issued']);
  });

  it('answers 503 with Retry-After, writing nothing, while another process holds the write lock', async () => {
    const sqlite = app.database.db.$client;
    const countTokens = () => app.database.db.$count(accessTokens);
    const before = await countTokens();
    const other = new Database(app.config.dbFile, { timeout: 0 });
    const transactions = vi.spyOn(app.repos.oauthGrants, 'transaction');
    sqlite.pragma('busy_timeout = 50');
    try {
      other.exec('begin immediate');
      const res = await token({ grant_type: 'client_credentials' }, basic(service));
      // Answered after one wait for the lock: not retried as a stale client, nor write by write.
      expect(transactions).toHaveBeenCalledTimes(1);
      transactions.mockRestore();
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.json()).toMatchObject({ error: 'server_error' });
      other.exec('rollback');
      expect(await countTokens()).toBe(before);
      expect((await token({ grant_type: 'client_credentials' }, basic(service))).statusCode).toBe(200);
    } finally {
      other.close();
      sqlite.pragma('busy_timeout = 5000');
    }
  });

  it('grants every allowed scope when none is asked for, never a scope the policy withholds', async () => {
    const res = await token({ grant_type: 'client_credentials' }, basic(service));
    expect(res.json().scope).toBe('pay:read pay:write');
    expectOAuthError(
      await token({ grant_type: 'client_credentials', scope: 'pay:admin' }, basic(service)),
      400,
      'invalid_scope',
    );
    expectOAuthError(
      await token({ grant_type: 'client_credentials', scope: 'pay:read unknown' }, basic(service)),
      400,
      'invalid_scope',
    );
  });

  it('gives no scope at all, not an empty one, for an API that defines none (RFC 6749 §3.3)', async () => {
    const bare = await createClient(app, { appType: 'service', entries: [createEntry(app, { scopes: [] })] });
    const res = await token({ grant_type: 'client_credentials' }, basic(bare));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).not.toHaveProperty('scope');
    expect(decodeJwt(res.json().access_token)).not.toHaveProperty('scope');
    const introspected = await postForm(
      app,
      '/oauth/introspect',
      { token: res.json().access_token },
      basic(bare),
    );
    expect(introspected.json()).toMatchObject({ active: true, token_type: 'Bearer' });
    expect(introspected.json()).not.toHaveProperty('scope');
  });

  it('is refused to public clients and to clients whose type has no client_credentials', async () => {
    expectOAuthError(
      await token({ grant_type: 'client_credentials', client_id: spa.clientId }),
      400,
      'unauthorized_client',
    );
    expectOAuthError(
      await token({ grant_type: 'client_credentials' }, basic(web)),
      400,
      'unauthorized_client',
    );
  });
});

describe('client and developer status', () => {
  it.each(['draft', 'pending', 'rejected'] as const)('refuses a %s client', async (status) => {
    const client = await createClient(app, { appType: 'service', entries: [entry] });
    app.repos.clients.update(client.id, { status });
    const res = await token({ grant_type: 'client_credentials' }, basic(client));
    expectOAuthError(res, 400, 'unauthorized_client');
  });

  it('refuses a deleted client as unknown', async () => {
    const client = await createClient(app, { appType: 'service', entries: [entry] });
    app.repos.clients.softDelete(client.id, new Date());
    expectOAuthError(await token({ grant_type: 'client_credentials' }, basic(client)), 401, 'invalid_client');
  });

  it("refuses a client whose developer's account is deactivated", async () => {
    const client = await createClient(app, { appType: 'service', entries: [entry] });
    app.repos.users.setStatus(client.ownerId, 'inactive');
    const res = await token({ grant_type: 'client_credentials' }, basic(client));
    expectOAuthError(res, 400, 'unauthorized_client');
    expect(res.json().error_description).toMatch(/deactivated/);
  });
});

describe('authorization_code', () => {
  it('exchanges a code for an access and a refresh token; the code is stored hashed', async () => {
    const value = await code(web, { scope: 'pay:read' });
    const db = app.database.db;
    expect(
      db
        .select()
        .from(authorizationCodes)
        .where(eq(authorizationCodes.hash, sha256(value)))
        .get(),
    ).toBeDefined();
    expect(
      db.select().from(authorizationCodes).where(eq(authorizationCodes.hash, value)).get(),
    ).toBeUndefined();

    const res = await exchange(web, value);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ token_type: 'Bearer', scope: 'pay:read' });
    expect(body.refresh_token).toMatch(/^prt_[A-Za-z0-9_-]{43}$/);
    expect(decodeJwt(body.access_token)).toMatchObject({ sub: user.user.id, client_id: web.clientId });
    const refresh = db
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.hash, sha256(body.refresh_token)))
      .get();
    expect(refresh).toBeDefined();
    expect(
      db.select().from(refreshTokens).where(eq(refreshTokens.hash, body.refresh_token)).get(),
    ).toBeUndefined();
    // 30 days: the API's refresh token lifetime.
    expect(refresh!.expiresAt.getTime() - refresh!.createdAt.getTime()).toBe(2_592_000_000);
  });

  it('is single use: a replay is refused and revokes every token issued from the code', async () => {
    const value = await code(web);
    const first = (await exchange(web, value)).json();
    expectOAuthError(await exchange(web, value), 400, 'invalid_grant');

    const jti = String(decodeJwt(first.access_token).jti);
    expect(
      app.database.db.select().from(accessTokens).where(eq(accessTokens.jti, jti)).get()?.revokedAt,
    ).toBeInstanceOf(Date);
    expectOAuthError(
      await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token }, basic(web)),
      400,
      'invalid_grant',
    );
    const grantId = app.database.db
      .select()
      .from(accessTokens)
      .where(eq(accessTokens.jti, jti))
      .get()?.grantId;
    const audit = app.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.targetId, String(grantId)))
      .all();
    expect(audit.map((event) => event.action)).toContain('oauth.code_replayed');
  });

  it('is redeemed atomically, and a concurrent replay leaves no working token behind', async () => {
    // The replay arrives while the first exchange is still signing: what that exchange would write
    // must not outlive the grant the replay revoked (RFC 6749 §4.1.2), so at most one gets tokens,
    // and those are revoked.
    const value = await code(web);
    const results = await Promise.all([exchange(web, value), exchange(web, value)]);
    expect(results.filter((r) => r.statusCode === 200).length).toBeLessThanOrEqual(1);
    const won = results.find((r) => r.statusCode === 200);
    if (won) {
      const body = won.json();
      const jti = String(decodeJwt(body.access_token).jti);
      expect(
        app.database.db.select().from(accessTokens).where(eq(accessTokens.jti, jti)).get()?.revokedAt,
      ).toBeInstanceOf(Date);
      expectOAuthError(
        await token({ grant_type: 'refresh_token', refresh_token: body.refresh_token }, basic(web)),
        400,
        'invalid_grant',
      );
    }
    expect(results.some((r) => r.statusCode === 400)).toBe(true);
  });

  it('stays usable when the database was locked, and is spent by a refused attempt', async () => {
    const sqlite = app.database.db.$client;
    const other = new Database(app.config.dbFile, { timeout: 0 });
    const value = await code(web);
    // Another process takes the write lock while the token is being signed: after every check, just
    // before the transaction that writes the tokens (and spends the code).
    const signer = app.services.oauthKeys.signer();
    const sign = signer.sign.bind(signer);
    const spy = vi.spyOn(signer, 'sign').mockImplementationOnce(async (claims) => {
      other.exec('begin immediate');
      return sign(claims);
    });
    sqlite.pragma('busy_timeout = 50');
    try {
      const locked = await exchange(web, value);
      expect(locked.statusCode).toBe(503);
      expect(locked.headers['retry-after']).toBe('1');
    } finally {
      spy.mockRestore();
      if (other.inTransaction) other.exec('rollback');
      other.close();
      sqlite.pragma('busy_timeout = 5000');
    }
    // Nothing was written, the code included: the retry the 503 asked for works.
    expect((await exchange(web, value)).statusCode).toBe(200);

    // A refused exchange (here a wrong verifier) spends the code: presenting it again is a replay.
    const refused = await code(web);
    expectOAuthError(
      await exchange(web, refused, { code_verifier: `${TEST_VERIFIER}x` }),
      400,
      'invalid_grant',
    );
    const again = await exchange(web, refused);
    expectOAuthError(again, 400, 'invalid_grant');
    expect(again.json().error_description).toMatch(/already used/);
  });

  it('expires after 60 seconds', async () => {
    const value = await code(web);
    const row = app.database.db
      .select()
      .from(authorizationCodes)
      .where(eq(authorizationCodes.hash, sha256(value)))
      .get()!;
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(60_000);
    app.database.db
      .update(authorizationCodes)
      .set({ expiresAt: new Date(Date.now() - 1) })
      .where(eq(authorizationCodes.hash, row.hash))
      .run();
    const res = await exchange(web, value);
    expectOAuthError(res, 400, 'invalid_grant');
    expect(res.json().error_description).toMatch(/expired/);
  });

  it('requires redirect_uri, identical to the authorization request', async () => {
    const missing = await token(
      { grant_type: 'authorization_code', code: await code(web), code_verifier: TEST_VERIFIER },
      basic(web),
    );
    expectOAuthError(missing, 400, 'invalid_request');
    const different = await exchange(web, await code(web), {
      redirect_uri: 'https://app.example.com/callback/',
    });
    expectOAuthError(different, 400, 'invalid_grant');
  });

  it('requires the exact loopback URI (with its port) the authorization request used', async () => {
    const used = 'http://127.0.0.1:55123/cb';
    const loopbackCode = async () =>
      (
        await authorizeWithConsent(app, user, {
          client_id: spa.clientId,
          redirect_uri: used,
          code_challenge: TEST_CHALLENGE,
          code_challenge_method: 'S256',
        })
      ).searchParams.get('code')!;
    // The registered (port-less) URI and another port both match at /authorize, but not here.
    for (const redirectUri of ['http://127.0.0.1/cb', 'http://127.0.0.1:55124/cb']) {
      const res = await exchange(spa, await loopbackCode(), {
        client_id: spa.clientId,
        redirect_uri: redirectUri,
      });
      expectOAuthError(res, 400, 'invalid_grant');
    }
    const ok = await exchange(spa, await loopbackCode(), { client_id: spa.clientId, redirect_uri: used });
    expect(ok.statusCode).toBe(200);
  });

  it('answers another client as for an unknown code, leaving the code and its tokens alone', async () => {
    const other = await createClient(app, { appType: 'web', entries: [entry] });
    const replays = () =>
      app.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'oauth.code_replayed')).all()
        .length;
    const before = replays();

    // An unused code: refused, and still good for its own client.
    const unused = await code(web);
    const refused = await exchange(other, unused);
    expectOAuthError(refused, 400, 'invalid_grant');
    expect(refused.json().error_description).toBe('The authorization code is invalid.');
    const issued = await exchange(web, unused);
    expect(issued.statusCode).toBe(200);

    // The same code, now used: still "invalid" to the other client, and no replay response.
    const again = await exchange(other, unused);
    expect(again.json()).toMatchObject({
      error: 'invalid_grant',
      error_description: 'The authorization code is invalid.',
    });
    expect(replays()).toBe(before);
    const { access_token, refresh_token } = issued.json() as { access_token: string; refresh_token: string };
    const introspection = await postForm(app, '/oauth/introspect', { token: access_token }, basic(web));
    expect(introspection.json()).toMatchObject({ active: true });
    expect((await token({ grant_type: 'refresh_token', refresh_token }, basic(web))).statusCode).toBe(200);
  });

  it('refuses an unknown code', async () => {
    expectOAuthError(await exchange(web, 'pac_not-a-real-code'), 400, 'invalid_grant');
  });

  describe('PKCE (S256, with downgrade protection both ways)', () => {
    it('requires the verifier when the code has a challenge', async () => {
      const res = await token(
        { grant_type: 'authorization_code', code: await code(web), redirect_uri: REDIRECT },
        basic(web),
      );
      expectOAuthError(res, 400, 'invalid_grant');
      expect(res.json().error_description).toMatch(/code_verifier is required/);
    });

    it('refuses a wrong verifier', async () => {
      const res = await exchange(web, await code(web), { code_verifier: `${TEST_VERIFIER}x` });
      expectOAuthError(res, 400, 'invalid_grant');
    });

    it('refuses verifiers outside 43–128 unreserved characters', async () => {
      for (const verifier of ['a'.repeat(42), 'a'.repeat(129), `${'a'.repeat(43)}+`]) {
        expectOAuthError(
          await exchange(web, await code(web), { code_verifier: verifier }),
          400,
          'invalid_grant',
        );
      }
    });

    it('refuses a verifier for a code issued without a challenge', async () => {
      const res = await exchange(web, await code(web, { pkce: false }));
      expectOAuthError(res, 400, 'invalid_grant');
      expect(res.json().error_description).toMatch(/had no code_challenge/);
    });

    it('lets a confidential client go without PKCE entirely', async () => {
      const res = await token(
        { grant_type: 'authorization_code', code: await code(web, { pkce: false }), redirect_uri: REDIRECT },
        basic(web),
      );
      expect(res.statusCode).toBe(200);
    });

    it('works for a public client authenticated by client_id only', async () => {
      const res = await exchange(spa, await code(spa), { client_id: spa.clientId });
      expect(res.statusCode).toBe(200);
    });
  });

  it('refuses the exchange once the client is no longer active', async () => {
    const client = await createClient(app, { appType: 'web', entries: [entry] });
    const value = await code(client);
    app.repos.clients.update(client.id, { status: 'rejected' });
    expectOAuthError(await exchange(client, value), 400, 'unauthorized_client');
  });

  it('refuses the exchange once the user is deactivated', async () => {
    const created = await createUser(app);
    const session = await login(app, created.email);
    const value = await code(web, { session });
    app.repos.users.setStatus(created.id, 'inactive');
    expectOAuthError(await exchange(web, value), 400, 'invalid_grant');
  });
});

describe('refresh_token', () => {
  async function tokens(scope?: string) {
    return (await exchange(web, await code(web, { scope }))).json() as {
      access_token: string;
      refresh_token: string;
    };
  }

  const refresh = (refreshToken: string, extra: Record<string, string> = {}, client = web) =>
    token({ grant_type: 'refresh_token', refresh_token: refreshToken, ...extra }, basic(client));

  it('rotates the refresh token on every use', async () => {
    const first = await tokens();
    const second = (await refresh(first.refresh_token)).json();
    expect(second.refresh_token).toMatch(/^prt_/);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await refresh(second.refresh_token)).statusCode).toBe(200);
  });

  it('no longer counts a rotated refresh token as active', async () => {
    const client = await createClient(app, { appType: 'web', entries: [entry] });
    const first = (await exchange(client, await code(client))).json();
    expect((await refresh(first.refresh_token, {}, client)).statusCode).toBe(200);
    expect(app.repos.tokens.countActiveForClient(client.id, new Date())).toEqual({
      accessTokens: 2,
      refreshTokens: 1,
    });
  });

  it('a refresh that loses to a revocation is refused as revoked, not taken for reuse', async () => {
    const { refresh_token } = await tokens();
    const reused = () =>
      app.database.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, 'oauth.refresh_token_reused'))
        .all().length;
    const before = reused();
    // The refresh runs until it waits for its signature; the app signs out (RFC 7009) meanwhile.
    const inflight = app.services.oauth.token(
      { grant_type: 'refresh_token', refresh_token },
      basic(web).authorization,
      '10.0.0.1',
    );
    app.services.oauth.revoke({ token: refresh_token }, basic(web).authorization, '10.0.0.1');
    await expect(inflight).rejects.toMatchObject({
      code: 'invalid_grant',
      description: 'The refresh token was revoked.',
    });
    expect(reused()).toBe(before);
  });

  it('revokes the whole grant when an old refresh token is used again (RFC 9700 §4.14.2)', async () => {
    const first = await tokens();
    const second = (await refresh(first.refresh_token)).json();
    const reuse = await refresh(first.refresh_token);
    expectOAuthError(reuse, 400, 'invalid_grant');
    expect(reuse.json().error_description).toMatch(/whole authorization has been revoked/);
    // The legitimate (newer) refresh token and the access tokens died with the grant.
    expectOAuthError(await refresh(second.refresh_token), 400, 'invalid_grant');
    for (const accessToken of [first.access_token, second.access_token]) {
      const jti = String(decodeJwt(accessToken).jti);
      expect(
        app.database.db.select().from(accessTokens).where(eq(accessTokens.jti, jti)).get()?.revokedAt,
      ).not.toBeNull();
    }
    const audit = app.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'oauth.refresh_token_reused'))
      .all();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('can keep or narrow the scope, never widen it', async () => {
    const first = await tokens('pay:read');
    const kept = (await refresh(first.refresh_token)).json();
    expect(kept.scope).toBe('pay:read');
    // pay:write is allowed to the client, but was not granted by the user.
    expectOAuthError(
      await refresh(kept.refresh_token, { scope: 'pay:read pay:write' }),
      400,
      'invalid_scope',
    );

    const wide = await tokens('pay:read pay:write');
    const narrowed = (await refresh(wide.refresh_token, { scope: 'pay:write' })).json();
    expect(narrowed.scope).toBe('pay:write');
    // The refresh token keeps the grant's scope (RFC 6749 §6): a later refresh may ask for both again.
    expect((await refresh(narrowed.refresh_token, { scope: 'pay:read pay:write' })).json().scope).toBe(
      'pay:read pay:write',
    );
  });

  it('follows a narrowed policy', async () => {
    const narrowEntry = createEntry(app, {
      scopes: [
        { name: 'n:read', description: 'r' },
        { name: 'n:write', description: 'w' },
      ],
    });
    const client = await createClient(app, { appType: 'web', entries: [narrowEntry] });
    const first = (await exchange(client, await code(client))).json();
    expect(first.scope).toBe('n:read n:write');
    setAllowedScopes(app, narrowEntry, ['n:read']);
    const res = await refresh(first.refresh_token, {}, client);
    expect(res.json().scope).toBe('n:read');
  });

  describe('over APIs whose refresh token settings differ', () => {
    /** A web client subscribed to two fresh APIs, A (`a:read`) and B (`b:read`). */
    async function twoApis() {
      const a = createEntry(app, { scopes: [{ name: 'a:read', description: 'Read A' }] });
      const b = createEntry(app, { scopes: [{ name: 'b:read', description: 'Read B' }] });
      const client = await createClient(app, { appType: 'web', entries: [a, b] });
      const first = (await exchange(client, await code(client))).json();
      expect(decodeJwt(first.access_token).aud).toEqual([a.audience, b.audience]);
      expect(first.refresh_token).toMatch(/^prt_/);
      return { a, b, client, first };
    }

    const setApi = (api: EntryFixture, values: Partial<typeof apis.$inferInsert>) =>
      app.database.db.update(apis).set(values).where(eq(apis.id, api.apiId)).run();
    const withdrawRefresh = (api: EntryFixture) =>
      setApi(api, { grantTypes: ['authorization_code', 'client_credentials'] });
    const storedRefreshToken = (value: string) =>
      app.database.db
        .select()
        .from(refreshTokens)
        .where(eq(refreshTokens.hash, sha256(value)))
        .get()!;

    it('leaves out an API that withdrew refresh_token, and ends the refresh chain of a grant that has it', async () => {
      const { a, b, client, first } = await twoApis();
      withdrawRefresh(a);
      const res = await refresh(first.refresh_token, {}, client);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(decodeJwt(body.access_token).aud).toEqual([b.audience]);
      expect(body.scope).toBe('b:read');
      // RFC 6749 §6: a new refresh token would have to keep a:read, which A no longer allows to be
      // refreshed: none is issued, and the presented one is spent (the user authorizes again).
      expect(body.refresh_token).toBeUndefined();
      expect(storedRefreshToken(first.refresh_token).rotatedAt).not.toBeNull();
      expect(app.repos.tokens.countActiveForClient(client.id, new Date()).refreshTokens).toBe(0);
    });

    it('refuses the refresh as invalid_grant when no API of the grant allows refresh_token any more', async () => {
      const only = createEntry(app, { scopes: [{ name: 'o:read', description: 'Read' }] });
      const client = await createClient(app, { appType: 'web', entries: [only] });
      const first = (await exchange(client, await code(client))).json();
      withdrawRefresh(only);
      const res = await refresh(first.refresh_token, {}, client);
      expectOAuthError(res, 400, 'invalid_grant');
      expect(res.json().error_description).toMatch(/no longer allow refresh tokens/);
      // Nothing was spent: once the API allows refresh tokens again, the token works.
      setApi(only, { grantTypes: ['authorization_code', 'client_credentials', 'refresh_token'] });
      expect((await refresh(first.refresh_token, {}, client)).statusCode).toBe(200);
    });

    it('cannot keep a withdrawn API alive by narrowing to another API and widening again', async () => {
      const { a, b, client, first } = await twoApis();
      withdrawRefresh(a);
      const narrowed = await refresh(first.refresh_token, { scope: 'b:read' }, client);
      expect(narrowed.statusCode).toBe(200);
      expect(decodeJwt(narrowed.json().access_token).aud).toEqual([b.audience]);
      // No refresh token carrying a:read comes out of it (before, one did, and a refresh without
      // `scope` brought A back), so no later refresh can widen back to A.
      expect(narrowed.json().refresh_token).toBeUndefined();
      const live = app.database.db
        .select()
        .from(refreshTokens)
        .where(eq(refreshTokens.clientId, client.id))
        .all()
        .filter((row) => row.rotatedAt === null && row.revokedAt === null);
      expect(live).toEqual([]);
    });

    it('keeps rotating a grant that never reached the API that withdrew refresh_token', async () => {
      const a = createEntry(app, { scopes: [{ name: 'a:read', description: 'Read A' }] });
      const b = createEntry(app, { scopes: [{ name: 'b:read', description: 'Read B' }] });
      const client = await createClient(app, { appType: 'web', entries: [a, b] });
      const first = (await exchange(client, await code(client, { scope: 'b:read' }))).json();
      withdrawRefresh(a);
      const second = (await refresh(first.refresh_token, {}, client)).json();
      expect(decodeJwt(second.access_token).aud).toEqual([b.audience]);
      expect(second.refresh_token).toMatch(/^prt_/);
    });

    it("gives a narrowing refresh's new refresh token the shortest lifetime of the grant's APIs", async () => {
      const { a, b, client } = await twoApis();
      setApi(a, { refreshTokenTtl: 3600 });
      setApi(b, { refreshTokenTtl: 30 * 86_400 });
      const first = (await exchange(client, await code(client))).json();
      const issued = storedRefreshToken(first.refresh_token);
      expect(issued.expiresAt.getTime() - issued.createdAt.getTime()).toBe(3600 * 1000);

      const narrowed = (await refresh(first.refresh_token, { scope: 'b:read' }, client)).json();
      expect(decodeJwt(narrowed.access_token).aud).toEqual([b.audience]);
      const rotated = storedRefreshToken(narrowed.refresh_token);
      // It still holds A's scope (RFC 6749 §6), so A's hour applies, not B's 30 days.
      expect(rotated.scopes).toEqual(['a:read', 'b:read']);
      expect(rotated.expiresAt.getTime() - rotated.createdAt.getTime()).toBe(3600 * 1000);
    });
  });

  describe('when an API of the grant comes to define a scope the user authorized on another API', () => {
    /** A web client on A (`a:read`) and B (`b:write`), authorized for both; then A defines `b:write` too. */
    async function widened() {
      const a = createEntry(app, { scopes: [{ name: 'a:read', description: 'Read A' }] });
      const b = createEntry(app, { scopes: [{ name: 'b:write', description: 'Write B' }] });
      const client = await createClient(app, { appType: 'web', entries: [a, b] });
      const authorized = await code(client);
      const defineOnA = () =>
        app.database.db
          .update(apis)
          .set({
            scopes: [
              { name: 'a:read', description: 'Read A' },
              { name: 'b:write', description: 'Write A' },
            ],
          })
          .where(eq(apis.id, a.apiId))
          .run();
      return { a, b, client, authorized, defineOnA };
    }

    it('refuses a refresh that would carry the scope onto that API, and lets the client narrow', async () => {
      const { a, client, authorized, defineOnA } = await widened();
      const first = (await exchange(client, authorized)).json();
      expect(first.scope).toBe('a:read b:write');
      defineOnA();
      // One token holding b:write with A in its audience would hold b:write on A: never consented.
      const res = await refresh(first.refresh_token, {}, client);
      expectOAuthError(res, 400, 'invalid_scope');
      expect(res.json().error_description).toMatch(/did not authorize 'b:write' on /);
      expectOAuthError(
        await refresh(first.refresh_token, { scope: 'b:write' }, client),
        400,
        'invalid_scope',
      );
      // Nothing was spent: a narrower scope that stays within what was authorized still works.
      const narrowed = await refresh(first.refresh_token, { scope: 'a:read' }, client);
      expect(narrowed.statusCode).toBe(200);
      expect(decodeJwt(narrowed.json().access_token)).toMatchObject({ aud: [a.audience], scope: 'a:read' });
    });

    it('refuses the code exchange when the API defined it after the user decided', async () => {
      const { client, authorized, defineOnA } = await widened();
      defineOnA();
      expectOAuthError(await exchange(client, authorized), 400, 'invalid_scope');
    });
  });

  it("refuses another client's refresh token", async () => {
    const other = await createClient(app, { appType: 'web', entries: [entry] });
    expectOAuthError(await refresh((await tokens()).refresh_token, {}, other), 400, 'invalid_grant');
  });

  it('refuses an expired refresh token', async () => {
    const first = await tokens();
    app.database.db
      .update(refreshTokens)
      .set({ expiresAt: new Date(Date.now() - 1) })
      .where(eq(refreshTokens.hash, sha256(first.refresh_token)))
      .run();
    expectOAuthError(await refresh(first.refresh_token), 400, 'invalid_grant');
  });

  it('stops working when the user who authorized is deactivated', async () => {
    const created = await createUser(app);
    const session = await login(app, created.email);
    const first = (await exchange(web, await code(web, { session }))).json();
    app.repos.users.setStatus(created.id, 'inactive');
    const res = await refresh(first.refresh_token);
    expectOAuthError(res, 400, 'invalid_grant');
    expect(res.json().error_description).toMatch(/deactivated/);
  });

  it.each(['pending', 'rejected', 'draft'] as const)(
    'stops working when the client becomes %s',
    async (status) => {
      const client = await createClient(app, { appType: 'web', entries: [entry] });
      const first = (await exchange(client, await code(client))).json();
      app.repos.clients.update(client.id, { status });
      expectOAuthError(await refresh(first.refresh_token, {}, client), 400, 'unauthorized_client');
    },
  );

  it("stops working when the client's developer is deactivated", async () => {
    const client = await createClient(app, { appType: 'web', entries: [entry] });
    const first = (await exchange(client, await code(client))).json();
    app.repos.users.setStatus(client.ownerId, 'inactive');
    const res = await refresh(first.refresh_token, {}, client);
    expectOAuthError(res, 400, 'unauthorized_client');
    expect(res.json().error_description).toMatch(/deactivated/);
  });

  it('stops working when the client is deleted', async () => {
    const client = await createClient(app, { appType: 'web', entries: [entry] });
    const first = (await exchange(client, await code(client))).json();
    app.services.clients.delete(
      { id: client.ownerId },
      client.id,
      app.repos.clients.findById(client.id)!.name,
    );
    expectOAuthError(await refresh(first.refresh_token, {}, client), 401, 'invalid_client');
  });
});

describe('resource indicators (RFC 8707)', () => {
  /** A web and a service client on two fresh APIs, A (`ra:read`) and B (`rb:read`). */
  async function twoApis() {
    const a = createEntry(app, { scopes: [{ name: 'ra:read', description: 'Read A' }] });
    const b = createEntry(app, { scopes: [{ name: 'rb:read', description: 'Read B' }] });
    const machine = await createClient(app, { appType: 'service', entries: [a, b] });
    const webApp = await createClient(app, { appType: 'web', entries: [a, b] });
    return { a, b, machine, webApp };
  }

  it('gives a token for the APIs named, with only their scopes', async () => {
    const { a, b, machine } = await twoApis();
    const one = await token({ grant_type: 'client_credentials', resource: a.audience }, basic(machine));
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json().scope).toBe('ra:read');
    expect(decodeJwt(one.json().access_token)).toMatchObject({ aud: [a.audience], scope: 'ra:read' });

    const both = await token(
      { grant_type: 'client_credentials', resource: [a.audience, b.audience] },
      basic(machine),
    );
    expect(decodeJwt(both.json().access_token).aud).toEqual([a.audience, b.audience]);
  });

  it.each([
    ['an API the client does not use', 'https://portico.example.com/gw/elsewhere'],
    ['a relative URI', '/gw/somewhere'],
    ['a URI with a fragment', 'https://portico.example.com/gw/x#frag'],
  ])('answers invalid_target for %s', async (_name, resource) => {
    const { machine } = await twoApis();
    const res = await token({ grant_type: 'client_credentials', resource }, basic(machine));
    expectOAuthError(res, 400, 'invalid_target');
  });

  it('refuses an exchange narrowed to one API when another API of the grant changed meanwhile', async () => {
    const { a, b, webApp } = await twoApis();
    const value = await code(webApp);
    const admin = await createUser(app, { role: 'admin' });
    // The exchange runs until it waits for its signature; an admin narrows B meanwhile. The refresh
    // token would keep B's old scope, so nothing is issued.
    const inflight = app.services.oauth.token(
      {
        grant_type: 'authorization_code',
        code: value,
        redirect_uri: webApp.redirectUris[0]!,
        code_verifier: TEST_VERIFIER,
        resource: a.audience,
      },
      basic(webApp).authorization,
      '10.0.0.1',
    );
    app.services.admin.apis.update({ id: admin.id }, b.apiId, { scopes: [] });
    await expect(inflight).rejects.toMatchObject({ code: 'invalid_grant' });
  });

  it('asks the user only about the APIs named at authorization, and narrows each access token on request', async () => {
    const { a, b, webApp } = await twoApis();
    const exchanged = await exchange(webApp, await code(webApp, { resource: [a.audience, b.audience] }), {
      resource: b.audience,
    });
    expect(exchanged.statusCode, exchanged.body).toBe(200);
    expect(decodeJwt(exchanged.json().access_token)).toMatchObject({ aud: [b.audience], scope: 'rb:read' });
    // The refresh token keeps the whole authorization: a refresh may name the other API.
    const refreshed = await token(
      { grant_type: 'refresh_token', refresh_token: exchanged.json().refresh_token, resource: a.audience },
      basic(webApp),
    );
    expect(decodeJwt(refreshed.json().access_token)).toMatchObject({ aud: [a.audience], scope: 'ra:read' });

    // An authorization for A alone cannot be exchanged for B.
    const wrong = await exchange(webApp, await code(webApp, { resource: a.audience }), {
      resource: b.audience,
    });
    expectOAuthError(wrong, 400, 'invalid_target');
  });
});
