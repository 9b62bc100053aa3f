import { eq } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, authorizationRequests, grants, oauthClients } from '../../db/schema.js';
import { buildTestApp, createUser, login, type TestApp, type TestSession } from '../../test/helpers.js';
import {
  authorize,
  authorizeWithConsent,
  basicAuth,
  type ClientFixture,
  consentRequestId,
  createClient,
  exchangeCode,
  postForm,
  TEST_CHALLENGE,
} from '../../test/oauth-fixtures.js';
import { createEntry, type EntryFixture } from '../../test/portal-fixtures.js';

/**
 * The portal's JSON endpoints around the authorization server: the consent screen
 * (`/api/oauth/authorize-request/:id`), the account page's consents and the client page's tokens.
 */

let app: TestApp;
let payments: EntryFixture;
let weather: EntryFixture;
let web: ClientFixture;
let developer: TestSession;

beforeAll(async () => {
  app = await buildTestApp();
  payments = createEntry(app, {
    name: 'Payments API',
    scopes: [
      { name: 'payments:read', description: 'Read payments and refunds' },
      { name: 'payments:write', description: 'Create payments' },
    ],
  });
  weather = createEntry(app, {
    name: 'Weather API',
    scopes: [{ name: 'weather:read', description: 'Forecasts' }],
  });
  const owner = await createUser(app, { name: 'Dana Developer' });
  developer = await login(app, owner.email);
  web = await createClient(app, {
    appType: 'web',
    entries: [payments, weather],
    ownerId: owner.id,
    name: 'Budget Buddy',
  });
});

afterAll(async () => {
  await app.close();
});

const params = (scope?: string) => ({
  client_id: web.clientId,
  redirect_uri: web.redirectUris[0],
  scope,
  state: 'st',
  code_challenge: TEST_CHALLENGE,
  code_challenge_method: 'S256',
});

async function newUser() {
  return login(app, (await createUser(app, { name: 'Erin End-User' })).email);
}

async function pendingRequest(scope?: string) {
  return consentRequestId((await authorize(app, params(scope))).headers.location as string);
}

const view = (id: string, session?: TestSession) =>
  app.inject({
    method: 'GET',
    url: `/api/oauth/authorize-request/${id}`,
    ...(session ? { headers: session.headers } : {}),
  });
const decide = (id: string, session: TestSession, decision: string, headers = session.headers) =>
  app.inject({
    method: 'POST',
    url: `/api/oauth/authorize-request/${id}/decision`,
    headers,
    payload: { decision },
  });

async function tokensFor(session: TestSession, scope?: string) {
  const callback = await authorizeWithConsent(app, session, params(scope));
  const res = await exchangeCode(app, web, callback);
  return res.json() as { access_token: string; refresh_token: string };
}

