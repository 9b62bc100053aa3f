import type { AdminClientList, DeveloperPage } from '@portico/contracts';
import { describe, expect, it } from 'vitest';
import {
  createApi,
  createEntry,
  createPolicy,
  insertAccessToken,
  insertClient,
  isRevoked,
  setupAdminApp,
} from '../../test/admin-fixtures.js';
import {
  createUser,
  expectFailedAuditWrite,
  login,
  TEST_PASSWORD,
  type TestApp,
  type TestSession,
  uniqueEmail,
} from '../../test/helpers.js';

let app: TestApp;
let admin: TestSession;

setupAdminApp((setup) => ({ app, admin } = setup));

const post = (url: string, payload?: object) =>
  app.inject({ method: 'POST', url, headers: admin.headers, ...(payload ? { payload } : {}) });
const get = (url: string) => app.inject({ method: 'GET', url, headers: admin.headers });

describe('POST /api/admin/developers', () => {
  it('creates a developer with a temporary password that works for login', async () => {
    const email = uniqueEmail('NewDev').toUpperCase();
    const res = await post('/api/admin/developers', { email, name: ' Grace ', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      email: email.toLowerCase(),
      name: 'Grace',
      role: 'developer',
      status: 'active',
      clientCount: 0,
    });
    expect(res.json()).not.toHaveProperty('passwordHash');
    await expect(login(app, email, TEST_PASSWORD)).resolves.toMatchObject({ user: { role: 'developer' } });
  });

  it('creates all or nothing: when the audit write fails, no account is left behind', async () => {
    const email = uniqueEmail('half');
    await expectFailedAuditWrite(app, () =>
      post('/api/admin/developers', { email, name: 'Half', password: TEST_PASSWORD }),
    );
    expect(app.repos.users.findByEmail(email)).toBeUndefined();
    // The same email can be used again at once.
    const retry = await post('/api/admin/developers', { email, name: 'Half', password: TEST_PASSWORD });
    expect(retry.statusCode).toBe(201);
  });

  it('applies the registration password policy and unique emails', async () => {
    const common = await post('/api/admin/developers', {
      email: uniqueEmail(),
      name: 'Weak',
      password: 'password1234',
    });
    expect(common.statusCode).toBe(400);
    expect(common.json().details).toEqual([
      { field: 'password', message: expect.stringContaining('common') },
    ]);
    const short = await post('/api/admin/developers', {
      email: uniqueEmail(),
      name: 'Short',
      password: 'short',
    });
    expect(short.statusCode).toBe(400);
    const existing = await createUser(app);
    const taken = await post('/api/admin/developers', {
      email: existing.email,
      name: 'Dup',
      password: TEST_PASSWORD,
    });
    expect(taken.statusCode).toBe(409);
    const bad = await post('/api/admin/developers', {
      email: 'not-an-email',
      name: 'x',
      password: TEST_PASSWORD,
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('GET /api/admin/developers', () => {
  it('searches by email or name, filters by status, paginates, and leaves admins out', async () => {
    const tag = `dev${Date.now().toString(36)}`;
    await createUser(app, { name: `${tag} Alice`, email: uniqueEmail(`${tag}-a`) });
    await createUser(app, { name: 'Bob', email: uniqueEmail(`${tag}-b`), status: 'inactive' });
    await createUser(app, { name: `${tag} Admin`, role: 'admin' });

    const byTag = (await get(`/api/admin/developers?q=${tag}&sort=name&order=asc`)).json() as DeveloperPage;
    expect(byTag.total).toBe(2);
    expect(byTag.items.map((d) => d.name)).toEqual(['Bob', `${tag} Alice`]);
    expect(byTag.items.every((d) => d.role === 'developer')).toBe(true);

    const inactive = (await get(`/api/admin/developers?q=${tag}&status=inactive`)).json() as DeveloperPage;
    expect(inactive.items.map((d) => d.name)).toEqual(['Bob']);

    const paged = (
      await get(`/api/admin/developers?q=${tag}&pageSize=1&page=2&sort=email`)
    ).json() as DeveloperPage;
    expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.items).toHaveLength(1);
  });

  it('searches and sorts names beyond ASCII without regard to case', async () => {
    const tag = `u${Date.now().toString(36)}`;
    await createUser(app, { name: `Émile Zola ${tag}` });
    await createUser(app, { name: `zoë ${tag}` });
    await createUser(app, { name: `Emma ${tag}` });
    await createUser(app, { name: `100%_\\ ${tag}` });

    const names = async (q: string) =>
      (
        (await get(`/api/admin/developers?q=${encodeURIComponent(q)}&sort=name`)).json() as DeveloperPage
      ).items.map((d) => d.name);
    expect(await names(`émile zola ${tag}`)).toEqual([`Émile Zola ${tag}`]);
    expect(await names(`ZOË ${tag}`)).toEqual([`zoë ${tag}`]);
    // Wildcards in the query match themselves.
    expect(await names(`%_\\ ${tag}`)).toEqual([`100%_\\ ${tag}`]);
    // Sorted by the folded name: case does not matter (accented letters still come after z).
    expect(await names(tag)).toEqual([`100%_\\ ${tag}`, `Emma ${tag}`, `zoë ${tag}`, `Émile Zola ${tag}`]);
  });

  it('answers 404 for an admin id or an unknown id', async () => {
    expect((await get(`/api/admin/developers/${admin.user.id}`)).statusCode).toBe(404);
    expect((await get('/api/admin/developers/missing')).statusCode).toBe(404);
  });
});

describe('PATCH /api/admin/developers/:id', () => {
  it('edits name and email, refusing an email in use', async () => {
    const dev = await createUser(app);
    const other = await createUser(app);
    const url = `/api/admin/developers/${dev.id}`;
    const res = await app.inject({
      method: 'PATCH',
      url,
      headers: admin.headers,
      payload: { name: 'Renamed' },
    });
    expect(res.json()).toMatchObject({ name: 'Renamed', email: dev.email });
    const clash = await app.inject({
      method: 'PATCH',
      url,
      headers: admin.headers,
      payload: { email: other.email },
    });
    expect(clash.statusCode).toBe(409);
    const extra = await app.inject({
      method: 'PATCH',
      url,
      headers: admin.headers,
      payload: { role: 'admin' },
    });
    expect(extra.statusCode).toBe(400);
  });

  it('refuses a name that is blank once trimmed, on create and on edit', async () => {
    const dev = await createUser(app, { name: 'Kept Name' });
    const blank = await app.inject({
      method: 'PATCH',
      url: `/api/admin/developers/${dev.id}`,
      headers: admin.headers,
      payload: { name: '   ' },
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toMatchObject({ error: 'validation_failed', details: [{ field: 'name' }] });
    expect((await get(`/api/admin/developers/${dev.id}`)).json()).toMatchObject({ name: 'Kept Name' });

    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/developers',
      headers: admin.headers,
      payload: { email: uniqueEmail('blank'), name: ' \t ', password: TEST_PASSWORD },
    });
    expect(created.statusCode).toBe(400);
    expect(created.json()).toMatchObject({ error: 'validation_failed', details: [{ field: 'name' }] });
  });
});

describe('deactivate / reactivate', () => {
  /** A signed-in developer with a client subscribed to a fresh API, and a live token of that client. */
  async function signedInDeveloperWithToken() {
    const dev = await createUser(app);
    const session = await login(app, dev.email, dev.password);
    const api = await createApi(app, admin);
    const policy = await createPolicy(app, admin, [api.id]);
    const entry = await createEntry(app, admin, { apiId: api.id, policyId: policy.id });
    const client = await insertClient(app, { ownerId: dev.id, subscriptions: [{ entryId: entry.id }] });
    const token = insertAccessToken(app, { clientId: client.id, listenPaths: [api.listenPath], scopes: [] });
    return { dev, session, token };
  }
  it('ends sessions at once and revokes the tokens of their clients; reactivation lets them sign in again', async () => {
    const { dev, session, token } = await signedInDeveloperWithToken();
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/me', headers: session.headers })).statusCode,
    ).toBe(200);

    const res = await post(`/api/admin/developers/${dev.id}/deactivate`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      developer: { status: 'inactive' },
      revokedSessions: 1,
      revokedTokens: 1,
    });
    expect(isRevoked(app, token)).toBe(true);
    // The very next request with the old cookie is refused.
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/me', headers: session.headers })).statusCode,
    ).toBe(401);
    await expect(login(app, dev.email, dev.password)).rejects.toThrow(/403/);

    // Deactivating twice changes nothing, and the audit log does not say it did.
    expect((await post(`/api/admin/developers/${dev.id}/deactivate`)).json()).toMatchObject({
      developer: { status: 'inactive' },
      revokedSessions: 0,
      revokedTokens: 0,
    });

    const back = await post(`/api/admin/developers/${dev.id}/reactivate`);
    expect(back.json()).toMatchObject({ developer: { status: 'active' } });
    await expect(login(app, dev.email, dev.password)).resolves.toBeTruthy();
    expect((await post(`/api/admin/developers/${dev.id}/reactivate`)).statusCode).toBe(200);

    const audit = (await get(`/api/admin/audit?targetType=user&targetId=${dev.id}&action=developer.`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual([
      'developer.reactivate',
      'developer.deactivate',
    ]);
  });

  it('deactivates all or nothing: when the audit write fails, sessions, tokens and status stay as they were', async () => {
    const { dev, session, token } = await signedInDeveloperWithToken();

    await expectFailedAuditWrite(app, () => post(`/api/admin/developers/${dev.id}/deactivate`));
    expect((await get(`/api/admin/developers/${dev.id}`)).json()).toMatchObject({ status: 'active' });
    expect(isRevoked(app, token)).toBe(false);
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/me', headers: session.headers })).statusCode,
    ).toBe(200);

    // Nothing half-done is in the way of trying again.
    const retry = await post(`/api/admin/developers/${dev.id}/deactivate`);
    expect(retry.json()).toMatchObject({ revokedSessions: 1, revokedTokens: 1 });
  });

  it('answers 404 for admins and unknown ids', async () => {
    expect((await post(`/api/admin/developers/${admin.user.id}/deactivate`)).statusCode).toBe(404);
    expect((await post('/api/admin/developers/missing/reactivate')).statusCode).toBe(404);
  });
});

describe('GET /api/admin/developers/:id/clients', () => {
  it("lists the developer's clients with their subscriptions", async () => {
    const dev = await createUser(app);
    const api = await createApi(app, admin);
    const policy = await createPolicy(app, admin, [api.id]);
    const entry = await createEntry(app, admin, { apiId: api.id, policyId: policy.id, approval: 'manual' });
    await insertClient(app, { ownerId: dev.id, name: 'Storefront', subscriptions: [{ entryId: entry.id }] });
    const res = await get(`/api/admin/developers/${dev.id}/clients`);
    const body = res.json() as AdminClientList;
    expect(body.items).toEqual([
      expect.objectContaining({
        name: 'Storefront',
        owner: { id: dev.id, email: dev.email, name: 'Test User' },
        subscriptions: [
          { catalogueEntryId: entry.id, name: entry.name, approval: 'manual', status: 'active' },
        ],
        redirectUris: ['https://app.example/callback'],
      }),
    ]);
    expect((await get(`/api/admin/developers/${dev.id}`)).json().clientCount).toBe(1);
    expect((await get('/api/admin/developers/missing/clients')).statusCode).toBe(404);
  });
});
