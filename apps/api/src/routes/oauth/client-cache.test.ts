import Database from 'better-sqlite3';
import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  accessTokens,
  apis,
  clientSecrets,
  oauthClientSubscriptions,
  oauthClients,
  policies,
  users,
} from '../../db/schema.js';
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

/**
 * The token endpoint caches what it knows about a client (status, owner, secrets, entitlements) until
 * the database's authorization version changes. Each test warms the cache with a successful request,
 * changes one thing the way some code path (or another process) would, and expects the very next
 * request to see it: the cache must never make a revocation late.
 */

let app: TestApp;
let entry: EntryFixture;
let client: ClientFixture;
let secret: string;

const READ = 'orders:read';
const WRITE = 'orders:write';

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

beforeEach(async () => {
  entry = createEntry(app, {
    scopes: [
      { name: READ, description: 'Read orders' },
      { name: WRITE, description: 'Create orders' },
    ],
  });
  client = await createClient(app, { appType: 'service', entries: [entry] });
  secret = client.clientSecret!;
  // Warm the cache.
  expect((await requestToken()).statusCode).toBe(200);
});

function requestToken(withSecret = secret) {
  return postForm(
    app,
    '/oauth/token',
    { grant_type: 'client_credentials' },
    { authorization: basicAuth(client.clientId, withSecret) },
  );
}

async function expectRefused(status: number, error: string) {
  const res = await requestToken();
  expect({ status: res.statusCode, error: res.json().error }).toEqual({ status, error });
}

const db = () => app.database.db;

describe('the token endpoint sees on the next request', () => {
  it('a revoked secret', async () => {
    db()
      .update(clientSecrets)
      .set({ revokedAt: new Date() })
      .where(eq(clientSecrets.clientId, client.id))
      .run();
    await expectRefused(401, 'invalid_client');
  });

  it('a new secret from a rotation (it works at once)', async () => {
    const rotated = app.services.clientSecrets.rotate(client.id, 'immediately');
    const res = await requestToken(rotated.secret);
    expect(res.statusCode).toBe(200);
    await expectRefused(401, 'invalid_client');
  });

  it('a client no longer active, or deleted', async () => {
    db().update(oauthClients).set({ status: 'pending' }).where(eq(oauthClients.id, client.id)).run();
    await expectRefused(400, 'unauthorized_client');
    db()
      .update(oauthClients)
      .set({ status: 'active', deletedAt: new Date() })
      .where(eq(oauthClients.id, client.id))
      .run();
    await expectRefused(401, 'invalid_client');
  });

  it('a deactivated developer account', async () => {
    db().update(users).set({ status: 'inactive' }).where(eq(users.id, client.ownerId)).run();
    await expectRefused(400, 'unauthorized_client');
  });

  it('a narrowed access right, an inactive policy, a withdrawn subscription and an inactive API', async () => {
    setAllowedScopes(app, entry, [READ]);
    const narrowed = await requestToken();
    expect(narrowed.json().scope).toBe(READ);

    db().update(policies).set({ active: false }).where(eq(policies.id, entry.policyId)).run();
    expect((await requestToken()).statusCode).toBe(400);
    db().update(policies).set({ active: true }).where(eq(policies.id, entry.policyId)).run();
    expect((await requestToken()).statusCode).toBe(200);

    db()
      .update(oauthClientSubscriptions)
      .set({ status: 'pending' })
      .where(
        and(
          eq(oauthClientSubscriptions.clientId, client.id),
          eq(oauthClientSubscriptions.catalogueEntryId, entry.entryId),
        ),
      )
      .run();
    expect((await requestToken()).statusCode).toBe(400);
    db()
      .update(oauthClientSubscriptions)
      .set({ status: 'active' })
      .where(eq(oauthClientSubscriptions.clientId, client.id))
      .run();
    expect((await requestToken()).statusCode).toBe(200);

    db().update(apis).set({ active: false }).where(eq(apis.id, entry.apiId)).run();
    expect((await requestToken()).statusCode).toBe(400);
  });

  it('a change committed by another connection to the database (a CLI, a second instance)', async () => {
    const other = new Database(app.config.dbFile);
    try {
      other.prepare('update oauth_clients set deleted_at = ? where id = ?').run(Date.now(), client.id);
    } finally {
      other.close();
    }
    await expectRefused(401, 'invalid_client');
  });
});

