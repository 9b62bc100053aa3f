import { randomUUID } from 'node:crypto';
import {
  CLIENT_APIS_MAX,
  type ClientCredentials,
  type ClientSecretList,
  type ErrorResponse,
  type OAuthClient,
  type OAuthClientList,
  type RotateSecretResult,
  redirectUriMessages,
  type TokenSummary,
} from '@portico/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oauthClients } from '../../db/schema.js';
import { verifyClientSecret } from '../../services/client-secrets.js';
import { MAX_CLIENTS_PER_DEVELOPER } from '../../services/clients.js';
import {
  buildTestApp,
  createUser,
  expectFailedAuditWrite,
  login,
  type TestApp,
  type TestSession,
} from '../../test/helpers.js';
import { call, createEntry, type EntryFixture } from '../../test/portal-fixtures.js';
import clientsRoutes from './index.js';

let app: TestApp;
let alice: TestSession;
let bob: TestSession;
let pay: EntryFixture;
let orders: EntryFixture;
let keyless: EntryFixture;
let hidden: EntryFixture;
let ccOnly: EntryFixture;
const clientRoutes: string[] = [];

const WEB_DETAILS = {
  name: 'Storefront',
  description: 'Our shop',
  appType: 'web',
  redirectUris: ['https://shop.example.com/cb'],
};

async function newDeveloper(): Promise<TestSession> {
  const user = await createUser(app);
  return login(app, user.email, user.password);
}

async function createDraft(session: TestSession, entryIds: string[]): Promise<OAuthClient> {
  const res = await call(app, session, 'POST', '/api/clients', { catalogueEntryIds: entryIds });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<OAuthClient>();
}

async function createClient(
  session: TestSession,
  entryIds: string[],
  details: Record<string, unknown> = { ...WEB_DETAILS, name: `App ${randomUUID().slice(0, 6)}` },
): Promise<ClientCredentials> {
  const draft = await createDraft(session, entryIds);
  const res = await call(app, session, 'POST', `/api/clients/${draft.id}/complete`, details);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ClientCredentials>();
}

/** Inserts one grant with an access token (for `audience`) and a refresh token, valid for an hour. */
function insertTokens(clientRowId: string, audience: string[], accessExpiresAt?: Date) {
  const now = new Date();
  const later = new Date(now.getTime() + 3_600_000);
  const grant = {
    id: randomUUID(),
    clientId: clientRowId,
    grantType: 'authorization_code' as const,
    scopes: [],
    createdAt: now,
  };
  const access = {
    jti: randomUUID(),
    clientId: clientRowId,
    subject: 'user-1',
    audience,
    scopes: [],
    grantId: grant.id,
    issuedAt: now,
    expiresAt: accessExpiresAt ?? later,
  };
  const refresh = {
    id: randomUUID(),
    hash: randomUUID(),
    grantId: grant.id,
    clientId: clientRowId,
    scopes: [],
    createdAt: now,
    expiresAt: later,
  };
  // Written through the authorization server's own repository, exactly as issued tokens are.
  app.repos.oauthGrants.insertGrant(grant);
  app.repos.oauthGrants.insertAccessToken(access);
  app.repos.oauthGrants.insertRefreshToken(refresh);
  return { grant, access, refresh };
}

beforeAll(async () => {
  app = await buildTestApp();
  // Record every route the clients plugin declares (mounted once more under a probe prefix, before the
  // app is ready), so the ownership test below cannot miss a route added later.
  await app.register(async (probe) => {
    probe.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD') clientRoutes.push(`${method} ${route.url.replace('/probe', '/api/clients')}`);
      }
    });
    await probe.register(clientsRoutes, { prefix: '/probe' });
  });
  alice = await newDeveloper();
  bob = await newDeveloper();
  pay = createEntry(app, { name: 'Payments' });
  orders = createEntry(app, { name: 'Orders', approval: 'manual' });
  keyless = createEntry(app, { name: 'Status', authMode: 'keyless' });
  hidden = createEntry(app, { name: 'Secret project', visibility: 'hidden' });
  ccOnly = createEntry(app, { name: 'Reports', grantTypes: ['client_credentials'] });
});

afterAll(async () => {
  await app.close();
});

describe('authentication and CSRF', () => {
  it('requires a signed-in user', async () => {
    expect((await call(app, undefined, 'GET', '/api/clients')).statusCode).toBe(401);
    expect(
      (await call(app, undefined, 'POST', '/api/clients', { catalogueEntryIds: [pay.entryId] })).statusCode,
    ).toBe(401);
  });

  it('requires the CSRF header on mutations', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/clients',
      headers: { cookie: alice.cookie },
      payload: { catalogueEntryIds: [pay.entryId] },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json<ErrorResponse>().error).toBe('csrf_failed');
  });
});