describe('consent screen API', () => {
  it('shows the app, its developer, the APIs and the requested scopes', async () => {
    const user = await newUser();
    const id = await pendingRequest('payments:read weather:read');
    const res = await view(id, user);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id,
      client: {
        clientId: web.clientId,
        name: 'Budget Buddy',
        description: 'An application under test',
        developerName: 'Dana Developer',
      },
      apis: [
        {
          id: payments.apiId,
          name: 'Payments API',
          scopes: [{ name: 'payments:read', description: 'Read payments and refunds' }],
        },
        {
          id: weather.apiId,
          name: 'Weather API',
          scopes: [{ name: 'weather:read', description: 'Forecasts' }],
        },
      ],
      scopes: ['payments:read', 'weather:read'],
      redirectOrigin: 'https://app.example.com',
      alreadyGranted: false,
      previouslyAllowed: false,
      expiresAt: expect.any(String),
    });
  });

  it('only lists the APIs the requested scopes belong to', async () => {
    const user = await newUser();
    const body = (await view(await pendingRequest('weather:read'), user)).json();
    expect(body.apis.map((api: { name: string }) => api.name)).toEqual(['Weather API']);
  });

  it('requires a session, and CSRF for the decision', async () => {
    const user = await newUser();
    const id = await pendingRequest();
    expect((await view(id)).statusCode).toBe(401);
    const noCsrf = await decide(id, user, 'allow', { cookie: user.cookie } as TestSession['headers']);
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error).toBe('csrf_failed');
    // The refused attempt did not use the request up.
    expect((await decide(id, user, 'allow')).statusCode).toBe(200);
  });

  it('answers a request once; unknown and expired requests are 404', async () => {
    const user = await newUser();
    const id = await pendingRequest();
    expect((await decide(id, user, 'deny')).statusCode).toBe(200);
    expect((await decide(id, user, 'allow')).statusCode).toBe(404);
    expect((await view(id, user)).statusCode).toBe(404);
    expect((await view('no-such-request', user)).statusCode).toBe(404);

    const expired = await pendingRequest();
    app.database.db
      .update(authorizationRequests)
      .set({ expiresAt: new Date(Date.now() - 1) })
      .where(eq(authorizationRequests.id, expired))
      .run();
    expect((await view(expired, user)).statusCode).toBe(404);
    expect((await decide(expired, user, 'allow')).statusCode).toBe(404);
  });

  it('forgets long-expired requests (housekeeping)', async () => {
    const old = await pendingRequest();
    const fresh = await pendingRequest();
    app.database.db
      .update(authorizationRequests)
      .set({ expiresAt: new Date(Date.now() - 2 * 3_600_000) })
      .where(eq(authorizationRequests.id, old))
      .run();
    expect(app.repos.authorizationRequests.deleteExpired(new Date(Date.now() - 3_600_000))).toBe(1);
    const ids = app.database.db.select({ id: authorizationRequests.id }).from(authorizationRequests).all();
    expect(ids.map((row) => row.id)).toContain(fresh);
    expect(ids.map((row) => row.id)).not.toContain(old);
  });

  it('does not redirect to an address the developer removed while the user decided', async () => {
    const client = await createClient(app, {
      appType: 'web',
      entries: [payments],
      redirectUris: ['https://app.example.com/old', 'https://app.example.com/new'],
    });
    const user = await newUser();
    const pending = consentRequestId(
      (
        await authorize(app, {
          client_id: client.clientId,
          redirect_uri: 'https://app.example.com/old',
          code_challenge: TEST_CHALLENGE,
          code_challenge_method: 'S256',
        })
      ).headers.location as string,
    );
    app.repos.clients.update(client.id, { redirectUris: ['https://app.example.com/new'] });
    const res = await decide(pending, user, 'allow');
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toMatch(/no longer uses the address/);
  });

  it('does not redirect to a client that stopped being usable while the user decided', async () => {
    // RFC 9700 §4.11.2: its redirect URIs are no longer vouched for (rejected client, deactivated developer).
    const client = await createClient(app, { appType: 'web', entries: [payments] });
    const start = () =>
      authorize(app, {
        client_id: client.clientId,
        redirect_uri: client.redirectUris[0],
        code_challenge: TEST_CHALLENGE,
        code_challenge_method: 'S256',
      });
    const user = await newUser();
    const first = consentRequestId((await start()).headers.location as string);
    const second = consentRequestId((await start()).headers.location as string);
    app.repos.clients.update(client.id, { status: 'rejected' });
    for (const [id, decision] of [
      [first, 'allow'],
      [second, 'deny'],
    ] as const) {
      const res = await decide(id, user, decision);
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toMatch(/rejected/);
    }
  });

  it('validates the decision body', async () => {
    const user = await newUser();
    const res = await decide(await pendingRequest(), user, 'maybe');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('validation_failed');
  });

  it('says when the user already granted every scope', async () => {
    const user = await newUser();
    await authorizeWithConsent(app, user, params('payments:read'));
    // A new request with a subset: the screen can continue without asking.
    const again = await authorize(app, params('payments:read'));
    expect((await view(consentRequestId(again.headers.location as string), user)).json().alreadyGranted).toBe(
      true,
    );
  });

  it('audits consent decisions', async () => {
    const user = await newUser();
    await authorizeWithConsent(app, user, params('payments:read'));
    const events = app.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.actorId, user.user.id))
      .all();
    expect(events.map((event) => event.action)).toContain('oauth.consent_granted');

    const denier = await newUser();
    await authorizeWithConsent(app, denier, params('payments:read'), 'deny');
    const denied = app.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.actorId, denier.user.id))
      .all();
    expect(denied.map((event) => event.action)).toContain('oauth.consent_denied');
  });
});