it('does not drop the cache for bookkeeping writes such as a secret’s last use', () => {
  const before = app.repos.authzVersion.current();
  db()
    .update(clientSecrets)
    .set({ lastUsedAt: new Date() })
    .where(eq(clientSecrets.clientId, client.id))
    .run();
  db().update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, client.ownerId)).run();
  expect(app.repos.authzVersion.current()).toBe(before);
});

describe('a change while a token is being issued', () => {
  it('is seen before the token is written: the request starts over and is refused, nothing is kept', async () => {
    const signer = app.services.oauthKeys.signer();
    const sign = signer.sign.bind(signer);
    // The secret is revoked while the (already authenticated) request is signing its token.
    const spy = vi.spyOn(signer, 'sign').mockImplementationOnce(async (claims) => {
      db()
        .update(clientSecrets)
        .set({ revokedAt: new Date() })
        .where(eq(clientSecrets.clientId, client.id))
        .run();
      return sign(claims);
    });
    const before = await db().$count(accessTokens, eq(accessTokens.clientId, client.id));
    try {
      await expectRefused(401, 'invalid_client');
    } finally {
      spy.mockRestore();
    }
    expect(await db().$count(accessTokens, eq(accessTokens.clientId, client.id))).toBe(before);
  });

  it('that does not concern the client only costs a second attempt', async () => {
    const signer = app.services.oauthKeys.signer();
    const sign = signer.sign.bind(signer);
    const other = createEntry(app);
    const spy = vi.spyOn(signer, 'sign').mockImplementationOnce(async (claims) => {
      db().update(apis).set({ name: 'Renamed meanwhile' }).where(eq(apis.id, other.apiId)).run();
      return sign(claims);
    });
    try {
      const res = await requestToken();
      expect(res.statusCode).toBe(200);
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('that keeps happening ends in 503 after a few attempts, with nothing written', async () => {
    const signer = app.services.oauthKeys.signer();
    const sign = signer.sign.bind(signer);
    const other = createEntry(app);
    let renames = 0;
    const spy = vi.spyOn(signer, 'sign').mockImplementation(async (claims) => {
      db()
        .update(apis)
        .set({ name: `Renamed ${++renames}` })
        .where(eq(apis.id, other.apiId))
        .run();
      return sign(claims);
    });
    const before = await db().$count(accessTokens, eq(accessTokens.clientId, client.id));
    try {
      const res = await requestToken();
      expect({ status: res.statusCode, error: res.json().error }).toEqual({
        status: 503,
        error: 'server_error',
      });
      expect(spy).toHaveBeenCalledTimes(3);
    } finally {
      spy.mockRestore();
    }
    expect(await db().$count(accessTokens, eq(accessTokens.clientId, client.id))).toBe(before);
  });
});

describe('a change while a user token is being issued', () => {
  let web: ClientFixture;
  let user: TestSession;
  const REDIRECT = 'https://app.example.com/callback';

  beforeEach(async () => {
    web = await createClient(app, { appType: 'web', entries: [entry], redirectUris: [REDIRECT] });
    user = await login(app, (await createUser(app)).email);
  });

  async function code(): Promise<string> {
    const callback = await authorizeWithConsent(app, user, {
      client_id: web.clientId,
      redirect_uri: REDIRECT,
      code_challenge: TEST_CHALLENGE,
      code_challenge_method: 'S256',
    });
    return callback.searchParams.get('code')!;
  }

  const webAuth = () => ({ authorization: basicAuth(web.clientId, web.clientSecret!) });
  const exchange = async (value: string) =>
    postForm(
      app,
      '/oauth/token',
      { grant_type: 'authorization_code', code: value, redirect_uri: REDIRECT, code_verifier: TEST_VERIFIER },
      webAuth(),
    );

  /** Runs `change` while the next token is being signed. */
  function duringNextSignature(change: () => void) {
    const signer = app.services.oauthKeys.signer();
    const sign = signer.sign.bind(signer);
    return vi.spyOn(signer, 'sign').mockImplementationOnce(async (claims) => {
      change();
      return sign(claims);
    });
  }

  it('writes nothing for a client deactivated meanwhile', async () => {
    const value = await code();
    const spy = duringNextSignature(() =>
      db().update(oauthClients).set({ status: 'pending' }).where(eq(oauthClients.id, web.id)).run(),
    );
    try {
      const res = await exchange(value);
      expect({ status: res.statusCode, error: res.json().error }).toEqual({
        status: 400,
        error: 'invalid_grant',
      });
    } finally {
      spy.mockRestore();
    }
    expect(await db().$count(accessTokens, eq(accessTokens.clientId, web.id))).toBe(0);
  });

  it('still issues when the change does not affect the token', async () => {
    const value = await code();
    const other = createEntry(app);
    const spy = duringNextSignature(() =>
      db().update(apis).set({ name: 'Renamed meanwhile' }).where(eq(apis.id, other.apiId)).run(),
    );
    try {
      expect((await exchange(value)).statusCode).toBe(200);
    } finally {
      spy.mockRestore();
    }
  });

  it('writes nothing for a user deactivated meanwhile, and says to authorize again', async () => {
    const value = await code();
    const spy = duringNextSignature(() =>
      db().update(users).set({ status: 'inactive' }).where(eq(users.id, user.user.id)).run(),
    );
    try {
      const res = await exchange(value);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid_grant' });
      expect(res.json().error_description).toContain('Start the authorization again');
    } finally {
      spy.mockRestore();
    }
    expect(await db().$count(accessTokens, eq(accessTokens.clientId, web.id))).toBe(0);
  });

  it('refuses a refresh authenticated with a secret revoked meanwhile', async () => {
    const tokens = (await exchange(await code())).json() as { refresh_token: string };
    const rotated = app.services.clientSecrets.rotate(web.id, '1h');
    const spy = duringNextSignature(() =>
      db()
        .update(clientSecrets)
        .set({ revokedAt: new Date() })
        .where(and(eq(clientSecrets.clientId, web.id), ne(clientSecrets.id, rotated.info.id)))
        .run(),
    );
    try {
      const res = await postForm(
        app,
        '/oauth/token',
        { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
        webAuth(),
      );
      expect({ status: res.statusCode, error: res.json().error }).toEqual({
        status: 503,
        error: 'server_error',
      });
      expect(res.headers['retry-after']).toBe('1');
    } finally {
      spy.mockRestore();
    }
    const withNewSecret = await postForm(
      app,
      '/oauth/token',
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
      { authorization: basicAuth(web.clientId, rotated.secret) },
    );
    expect(withNewSecret.statusCode).toBe(200);
  });

  it('refuses a refresh whose scopes were narrowed meanwhile, without using up the refresh token', async () => {
    const tokens = (await exchange(await code())).json() as { refresh_token: string; scope: string };
    expect(tokens.scope.split(' ').sort()).toEqual([READ, WRITE]);
    const refresh = () =>
      postForm(
        app,
        '/oauth/token',
        { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
        webAuth(),
      );

    const spy = duringNextSignature(() => setAllowedScopes(app, entry, [READ]));
    try {
      const res = await refresh();
      expect({ status: res.statusCode, error: res.json().error }).toEqual({
        status: 503,
        error: 'server_error',
      });
    } finally {
      spy.mockRestore();
    }
    // The refresh token was not rotated: used again, it gets a token within the narrowed policy.
    const again = await refresh();
    expect(again.statusCode).toBe(200);
    expect(again.json().scope).toBe(READ);
  });
});