describe('POST /api/clients (draft)', () => {
  it('creates a draft with the selected APIs and a pc_ client id', async () => {
    const draft = await createDraft(alice, [pay.entryId, orders.entryId]);
    expect(draft.status).toBe('draft');
    expect(draft.clientId).toMatch(/^pc_[A-Za-z0-9_-]{22}$/);
    expect(draft.apis.map((a) => a.name)).toEqual(['Payments', 'Orders']);
    expect(draft.apis[0]?.limits).toEqual({
      rateLimit: { requests: 100, perSeconds: 60 },
      quota: { max: 1000, renewalSeconds: 86_400 },
      tokenLifetimeSeconds: 1800,
    });
    const list = (await call(app, alice, 'GET', '/api/clients')).json<OAuthClientList>();
    expect(list.items.map((c) => c.id)).toContain(draft.id);
  });

  it('refuses APIs that do not use OAuth 2.0, hidden and unknown entries, with a message per index', async () => {
    const res = await call(app, alice, 'POST', '/api/clients', {
      catalogueEntryIds: [pay.entryId, keyless.entryId, hidden.entryId, randomUUID()],
    });
    expect(res.statusCode).toBe(400);
    const body = res.json<ErrorResponse>();
    expect(body.details).toEqual([
      {
        field: 'catalogueEntryIds/1',
        message: 'Status does not use OAuth 2.0, so an OAuth client cannot use it.',
      },
      { field: 'catalogueEntryIds/2', message: 'This API is not in the catalogue.' },
      { field: 'catalogueEntryIds/3', message: 'This API is not in the catalogue.' },
    ]);
    const single = await call(app, alice, 'POST', '/api/clients', { catalogueEntryIds: [keyless.entryId] });
    expect(single.json<ErrorResponse>().message).toBe(
      'Status does not use OAuth 2.0, so an OAuth client cannot use it.',
    );
  });

  it('validates the body shape', async () => {
    for (const payload of [
      { catalogueEntryIds: [] },
      {},
      { catalogueEntryIds: [pay.entryId, pay.entryId] },
      { catalogueEntryIds: [pay.entryId], name: 'x' },
    ]) {
      const res = await call(app, alice, 'POST', '/api/clients', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });
});

describe('PATCH /api/clients/:id', () => {
  it('replaces the APIs of a draft and keeps the order', async () => {
    const draft = await createDraft(alice, [pay.entryId]);
    const res = await call(app, alice, 'PATCH', `/api/clients/${draft.id}`, {
      catalogueEntryIds: [ccOnly.entryId, pay.entryId],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<OAuthClient>().apis.map((a) => a.name)).toEqual(['Reports', 'Payments']);
  });

  it('edits name, description and redirect URIs of a set-up client, with the same validation', async () => {
    const { client } = await createClient(alice, [pay.entryId]);
    const ok = await call(app, alice, 'PATCH', `/api/clients/${client.id}`, {
      name: '  Renamed shop ',
      description: 'New words',
      redirectUris: ['https://shop.example.com/cb', 'http://localhost:3000/cb'],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<OAuthClient>()).toMatchObject({
      name: 'Renamed shop',
      description: 'New words',
      redirectUris: ['https://shop.example.com/cb', 'http://localhost:3000/cb'],
    });

    const bad = await call(app, alice, 'PATCH', `/api/clients/${client.id}`, {
      redirectUris: ['https://shop.example.com/cb', 'https://*.example.com/cb'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorResponse>().details).toEqual([
      { field: 'redirectUris/1', message: redirectUriMessages.wildcard },
    ]);

    const none = await call(app, alice, 'PATCH', `/api/clients/${client.id}`, { redirectUris: [] });
    expect(none.json<ErrorResponse>().details).toEqual([
      { field: 'redirectUris', message: redirectUriMessages.atLeastOne },
    ]);

    const apis = await call(app, alice, 'PATCH', `/api/clients/${client.id}`, {
      catalogueEntryIds: [ccOnly.entryId],
    });
    expect(apis.statusCode).toBe(400);
    expect((await call(app, alice, 'PATCH', `/api/clients/${client.id}`, {})).statusCode).toBe(400);
  });

  it('keeps the app type chosen on a draft, and refuses to change a set-up client’s', async () => {
    const draft = await createDraft(alice, [pay.entryId]);
    expect(draft.appType).toBe('web');
    const chosen = await call(app, alice, 'PATCH', `/api/clients/${draft.id}`, { appType: 'spa_native' });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json<OAuthClient>()).toMatchObject({ appType: 'spa_native', confidential: false });
    expect((await call(app, alice, 'GET', `/api/clients/${draft.id}`)).json<OAuthClient>().appType).toBe(
      'spa_native',
    );

    const { client } = await createClient(alice, [pay.entryId]);
    const changed = await call(app, alice, 'PATCH', `/api/clients/${client.id}`, { appType: 'spa_native' });
    expect(changed.statusCode).toBe(400);
    expect(changed.json<ErrorResponse>().details).toEqual([
      { field: 'appType', message: 'Only a draft takes another app type; create a new client instead.' },
    ]);
    const unchanged = (await call(app, alice, 'GET', `/api/clients/${client.id}`)).json<OAuthClient>();
    expect(unchanged).toMatchObject({ appType: client.appType, confidential: client.confidential });

    const unknown = await call(app, alice, 'PATCH', `/api/clients/${draft.id}`, { appType: 'mainframe' });
    expect(unknown.statusCode).toBe(400);
  });
});

describe('POST /api/clients/:id/complete', () => {
  it('activates a web client and returns the secret exactly once', async () => {
    const draft = await createDraft(alice, [pay.entryId]);
    const res = await call(app, alice, 'POST', `/api/clients/${draft.id}/complete`, {
      ...WEB_DETAILS,
      name: 'Secret keeper',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const credentials = res.json<ClientCredentials>();
    expect(credentials.clientId).toBe(draft.clientId);
    expect(credentials.clientSecret).toMatch(/^pcs_[A-Za-z0-9_-]{54}$/);
    expect(credentials.client).toMatchObject({
      status: 'active',
      appType: 'web',
      confidential: true,
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: ['https://shop.example.com/cb'],
    });

    const secret = credentials.clientSecret!;
    for (const url of [
      `/api/clients/${draft.id}`,
      '/api/clients',
      `/api/clients/${draft.id}/secrets`,
      `/api/clients/${draft.id}/tokens/summary`,
    ]) {
      const body = (await call(app, alice, 'GET', url)).body;
      expect(body).not.toContain(secret);
      expect(body).not.toContain(secret.slice(10));
    }
    const secrets = (
      await call(app, alice, 'GET', `/api/clients/${draft.id}/secrets`)
    ).json<ClientSecretList>();
    expect(secrets.items).toHaveLength(1);
    expect(secrets.items[0]).toMatchObject({
      prefix: secret.slice(0, 10),
      status: 'active',
      expiresAt: null,
    });

    // Only the hash is stored, and it verifies in constant time.
    expect(verifyClientSecret(app.repos.clientSecrets, draft.id, secret)).not.toBeNull();
    expect(verifyClientSecret(app.repos.clientSecrets, draft.id, `${secret}x`)).toBeNull();

    const again = await call(app, alice, 'POST', `/api/clients/${draft.id}/complete`, WEB_DETAILS);
    expect(again.statusCode).toBe(409);
  });

  it('gives a single-page or native app no secret', async () => {
    const { client, clientSecret } = await createClient(alice, [pay.entryId], {
      name: 'Mobile',
      appType: 'spa_native',
      redirectUris: ['http://127.0.0.1:8765/callback'],
    });
    expect(clientSecret).toBeNull();
    expect(client).toMatchObject({ confidential: false, appType: 'spa_native', description: '' });
    expect(
      (await call(app, alice, 'GET', `/api/clients/${client.id}/secrets`)).json<ClientSecretList>().items,
    ).toEqual([]);
    const rotate = await call(app, alice, 'POST', `/api/clients/${client.id}/secrets/rotate`, {
      gracePeriod: '1h',
    });
    expect(rotate.statusCode).toBe(409);
  });

  it('makes a machine-to-machine service a client credentials client without redirect URLs', async () => {
    const { client, clientSecret } = await createClient(alice, [ccOnly.entryId], {
      name: 'Nightly job',
      appType: 'service',
      redirectUris: [],
    });
    expect(clientSecret).toMatch(/^pcs_/);
    expect(client).toMatchObject({ grantTypes: ['client_credentials'], redirectUris: [] });
  });

  it('checks every redirect URL rule, reporting each at its index', async () => {
    const draft = await createDraft(alice, [pay.entryId]);
    const cases: [string, string][] = [
      ['/relative', redirectUriMessages.notAbsolute],
      ['http://shop.example.com/cb', redirectUriMessages.insecureHttp],
      ['https://shop.example.com/cb#frag', redirectUriMessages.fragment],
      ['https://*.example.com/cb', redirectUriMessages.wildcard],
      ['https://user:pw@shop.example.com/cb', redirectUriMessages.userinfo],
      ['ftp://shop.example.com/cb', redirectUriMessages.scheme],
      ['', redirectUriMessages.required],
    ];
    for (const [uri, message] of cases) {
      const res = await call(app, alice, 'POST', `/api/clients/${draft.id}/complete`, {
        ...WEB_DETAILS,
        redirectUris: ['https://ok.example.com/cb', uri],
      });
      expect(res.statusCode, uri).toBe(400);
      expect(res.json<ErrorResponse>().details, uri).toEqual([{ field: 'redirectUris/1', message }]);
    }

    const tooLong = `https://shop.example.com/${'a'.repeat(2048)}`;
    const long = await call(app, alice, 'POST', `/api/clients/${draft.id}/complete`, {
      ...WEB_DETAILS,
      redirectUris: [tooLong],
    });
    expect(long.statusCode).toBe(400);
    expect(long.json<ErrorResponse>().details?.[0]?.field).toBe('redirectUris/0');

    const duplicate = await call(app, alice, 'POST', `/api/clients/${draft.id}/complete`, {
      ...WEB_DETAILS,
      redirectUris: ['https://a.example.com/cb', 'https://a.example.com/cb'],
    });
    expect(duplicate.json<ErrorResponse>().details).toEqual([
      { field: 'redirectUris/1', message: redirectUriMessages.duplicate(0) },
    ]);

    const eleven = Array.from({ length: 11 }, (_, i) => `https://a.example.com/cb${i}`);
    const many = await call(app, alice, 'POST', `/api/clients/${draft.id}/complete`, {
      ...WEB_DETAILS,
      redirectUris: eleven,
    });
    expect(many.statusCode).toBe(400);
    expect(many.json<ErrorResponse>().details?.[0]?.field).toBe('redirectUris');

    const missing = await call(app, alice, 'POST', `/api/clients/${draft.id}/complete`, {
      ...WEB_DETAILS,
      redirectUris: [],
    });
    expect(missing.json<ErrorResponse>().details).toEqual([
      { field: 'redirectUris', message: redirectUriMessages.atLeastOne },
    ]);

    const service = await call(app, alice, 'POST', `/api/clients/${draft.id}/complete`, {
      ...WEB_DETAILS,
      appType: 'service',
    });
    expect(service.json<ErrorResponse>().details).toEqual([
      { field: 'redirectUris', message: redirectUriMessages.noneAllowed },
    ]);

    const loopback = await call(app, alice, 'POST', `/api/clients/${draft.id}/complete`, {
      ...WEB_DETAILS,
      name: 'Loopback app',
      redirectUris: ['http://localhost:8080/cb', 'http://127.0.0.1/cb', 'http://[::1]:9000/cb'],
    });
    expect(loopback.statusCode, loopback.body).toBe(200);
  });

  it('bounds name and description', async () => {
    const draft = await createDraft(alice, [pay.entryId]);
    const cases = [
      { name: '' },
      { name: '   ' },
      { name: 'n'.repeat(101) },
      { description: 'd'.repeat(1001) },
      { appType: 'implicit' },
      { grantTypes: ['password'] },
    ];
    for (const change of cases) {
      const res = await call(app, alice, 'POST', `/api/clients/${draft.id}/complete`, {
        ...WEB_DETAILS,
        ...change,
      });
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
    }
    const blank = await call(app, alice, 'POST', `/api/clients/${draft.id}/complete`, {
      ...WEB_DETAILS,
      name: '   ',
    });
    expect(blank.json<ErrorResponse>().details).toEqual([{ field: 'name', message: 'Enter a name.' }]);
    const ok = await call(app, alice, 'POST', `/api/clients/${draft.id}/complete`, {
      ...WEB_DETAILS,
      name: 'n'.repeat(100),
      description: 'd'.repeat(1000),
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('keeps client names unique per developer, case-insensitively', async () => {
    await createClient(alice, [pay.entryId], { ...WEB_DETAILS, name: 'Unique Name' });
    const draft = await createDraft(alice, [pay.entryId]);
    const res = await call(app, alice, 'POST', `/api/clients/${draft.id}/complete`, {
      ...WEB_DETAILS,
      name: 'unique name',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json<ErrorResponse>().details?.[0]?.field).toBe('name');
    const { client: other } = await createClient(alice, [pay.entryId]);
    const rename = await call(app, alice, 'PATCH', `/api/clients/${other.id}`, { name: 'UNIQUE NAME' });
    expect(rename.statusCode).toBe(409);
    // Another developer may use the same name.
    await createClient(bob, [pay.entryId], { ...WEB_DETAILS, name: 'Unique Name' });
    // Beyond ASCII too.
    await createClient(alice, [pay.entryId], { ...WEB_DETAILS, name: 'Élan Vital' });
    const accented = await call(app, alice, 'PATCH', `/api/clients/${other.id}`, { name: 'élan vital' });
    expect(accented.statusCode).toBe(409);
  });

  it('lets drafts keep any name until they are completed, so an abandoned one reserves nothing', async () => {
    const abandoned = await createDraft(alice, [pay.entryId]);
    const saved = await call(app, alice, 'PATCH', `/api/clients/${abandoned.id}`, {
      name: 'Checkout',
      description: 'Typed, then Back',
      redirectUris: ['https://shop.example.com/cb'],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<OAuthClient>()).toMatchObject({ name: 'Checkout', description: 'Typed, then Back' });

    // A new client may take the name; the abandoned draft keeps it only as a draft.
    await createClient(alice, [pay.entryId], { ...WEB_DETAILS, name: 'checkout' });
    const late = await call(app, alice, 'POST', `/api/clients/${abandoned.id}/complete`, {
      ...WEB_DETAILS,
      name: 'Checkout',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json<ErrorResponse>().details?.[0]?.field).toBe('name');
  });

  it('refuses descriptions with hidden characters, keeping line breaks', async () => {
    const { client } = await createClient(alice, [pay.entryId]);
    const draft = await createDraft(alice, [pay.entryId]);
    const message =
      'Use visible characters and line breaks only, without control or text-direction characters.';
    for (const res of [
      await call(app, alice, 'PATCH', `/api/clients/${client.id}`, { description: 'Pays \u202eyrtne' }),
      await call(app, alice, 'POST', `/api/clients/${draft.id}/complete`, {
        ...WEB_DETAILS,
        name: 'Described',
        description: 'bell\u0007',
      }),
    ]) {
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorResponse>().details).toEqual([{ field: 'description', message }]);
    }
    const ok = await call(app, alice, 'PATCH', `/api/clients/${client.id}`, {
      description: 'Line one\nLine two',
    });
    expect(ok.json<OAuthClient>().description).toBe('Line one\nLine two');
  });

  it('refuses names with nothing visible or with hidden characters', async () => {
    const { client } = await createClient(alice, [pay.entryId]);
    const draft = await createDraft(alice, [pay.entryId]);
    for (const [name, message] of [
      ['\u200b', 'Enter a name.'],
      ['\u00a0\ufeff', 'Enter a name.'],
      ['Shop\u0000', 'Use visible characters only, without control or text-direction characters.'],
      ['Shop \u202epohS', 'Use visible characters only, without control or text-direction characters.'],
    ]) {
      for (const res of [
        await call(app, alice, 'PATCH', `/api/clients/${client.id}`, { name }),
        await call(app, alice, 'POST', `/api/clients/${draft.id}/complete`, { ...WEB_DETAILS, name }),
      ]) {
        expect(res.statusCode, JSON.stringify(name)).toBe(400);
        expect(res.json<ErrorResponse>().details).toEqual([{ field: 'name', message }]);
      }
    }
  });

  it('refuses an app type whose grant an API does not allow', async () => {
    const draft = await createDraft(alice, [ccOnly.entryId]);
    const res = await call(app, alice, 'POST', `/api/clients/${draft.id}/complete`, WEB_DETAILS);
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorResponse>().details).toEqual([
      {
        field: 'appType',
        message:
          'Reports does not allow the authorization code flow. Choose another app type or remove the API.',
      },
    ]);
  });

  it('leaves a client pending while a manual-approval API waits', async () => {
    const { client } = await createClient(alice, [pay.entryId, orders.entryId]);
    expect(client.status).toBe('pending');
    expect(client.apis.map((a) => [a.name, a.status])).toEqual([
      ['Payments', 'active'],
      ['Orders', 'pending'],
    ]);
    const list = (await call(app, alice, 'GET', '/api/clients')).json<OAuthClientList>();
    expect(list.items.find((c) => c.id === client.id)?.status).toBe('pending');

    // Removing the only API waiting for approval makes the client active.
    const res = await call(app, alice, 'DELETE', `/api/clients/${client.id}/apis/${orders.entryId}`);
    expect(res.json<{ client: OAuthClient }>().client.status).toBe('active');
  });
});

describe('per-developer client limit', () => {
  it('refuses more clients than the entry allows, naming the limit', async () => {
    const limited = createEntry(app, { name: 'Limited', maxClientsPerDeveloper: 1 });
    const carol = await newDeveloper();
    const pendingDraft = await createDraft(carol, [limited.entryId]);
    await createClient(carol, [limited.entryId]);

    const res = await call(app, carol, 'POST', '/api/clients', { catalogueEntryIds: [limited.entryId] });
    expect(res.statusCode).toBe(409);
    const body = res.json<ErrorResponse>();
    expect(body.message).toBe('Limited allows at most 1 OAuth client per developer, and you already have 1.');
    expect(body.details?.[0]?.field).toBe('catalogueEntryIds/0');

    // A draft made before the limit was reached cannot be completed past it either.
    const complete = await call(app, carol, 'POST', `/api/clients/${pendingDraft.id}/complete`, {
      ...WEB_DETAILS,
      name: 'Second',
    });
    expect(complete.statusCode).toBe(409);

    // Nor can the entry be added to another client; other developers have their own allowance.
    const other = await createClient(carol, [pay.entryId]);
    const add = await call(app, carol, 'POST', `/api/clients/${other.client.id}/apis`, {
      catalogueEntryId: limited.entryId,
    });
    expect(add.statusCode).toBe(409);
    await createClient(await newDeveloper(), [limited.entryId]);
  });

  it(`refuses a developer's ${MAX_CLIENTS_PER_DEVELOPER + 1}th client, drafts included, until one is deleted`, async () => {
    const dave = await newDeveloper();
    const first = await createDraft(dave, [pay.entryId]);
    for (let i = 1; i < MAX_CLIENTS_PER_DEVELOPER; i++) await createDraft(dave, [pay.entryId]);

    const refused = await call(app, dave, 'POST', '/api/clients', { catalogueEntryIds: [pay.entryId] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<ErrorResponse>().message).toBe(
      `You have ${MAX_CLIENTS_PER_DEVELOPER} OAuth clients (drafts included), the most one developer may have. Delete one you no longer use first.`,
    );
    expect((await call(app, dave, 'GET', '/api/clients')).json<OAuthClientList>().items).toHaveLength(
      MAX_CLIENTS_PER_DEVELOPER,
    );

    const deleted = await call(app, dave, 'DELETE', `/api/clients/${first.id}`, { confirmName: first.name });
    expect(deleted.statusCode, deleted.body).toBe(200);
    await createDraft(dave, [pay.entryId]);
  });
});

describe('APIs of a client', () => {
  it('adds an API once, and only OAuth 2.0 public entries', async () => {
    const { client } = await createClient(alice, [pay.entryId]);
    const added = await call(app, alice, 'POST', `/api/clients/${client.id}/apis`, {
      catalogueEntryId: orders.entryId,
    });
    expect(added.statusCode, added.body).toBe(200);
    // A manual entry added later waits on its own; the client keeps working.
    expect(added.json<{ client: OAuthClient }>().client).toMatchObject({ status: 'active' });
    expect(added.json<{ client: OAuthClient }>().client.apis.find((a) => a.name === 'Orders')?.status).toBe(
      'pending',
    );

    const twice = await call(app, alice, 'POST', `/api/clients/${client.id}/apis`, {
      catalogueEntryId: orders.entryId,
    });
    expect(twice.statusCode).toBe(409);
    const keylessAdd = await call(app, alice, 'POST', `/api/clients/${client.id}/apis`, {
      catalogueEntryId: keyless.entryId,
    });
    expect(keylessAdd.statusCode).toBe(400);
    expect(keylessAdd.json<ErrorResponse>().details?.[0]?.field).toBe('catalogueEntryId');
  });

  it('takes no new API on a rejected client, which keeps its rejection reason', async () => {
    const { client } = await createClient(alice, [pay.entryId]);
    app.database.db
      .update(oauthClients)
      .set({ status: 'rejected', rejectionReason: 'Missing company details' })
      .where(eq(oauthClients.id, client.id))
      .run();
    const add = await call(app, alice, 'POST', `/api/clients/${client.id}/apis`, {
      catalogueEntryId: orders.entryId,
    });
    expect(add.statusCode).toBe(409);
    expect(add.json<ErrorResponse>().message).toMatch(/rejected/);
    expect((await call(app, alice, 'GET', `/api/clients/${client.id}`)).json<OAuthClient>()).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Missing company details',
      apis: [{ catalogueEntryId: pay.entryId }],
    });
  });

  it('refuses APIs beyond CLIENT_APIS_MAX added one at a time, as it refuses a longer list', async () => {
    const session = await newDeveloper();
    const entries = Array.from({ length: CLIENT_APIS_MAX + 1 }, () => createEntry(app).entryId);
    const tooLong = await call(app, session, 'POST', '/api/clients', { catalogueEntryIds: entries });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json<ErrorResponse>()).toMatchObject({
      error: 'validation_failed',
      details: [{ field: 'catalogueEntryIds' }],
    });

    const draft = await createDraft(session, entries.slice(0, CLIENT_APIS_MAX - 1));
    const add = (catalogueEntryId: string | undefined) =>
      call(app, session, 'POST', `/api/clients/${draft.id}/apis`, { catalogueEntryId });
    expect((await add(entries[CLIENT_APIS_MAX - 1])).statusCode).toBe(200);
    const overDraft = await add(entries[CLIENT_APIS_MAX]);
    expect(overDraft.statusCode).toBe(400);
    expect(overDraft.json<ErrorResponse>()).toMatchObject({
      error: 'validation_failed',
      details: [{ field: 'catalogueEntryId' }],
    });

    // The same once the client is set up.
    const completed = await call(app, session, 'POST', `/api/clients/${draft.id}/complete`, WEB_DETAILS);
    expect(completed.statusCode, completed.body).toBe(200);
    const overActive = await add(entries[CLIENT_APIS_MAX]);
    expect(overActive.statusCode).toBe(400);
    expect(overActive.json<ErrorResponse>().error).toBe('validation_failed');
    const got = await call(app, session, 'GET', `/api/clients/${draft.id}`);
    expect(got.json<OAuthClient>().apis).toHaveLength(CLIENT_APIS_MAX);
  });

  it('removing an API revokes the tokens that covered it, and only those', async () => {
    const { client } = await createClient(alice, [pay.entryId, ccOnly.entryId], {
      name: 'Two APIs',
      appType: 'service',
      redirectUris: [],
    });
    const payTokens = insertTokens(client.id, [pay.audience]);
    const reportTokens = insertTokens(client.id, [ccOnly.audience]);

    const res = await call(app, alice, 'DELETE', `/api/clients/${client.id}/apis/${pay.entryId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ revokedTokens: number }>().revokedTokens).toBe(2);
    expect(app.repos.oauthGrants.findAccessToken(payTokens.access.jti)?.revokedAt).not.toBeNull();
    expect(app.repos.tokens.findRefreshTokenById(payTokens.refresh.id)?.revokedAt).not.toBeNull();
    expect(app.repos.oauthGrants.findAccessToken(reportTokens.access.jti)?.revokedAt).toBeNull();
    expect(app.repos.tokens.findRefreshTokenById(reportTokens.refresh.id)?.revokedAt).toBeNull();

    const last = await call(app, alice, 'DELETE', `/api/clients/${client.id}/apis/${ccOnly.entryId}`);
    expect(last.statusCode).toBe(409);
    const unknown = await call(app, alice, 'DELETE', `/api/clients/${client.id}/apis/${pay.entryId}`);
    expect(unknown.statusCode).toBe(404);
  });

  it('revokes a grant covering the removed API even once its access tokens were swept away', async () => {
    const { client } = await createClient(alice, [pay.entryId, ccOnly.entryId], {
      name: 'Idle grant',
      appType: 'service',
      redirectUris: [],
    });
    // A grant idle for days: its access tokens expired and the retention sweep deleted them, while
    // its refresh token still works and could mint tokens for the API again.
    const now = new Date();
    const grant = { id: randomUUID(), clientId: client.id, grantType: 'authorization_code' as const };
    app.repos.oauthGrants.insertGrant({ ...grant, scopes: [], apiIds: [pay.apiId], createdAt: now });
    const refresh = {
      id: randomUUID(),
      hash: randomUUID(),
      grantId: grant.id,
      clientId: client.id,
      scopes: [],
      createdAt: now,
      expiresAt: new Date(now.getTime() + 30 * 86_400_000),
    };
    app.repos.oauthGrants.insertRefreshToken(refresh);
    const other = { id: randomUUID(), clientId: client.id, grantType: 'authorization_code' as const };
    app.repos.oauthGrants.insertGrant({ ...other, scopes: [], apiIds: [ccOnly.apiId], createdAt: now });

    const res = await call(app, alice, 'DELETE', `/api/clients/${client.id}/apis/${pay.entryId}`);
    expect(res.json<{ revokedTokens: number }>().revokedTokens).toBe(1);
    expect(app.repos.tokens.findRefreshTokenById(refresh.id)?.revokedAt).not.toBeNull();
    expect(app.repos.oauthGrants.findGrant(grant.id)?.revokedAt).not.toBeNull();
    expect(app.repos.oauthGrants.findGrant(other.id)?.revokedAt).toBeNull();
  });

  it('keeps tokens when another remaining entry still publishes the same API', async () => {
    const samePayments = createEntry(app, { name: 'Payments (partner plan)', apiId: pay.apiId });
    const { client } = await createClient(alice, [pay.entryId, samePayments.entryId]);
    const tokens = insertTokens(client.id, [pay.audience]);
    const res = await call(app, alice, 'DELETE', `/api/clients/${client.id}/apis/${samePayments.entryId}`);
    expect(res.json<{ revokedTokens: number }>().revokedTokens).toBe(0);
    expect(app.repos.oauthGrants.findAccessToken(tokens.access.jti)?.revokedAt).toBeNull();
  });
});

describe('secrets', () => {
  it('rotates with a grace period: two active secrets, then the old one expires', async () => {
    const { client, clientSecret } = await createClient(alice, [pay.entryId]);
    const first = clientSecret!;

    const res = await call(app, alice, 'POST', `/api/clients/${client.id}/secrets/rotate`, {
      gracePeriod: '24h',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const rotated = res.json<RotateSecretResult>();
    const second = rotated.clientSecret;
    expect(second).toMatch(/^pcs_/);
    expect(second).not.toBe(first);
    expect(rotated.secrets.filter((s) => s.status === 'active')).toHaveLength(2);
    const old = rotated.secrets.find((s) => s.id !== rotated.secret.id)!;
    const graceMs = new Date(old.expiresAt!).getTime() - Date.now();
    expect(graceMs).toBeGreaterThan(23.9 * 3_600_000);
    expect(graceMs).toBeLessThanOrEqual(24 * 3_600_000);

    // Both secrets authenticate during the grace period.
    expect(verifyClientSecret(app.repos.clientSecrets, client.id, first)).toEqual({ secretId: old.id });
    expect(verifyClientSecret(app.repos.clientSecrets, client.id, second)).toEqual({
      secretId: rotated.secret.id,
    });

    // The new secret is never returned again.
    const listBody = (await call(app, alice, 'GET', `/api/clients/${client.id}/secrets`)).body;
    expect(listBody).not.toContain(second);

    // At most two active secrets.
    const third = await call(app, alice, 'POST', `/api/clients/${client.id}/secrets/rotate`, {
      gracePeriod: '1h',
    });
    expect(third.statusCode).toBe(409);

    // Once the grace period is over, the old secret stops working.
    app.repos.clientSecrets.setExpiry(old.id, new Date(Date.now() - 1000));
    expect(verifyClientSecret(app.repos.clientSecrets, client.id, first)).toBeNull();
    expect(verifyClientSecret(app.repos.clientSecrets, client.id, second)).not.toBeNull();
    const list = (
      await call(app, alice, 'GET', `/api/clients/${client.id}/secrets`)
    ).json<ClientSecretList>();
    expect(list.items.map((s) => s.status)).toEqual(['active', 'expired']);
    const used = list.items.find((s) => s.id === rotated.secret.id);
    expect(used?.lastUsedAt).not.toBeNull();
  });

  it('"Immediately" replaces the secret at once', async () => {
    const { client, clientSecret } = await createClient(alice, [pay.entryId]);
    const res = await call(app, alice, 'POST', `/api/clients/${client.id}/secrets/rotate`, {
      gracePeriod: 'immediately',
    });
    expect(res.statusCode).toBe(201);
    expect(verifyClientSecret(app.repos.clientSecrets, client.id, clientSecret!)).toBeNull();
    expect(
      verifyClientSecret(app.repos.clientSecrets, client.id, res.json<RotateSecretResult>().clientSecret),
    ).not.toBeNull();
    const bad = await call(app, alice, 'POST', `/api/clients/${client.id}/secrets/rotate`, {
      gracePeriod: '2d',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('"Immediately" also replaces both secrets of a grace period (a leaked new secret)', async () => {
    const { client, clientSecret } = await createClient(alice, [pay.entryId]);
    const rotate = (gracePeriod: string) =>
      call(app, alice, 'POST', `/api/clients/${client.id}/secrets/rotate`, { gracePeriod });
    const leaked = (await rotate('24h')).json<RotateSecretResult>().clientSecret;
    expect((await rotate('1h')).json<ErrorResponse>().message).toBe(
      'This client already has two active secrets. Revoke the older one first, or rotate with "Immediately" to replace both.',
    );

    const res = await rotate('immediately');
    expect(res.statusCode, res.body).toBe(201);
    const replaced = res.json<RotateSecretResult>();
    expect(replaced.secrets.filter((s) => s.status === 'active').map((s) => s.id)).toEqual([
      replaced.secret.id,
    ]);
    for (const old of [clientSecret!, leaked]) {
      expect(verifyClientSecret(app.repos.clientSecrets, client.id, old)).toBeNull();
    }
    expect(verifyClientSecret(app.repos.clientSecrets, client.id, replaced.clientSecret)).not.toBeNull();
  });

  it('revokes the old secret early, but never the current or the last working one', async () => {
    const { client, clientSecret } = await createClient(alice, [pay.entryId]);
    const rotated = (
      await call(app, alice, 'POST', `/api/clients/${client.id}/secrets/rotate`, { gracePeriod: '7d' })
    ).json<RotateSecretResult>();
    const old = rotated.secrets.find((s) => s.id !== rotated.secret.id)!;

    // Not the new secret during the grace period: the old one would lock the client out when it expires.
    const current = await call(
      app,
      alice,
      'DELETE',
      `/api/clients/${client.id}/secrets/${rotated.secret.id}`,
    );
    expect(current.statusCode).toBe(409);
    expect(current.json<ErrorResponse>().message).toMatch(/^This is the current secret/);
    expect(verifyClientSecret(app.repos.clientSecrets, client.id, rotated.clientSecret)).toEqual({
      secretId: rotated.secret.id,
    });

    const res = await call(app, alice, 'DELETE', `/api/clients/${client.id}/secrets/${old.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: old.id, status: 'revoked' });
    expect(verifyClientSecret(app.repos.clientSecrets, client.id, clientSecret!)).toBeNull();

    const last = await call(app, alice, 'DELETE', `/api/clients/${client.id}/secrets/${rotated.secret.id}`);
    expect(last.statusCode).toBe(409);
    const unknown = await call(app, alice, 'DELETE', `/api/clients/${client.id}/secrets/${randomUUID()}`);
    expect(unknown.statusCode).toBe(404);
  });
});

describe('tokens', () => {
  it('counts active tokens and revokes them all', async () => {
    const { client } = await createClient(alice, [pay.entryId]);
    insertTokens(client.id, [pay.audience]);
    insertTokens(client.id, [pay.audience]);
    // An expired access token is not active (its refresh token still is).
    insertTokens(client.id, [pay.audience], new Date(Date.now() - 1000));

    const summary = (
      await call(app, alice, 'GET', `/api/clients/${client.id}/tokens/summary`)
    ).json<TokenSummary>();
    expect(summary).toEqual({ active: 5, accessTokens: 2, refreshTokens: 3 });

    const res = await call(app, alice, 'POST', `/api/clients/${client.id}/tokens/revoke-all`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ revoked: 5 });
    const after = (
      await call(app, alice, 'GET', `/api/clients/${client.id}/tokens/summary`)
    ).json<TokenSummary>();
    expect(after).toEqual({ active: 0, accessTokens: 0, refreshTokens: 0 });
  });
});

describe('DELETE /api/clients/:id', () => {
  it('needs the exact name, then revokes every token and secret', async () => {
    const { client, clientSecret } = await createClient(alice, [pay.entryId], {
      ...WEB_DETAILS,
      name: 'Doomed app',
    });
    const tokens = insertTokens(client.id, [pay.audience]);

    const wrong = await call(app, alice, 'DELETE', `/api/clients/${client.id}`, {
      confirmName: 'doomed app',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<ErrorResponse>().details?.[0]?.field).toBe('confirmName');
    expect((await call(app, alice, 'DELETE', `/api/clients/${client.id}`)).statusCode).toBe(400);

    const res = await call(app, alice, 'DELETE', `/api/clients/${client.id}`, { confirmName: 'Doomed app' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ deleted: true, revokedTokens: 2 });

    expect((await call(app, alice, 'GET', `/api/clients/${client.id}`)).statusCode).toBe(404);
    expect(app.repos.oauthGrants.findAccessToken(tokens.access.jti)?.revokedAt).not.toBeNull();
    expect(app.repos.tokens.findRefreshTokenById(tokens.refresh.id)?.revokedAt).not.toBeNull();
    expect(verifyClientSecret(app.repos.clientSecrets, client.id, clientSecret!)).toBeNull();
    expect(app.repos.clients.findByClientId(client.clientId)).toBeUndefined();
    // The name is free again.
    await createClient(alice, [pay.entryId], { ...WEB_DETAILS, name: 'Doomed app' });
  });

  it('discards a draft (its name is empty)', async () => {
    const draft = await createDraft(alice, [pay.entryId]);
    const res = await call(app, alice, 'DELETE', `/api/clients/${draft.id}`, { confirmName: '' });
    expect(res.statusCode).toBe(200);
  });
});

describe('ownership', () => {
  it("answers 404 on every route for another developer's client", async () => {
    const { client } = await createClient(alice, [pay.entryId]);
    const secretId = (
      await call(app, alice, 'GET', `/api/clients/${client.id}/secrets`)
    ).json<ClientSecretList>().items[0]!.id;
    const base = `/api/clients/${client.id}`;
    const routes: [string, string, unknown?][] = [
      ['GET', base],
      ['PATCH', base, { name: 'Taken over' }],
      ['POST', `${base}/complete`, WEB_DETAILS],
      ['POST', `${base}/apis`, { catalogueEntryId: orders.entryId }],
      ['DELETE', `${base}/apis/${pay.entryId}`],
      ['GET', `${base}/secrets`],
      ['POST', `${base}/secrets/rotate`, { gracePeriod: 'immediately' }],
      ['DELETE', `${base}/secrets/${secretId}`],
      ['GET', `${base}/tokens/summary`],
      ['POST', `${base}/tokens/revoke-all`],
      ['DELETE', base, { confirmName: client.name }],
    ];
    // Every route with an `:id` that the clients plugin declares is in the table above.
    const covered = routes.map(
      ([method, url]) =>
        `${method} ${url.replace(client.id, ':id').replace(pay.entryId, ':entryId').replace(secretId, ':secretId')}`,
    );
    const declared = clientRoutes.filter((route) => route.includes(':id'));
    expect(declared.length).toBeGreaterThanOrEqual(11);
    expect(new Set(covered)).toEqual(new Set(declared));

    for (const [method, url, payload] of routes) {
      const res = await call(app, bob, method as 'GET', url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.body).not.toContain(client.clientId);
    }
    // Nothing changed for the owner.
    const still = (await call(app, alice, 'GET', base)).json<OAuthClient>();
    expect(still.name).toBe(client.name);
    expect((await call(app, alice, 'GET', `${base}/secrets`)).json<ClientSecretList>().items).toHaveLength(1);
    const bobsList = (await call(app, bob, 'GET', '/api/clients')).json<OAuthClientList>();
    expect(bobsList.items.map((c) => c.id)).not.toContain(client.id);
  });
});

describe('audit', () => {
  it('makes no change whose audit event could not be written', async () => {
    const { client, clientSecret } = await createClient(alice, [pay.entryId]);
    const secretsBefore = (await call(app, alice, 'GET', `/api/clients/${client.id}/secrets`)).json();
    // An unanswered "Immediately" rotation would have locked the client out with a secret nobody saw.
    await expectFailedAuditWrite(app, () =>
      call(app, alice, 'POST', `/api/clients/${client.id}/secrets/rotate`, { gracePeriod: 'immediately' }),
    );
    expect((await call(app, alice, 'GET', `/api/clients/${client.id}/secrets`)).json()).toEqual(
      secretsBefore,
    );
    expect(clientSecret).toBeTruthy();

    const draft = await createDraft(alice, [pay.entryId]);
    // A completion that was not answered leaves the draft to complete again (its secret was never shown).
    await expectFailedAuditWrite(app, () =>
      call(app, alice, 'POST', `/api/clients/${draft.id}/complete`, WEB_DETAILS),
    );
    expect((await call(app, alice, 'GET', `/api/clients/${draft.id}`)).json<OAuthClient>().status).toBe(
      'draft',
    );

    await expectFailedAuditWrite(app, () =>
      call(app, alice, 'DELETE', `/api/clients/${client.id}`, { confirmName: client.name }),
    );
    expect((await call(app, alice, 'GET', `/api/clients/${client.id}`)).statusCode).toBe(200);

    const drafts = () => app.repos.clients.countLiveOwnedBy(alice.user.id);
    const before = drafts();
    await expectFailedAuditWrite(app, () =>
      call(app, alice, 'POST', '/api/clients', { catalogueEntryIds: [pay.entryId] }),
    );
    expect(drafts()).toBe(before);
  });

  it('records create, update, complete, rotate, revoke and delete', async () => {
    const { client } = await createClient(alice, [pay.entryId], { ...WEB_DETAILS, name: 'Audited' });
    await call(app, alice, 'PATCH', `/api/clients/${client.id}`, { description: 'changed' });
    const rotated = (
      await call(app, alice, 'POST', `/api/clients/${client.id}/secrets/rotate`, { gracePeriod: '1h' })
    ).json<RotateSecretResult>();
    const old = rotated.secrets.find((s) => s.id !== rotated.secret.id)!;
    await call(app, alice, 'DELETE', `/api/clients/${client.id}/secrets/${old.id}`);
    await call(app, alice, 'POST', `/api/clients/${client.id}/tokens/revoke-all`);
    await call(app, alice, 'DELETE', `/api/clients/${client.id}`, { confirmName: 'Audited' });

    const events = app.repos.audit.list({
      page: 1,
      pageSize: 50,
      targetType: 'oauth_client',
      targetId: client.id,
    });
    expect(events.items.map((e) => e.action).reverse()).toEqual([
      'client.created',
      'client.completed',
      'client.updated',
      'client.secret_rotated',
      'client.secret_revoked',
      'client.tokens_revoked',
      'client.deleted',
    ]);
    expect(events.items.every((e) => e.actorId === alice.user.id)).toBe(true);
    expect(JSON.stringify(events.items)).not.toContain(rotated.clientSecret);
  });
});