describe('account consents', () => {
  it('lists the apps the user allowed, with the scopes allowed on each API', async () => {
    const user = await newUser();
    await authorizeWithConsent(app, user, params('payments:read'));
    await authorizeWithConsent(app, user, params('weather:read'));
    const res = await app.inject({ method: 'GET', url: '/api/account/consents', headers: user.headers });
    expect(res.statusCode).toBe(200);
    const { items } = res.json();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      client: { clientId: web.clientId, name: 'Budget Buddy', developerName: 'Dana Developer' },
      scopes: ['payments:read', 'weather:read'],
      apis: [
        { id: payments.apiId, name: 'Payments API', scopes: ['payments:read'] },
        { id: weather.apiId, name: 'Weather API', scopes: ['weather:read'] },
      ],
    });
  });

  it('revokes a consent: the app asks again and its tokens for this user stop working', async () => {
    const user = await newUser();
    const { access_token, refresh_token } = await tokensFor(user, 'payments:read');
    const [consent] = (
      await app.inject({ method: 'GET', url: '/api/account/consents', headers: user.headers })
    ).json().items;

    const res = await app.inject({
      method: 'DELETE',
      url: `/api/account/consents/${consent.id}`,
      headers: user.headers,
    });
    expect(res.statusCode).toBe(204);

    const auth = { authorization: basicAuth(web.clientId, web.clientSecret!) };
    expect((await postForm(app, '/oauth/introspect', { token: access_token }, auth)).json()).toEqual({
      active: false,
    });
    const refreshed = await postForm(
      app,
      '/oauth/token',
      { grant_type: 'refresh_token', refresh_token },
      auth,
    );
    expect(refreshed.json().error).toBe('invalid_grant');
    const again = await authorize(app, params('payments:read'), user);
    expect(() => consentRequestId(again.headers.location as string)).not.toThrow();
    const listed = await app.inject({ method: 'GET', url: '/api/account/consents', headers: user.headers });
    expect(listed.json().items).toEqual([]);
    const audit = app.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.targetId, consent.id))
      .all();
    expect(audit.map((event) => event.action)).toContain('oauth.consent_revoked');
  });

  it.each([
    ['a grant with scope–API pairs', false],
    ['a grant made before the pairs were kept', true],
  ])(
    'forgets a scope the API stopped defining: defined again, it is asked for again (%s)',
    async (_name, legacy) => {
      const api = createEntry(app, {
        scopes: [
          { name: 'files:read', description: 'Read files' },
          { name: 'files:erase', description: 'Erase one file' },
        ],
      });
      const client = await createClient(app, { appType: 'web', entries: [api] });
      const user = await newUser();
      const request = {
        ...params('files:read files:erase'),
        client_id: client.clientId,
        redirect_uri: client.redirectUris[0],
      };
      const callback = await authorizeWithConsent(app, user, request);
      const auth = { authorization: basicAuth(client.clientId, client.clientSecret!) };
      const { refresh_token } = (await exchangeCode(app, client, callback)).json();
      if (legacy) {
        const clientRow = app.database.db
          .select()
          .from(oauthClients)
          .where(eq(oauthClients.clientId, client.clientId))
          .get()!;
        app.database.db
          .update(grants)
          .set({ apiScopes: null })
          .where(eq(grants.clientId, clientRow.id))
          .run();
      }
      const admin = await createUser(app, { role: 'admin' });
      const setScopes = (scopes: { name: string; description: string }[]) =>
        app.services.admin.apis.update({ id: admin.id }, api.apiId, { scopes });

      setScopes([{ name: 'files:read', description: 'Read files' }]);
      const listed = await app.inject({ method: 'GET', url: '/api/account/consents', headers: user.headers });
      const consent = listed
        .json()
        .items.find((item: { client: { clientId: string } }) => item.client.clientId === client.clientId);
      expect(consent).toMatchObject({
        scopes: ['files:read'],
        apis: [{ id: api.apiId, scopes: ['files:read'] }],
      });

      // The same name, now meaning something else: the user is asked, not taken to have allowed it.
      setScopes([
        { name: 'files:read', description: 'Read files' },
        { name: 'files:erase', description: 'Erase ALL files' },
      ]);
      const again = await authorize(app, request, user);
      expect(() => consentRequestId(again.headers.location as string)).not.toThrow();
      // Nor does the earlier authorization's refresh carry it: the grant and its refresh token forgot it.
      const refreshed = await postForm(
        app,
        '/oauth/token',
        { grant_type: 'refresh_token', refresh_token },
        auth,
      );
      expect(refreshed.statusCode, refreshed.body).toBe(200);
      expect(refreshed.json().scope).toBe('files:read');
    },
  );

  it("cannot revoke another user's consent", async () => {
    const owner = await newUser();
    await authorizeWithConsent(app, owner, params());
    const [consent] = (
      await app.inject({ method: 'GET', url: '/api/account/consents', headers: owner.headers })
    ).json().items;
    const intruder = await newUser();
    const res = await app.inject({
      method: 'DELETE',
      url: `/api/account/consents/${consent.id}`,
      headers: intruder.headers,
    });
    expect(res.statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: '/api/account/consents', headers: owner.headers })).json()
        .items,
    ).toHaveLength(1);
  });

  it('requires a session', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/account/consents' })).statusCode).toBe(401);
  });
});

