import { eq } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessTokens, auditEvents } from '../../db/schema.js';
import { buildTestApp, createUser, login, type TestApp, type TestSession } from '../../test/helpers.js';
import {
  authorizeWithConsent,
  basicAuth,
  type ClientFixture,
  createClient,
  exchangeCode,
  postForm,
  TEST_CHALLENGE,
} from '../../test/oauth-fixtures.js';
import { createEntry } from '../../test/portal-fixtures.js';

/** `POST /oauth/revoke` (RFC 7009) and `POST /oauth/introspect` (RFC 7662). */

let app: TestApp;
let web: ClientFixture;
let other: ClientFixture;
let spa: ClientFixture;
let user: TestSession;

beforeAll(async () => {
  app = await buildTestApp();
  const entry = createEntry(app);
  web = await createClient(app, { appType: 'web', entries: [entry] });
  other = await createClient(app, { appType: 'service', entries: [entry] });
  spa = await createClient(app, {
    appType: 'spa_native',
    entries: [entry],
    redirectUris: ['http://127.0.0.1/cb'],
  });
  user = await login(app, (await createUser(app)).email);
});

afterAll(async () => {
  await app.close();
});

const auth = (client: ClientFixture) => ({ authorization: basicAuth(client.clientId, client.clientSecret!) });

async function userTokens(client: ClientFixture = web) {
  const callback = await authorizeWithConsent(app, user, {
    client_id: client.clientId,
    redirect_uri: client.redirectUris[0],
    code_challenge: TEST_CHALLENGE,
    code_challenge_method: 'S256',
  });
  const res = await exchangeCode(app, client, callback);
  return res.json() as { access_token: string; refresh_token: string };
}

const introspect = (token: string, client: ClientFixture = web) =>
  postForm(app, '/oauth/introspect', { token }, auth(client));
const revoke = (token: string, client: ClientFixture = web, extra: Record<string, string> = {}) =>
  postForm(app, '/oauth/revoke', { token, ...extra }, client.clientSecret ? auth(client) : {});

describe('introspection', () => {
  it('describes an active access token of the caller', async () => {
    const { access_token } = await userTokens();
    const res = await introspect(access_token);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const claims = decodeJwt(access_token);
    expect(res.json()).toEqual({
      active: true,
      scope: claims.scope,
      client_id: web.clientId,
      token_type: 'Bearer',
      exp: claims.exp,
      iat: claims.iat,
      sub: user.user.id,
      aud: claims.aud,
      iss: app.config.issuer,
      jti: claims.jti,
    });
  });

  it('describes an active refresh token of the caller', async () => {
    const { refresh_token } = await userTokens();
    const body = (await introspect(refresh_token)).json();
    expect(body).toMatchObject({ active: true, client_id: web.clientId, sub: user.user.id });
    // RFC 7662 §2.2: `token_type` is an access token's type; a refresh token has none.
    expect(body).not.toHaveProperty('token_type');
  });

  it('answers exactly {"active":false} for unknown, foreign, revoked and expired tokens', async () => {
    const { access_token, refresh_token } = await userTokens();
    const expectInactive = async (token: string, client?: ClientFixture) => {
      const res = await introspect(token, client);
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe('{"active":false}');
    };
    await expectInactive('not-a-token');
    await expectInactive('prt_unknown');
    await expectInactive('eyJhbGciOiJFUzI1NiJ9.eyJqdGkiOiJ4In0.c2ln');
    await expectInactive(access_token, other);
    await expectInactive(refresh_token, other);

    const jti = String(decodeJwt(access_token).jti);
    app.database.db
      .update(accessTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(accessTokens.jti, jti))
      .run();
    await expectInactive(access_token);

    const fresh = await userTokens();
    expect((await revoke(fresh.access_token)).statusCode).toBe(200);
    await expectInactive(fresh.access_token);
    expect((await revoke(refresh_token)).statusCode).toBe(200);
    await expectInactive(refresh_token);
  });

  it('requires an authenticated confidential client', async () => {
    const { access_token } = await userTokens();
    const anonymous = await postForm(app, '/oauth/introspect', { token: access_token });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error).toBe('invalid_client');
    const publicClient = await postForm(app, '/oauth/introspect', {
      token: access_token,
      client_id: spa.clientId,
    });
    expect(publicClient.statusCode).toBe(401);
    const wrongSecret = await postForm(
      app,
      '/oauth/introspect',
      { token: access_token },
      {
        authorization: basicAuth(web.clientId, 'pcs_wrong'),
      },
    );
    expect(wrongSecret.statusCode).toBe(401);
    expect(wrongSecret.headers['www-authenticate']).toMatch(/^Basic /);
  });

  it('refuses repeated parameters (RFC 6749 §3.2)', async () => {
    const { access_token } = await userTokens();
    for (const url of ['/oauth/introspect', '/oauth/revoke']) {
      const res = await postForm(app, url, { token: [access_token, 'prt_other'] }, auth(web));
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBe('invalid_request');
    }
    // Nothing was revoked by the refused request.
    expect((await introspect(access_token)).json().active).toBe(true);
  });

  it('requires the token parameter and a form body', async () => {
    expect((await postForm(app, '/oauth/introspect', {}, auth(web))).json().error).toBe('invalid_request');
    const json = await app.inject({
      method: 'POST',
      url: '/oauth/introspect',
      headers: auth(web),
      payload: { token: 'x' },
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().error).toBe('invalid_request');
  });
});