describe("client page's tokens", () => {
  const list = (session: TestSession, clientRowId = web.id) =>
    app.inject({ method: 'GET', url: `/api/clients/${clientRowId}/tokens`, headers: session.headers });

  it('lists working tokens with type, subject, scopes, issued and expires', async () => {
    const user = await newUser();
    const { access_token } = await tokensFor(user, 'payments:read');
    const res = await list(developer);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const jti = String(decodeJwt(access_token).jti);
    expect(body.items).toContainEqual({
      id: jti,
      type: 'access_token',
      subject: { kind: 'user', id: user.user.id, label: 'Erin End-User' },
      scopes: ['payments:read'],
      issuedAt: expect.any(String),
      expiresAt: expect.any(String),
    });
    expect(body.items.some((item: { type: string }) => item.type === 'refresh_token')).toBe(true);
    expect(body.total).toBe(body.items.length);
  });

  it('shows client_credentials tokens with the client as subject', async () => {
    const service = await createClient(app, {
      appType: 'service',
      entries: [payments],
      ownerId: developer.user.id,
    });
    await postForm(
      app,
      '/oauth/token',
      { grant_type: 'client_credentials' },
      {
        authorization: basicAuth(service.clientId, service.clientSecret!),
      },
    );
    const { items } = (await list(developer, service.id)).json();
    expect(items).toEqual([
      expect.objectContaining({
        type: 'access_token',
        subject: { kind: 'client', id: service.clientId, label: expect.any(String) },
      }),
    ]);
  });

  it('revokes one token; a refresh token takes its grant with it', async () => {
    const user = await newUser();
    const { access_token, refresh_token } = await tokensFor(user);
    const jti = String(decodeJwt(access_token).jti);
    const remove = (tokenId: string, session = developer) =>
      app.inject({
        method: 'DELETE',
        url: `/api/clients/${web.id}/tokens/${tokenId}`,
        headers: session.headers,
      });

    expect((await remove(jti)).statusCode).toBe(204);
    expect((await remove(jti)).statusCode).toBe(404);
    const refreshItem = (await list(developer))
      .json()
      .items.find(
        (item: { type: string; subject: { id: string } }) =>
          item.type === 'refresh_token' && item.subject.id === user.user.id,
      );
    expect((await remove(refreshItem.id)).statusCode).toBe(204);
    const refreshed = await postForm(
      app,
      '/oauth/token',
      { grant_type: 'refresh_token', refresh_token },
      {
        authorization: basicAuth(web.clientId, web.clientSecret!),
      },
    );
    expect(refreshed.json().error).toBe('invalid_grant');
  });

  it("is a 404 for another developer's client", async () => {
    const stranger = await login(app, (await createUser(app)).email);
    expect((await list(stranger)).statusCode).toBe(404);
    const { items } = (await list(developer)).json();
    const res = await app.inject({
      method: 'DELETE',
      url: `/api/clients/${web.id}/tokens/${items[0].id}`,
      headers: stranger.headers,
    });
    expect(res.statusCode).toBe(404);
  });
});