describe('revocation', () => {
  it('revokes an access token and audits it', async () => {
    const { access_token } = await userTokens();
    const res = await revoke(access_token, web, { token_type_hint: 'access_token' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
    const jti = String(decodeJwt(access_token).jti);
    expect(
      app.database.db.select().from(accessTokens).where(eq(accessTokens.jti, jti)).get()?.revokedAt,
    ).toBeInstanceOf(Date);
    const events = app.database.db.select().from(auditEvents).where(eq(auditEvents.targetId, jti)).all();
    expect(events.map((e) => e.action)).toEqual(['oauth.token_issued', 'oauth.token_revoked']);
  });

  it('revokes the whole grant with a refresh token (RFC 7009 §2.1), whatever the hint says', async () => {
    const { access_token, refresh_token } = await userTokens();
    expect((await revoke(refresh_token, web, { token_type_hint: 'access_token' })).statusCode).toBe(200);
    expect((await introspect(access_token)).json()).toEqual({ active: false });
    const refreshed = await postForm(
      app,
      '/oauth/token',
      { grant_type: 'refresh_token', refresh_token },
      auth(web),
    );
    expect(refreshed.json().error).toBe('invalid_grant');
  });

  it("leaves another client's token alone and answers the same 200", async () => {
    const { access_token } = await userTokens();
    expect((await revoke(access_token, other)).statusCode).toBe(200);
    expect((await introspect(access_token)).json().active).toBe(true);
  });

  it('answers 200 for unknown tokens (RFC 7009 §2.2)', async () => {
    expect((await revoke('prt_nothing')).statusCode).toBe(200);
    expect((await revoke('a.b.c')).statusCode).toBe(200);
  });

  it('lets a public client revoke its own token with its client_id', async () => {
    const { access_token } = await userTokens(spa);
    const res = await postForm(app, '/oauth/revoke', { token: access_token, client_id: spa.clientId });
    expect(res.statusCode).toBe(200);
    const jti = String(decodeJwt(access_token).jti);
    expect(
      app.database.db.select().from(accessTokens).where(eq(accessTokens.jti, jti)).get()?.revokedAt,
    ).not.toBeNull();
  });

  it('requires client authentication', async () => {
    const { access_token } = await userTokens();
    const res = await postForm(app, '/oauth/revoke', { token: access_token });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe('invalid_client');
    expect((await introspect(access_token)).json().active).toBe(true);
  });
});
