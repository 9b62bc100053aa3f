import type { CataloguePage } from '@portico/contracts';
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
import { expectFailedAuditWrite, type TestApp, type TestSession } from '../../test/helpers.js';

let app: TestApp;
let admin: TestSession;

setupAdminApp((setup) => ({ app, admin } = setup));

const post = (payload: object) =>
  app.inject({ method: 'POST', url: '/api/admin/catalogue', headers: admin.headers, payload });
const patch = (id: string, payload: object) =>
  app.inject({ method: 'PATCH', url: `/api/admin/catalogue/${id}`, headers: admin.headers, payload });

async function apiWithPolicy() {
  const api = await createApi(app, admin);
  const policy = await createPolicy(app, admin, [api.id]);
  return { api, policy };
}

describe('POST /api/admin/catalogue', () => {
  it('publishes an API with a policy that grants it', async () => {
    const { api, policy } = await apiWithPolicy();
    const res = await post({
      apiId: api.id,
      policyId: policy.id,
      name: 'Payments',
      shortDescription: 'Take payments',
      longDescription: '# Payments\n\n<script>alert(1)</script>',
      visibility: 'public',
      approval: 'manual',
      maxClientsPerDeveloper: 3,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      api: { id: api.id, name: api.name, authMode: 'oauth2' },
      policy: { id: policy.id, name: policy.name },
      name: 'Payments',
      // Stored verbatim: the renderers escape it, the API does not rewrite what the admin wrote.
      longDescription: '# Payments\n\n<script>alert(1)</script>',
      approval: 'manual',
      maxClientsPerDeveloper: 3,
      clientCount: 0,
    });
  });

  it('applies defaults: public, auto approval, unlimited clients', async () => {
    const { api, policy } = await apiWithPolicy();
    const res = await post({ apiId: api.id, policyId: policy.id, name: 'Defaults' });
    expect(res.json()).toMatchObject({
      visibility: 'public',
      approval: 'auto',
      maxClientsPerDeveloper: null,
      shortDescription: '',
      longDescription: '',
    });
  });

  it("refuses a policy that does not grant the entry's API (400 on policyId)", async () => {
    const { policy } = await apiWithPolicy();
    const other = await createApi(app, admin);
    const res = await post({ apiId: other.id, policyId: policy.id, name: 'Mismatch' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual([
      { field: 'policyId', message: expect.stringContaining('does not grant') },
    ]);
    expect(res.json().message).toContain(other.name);
  });

  it.each([
    [
      'an unknown API',
      (ids: { policyId: string }) => ({ apiId: 'missing', policyId: ids.policyId, name: 'x' }),
      'apiId',
    ],
    [
      'an unknown policy',
      (ids: { apiId: string }) => ({ apiId: ids.apiId, policyId: 'missing', name: 'x' }),
      'policyId',
    ],
  ])('refuses %s', async (_label, body, field) => {
    const { api, policy } = await apiWithPolicy();
    const res = await post(body({ apiId: api.id, policyId: policy.id }));
    expect(res.statusCode).toBe(400);
    expect(res.json().details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it.each([
    ['a blank name', { name: '' }],
    ['an invisible name', { name: '\u3164' }],
    ['a name with a control character', { name: 'Entry\u0007' }],
    ['an unknown visibility', { visibility: 'secret' }],
    ['an unknown approval mode', { approval: 'sometimes' }],
    ['a zero client limit', { maxClientsPerDeveloper: 0 }],
    ['a huge description', { longDescription: 'x'.repeat(20_001) }],
    ['an unknown field', { featured: true }],
  ])('refuses %s with 400', async (_label, override) => {
    const { api, policy } = await apiWithPolicy();
    const res = await post({ apiId: api.id, policyId: policy.id, name: 'Entry', ...override });
    expect(res.statusCode).toBe(400);
  });
});

describe('GET /api/admin/catalogue', () => {
  it('lists hidden entries too, with search, visibility filter and sorting', async () => {
    const tag = `cat${Date.now().toString(36)}`;
    const { api, policy } = await apiWithPolicy();
    await createEntry(app, admin, {
      apiId: api.id,
      policyId: policy.id,
      name: `${tag} B`,
      visibility: 'hidden',
    });
    await createEntry(app, admin, { apiId: api.id, policyId: policy.id, name: `${tag} A` });
    const all = await app.inject({
      method: 'GET',
      url: `/api/admin/catalogue?q=${tag}&sort=name`,
      headers: admin.headers,
    });
    expect((all.json() as CataloguePage).items.map((e) => e.name)).toEqual([`${tag} A`, `${tag} B`]);
    const hidden = await app.inject({
      method: 'GET',
      url: `/api/admin/catalogue?q=${tag}&visibility=hidden`,
      headers: admin.headers,
    });
    expect(hidden.json()).toMatchObject({ total: 1, items: [{ name: `${tag} B`, visibility: 'hidden' }] });
  });
});

describe('GET /api/admin/catalogue/:id', () => {
  it('returns the entry with its API, policy and client count, or 404', async () => {
    const { api, policy } = await apiWithPolicy();
    const entry = await createEntry(app, admin, { apiId: api.id, policyId: policy.id, visibility: 'hidden' });
    await insertClient(app, { subscriptions: [{ entryId: entry.id }] });
    const res = await app.inject({
      method: 'GET',
      url: `/api/admin/catalogue/${entry.id}`,
      headers: admin.headers,
    });
    expect(res.json()).toMatchObject({
      id: entry.id,
      visibility: 'hidden',
      api: { id: api.id },
      clientCount: 1,
    });
    const missing = await app.inject({
      method: 'GET',
      url: '/api/admin/catalogue/missing',
      headers: admin.headers,
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('PATCH /api/admin/catalogue/:id', () => {
  it('edits the entry and re-checks the policy', async () => {
    const { api, policy } = await apiWithPolicy();
    const entry = await createEntry(app, admin, { apiId: api.id, policyId: policy.id });
    const ok = await patch(entry.id, { name: 'Renamed', visibility: 'hidden', maxClientsPerDeveloper: null });
    expect(ok.json()).toMatchObject({ entry: { name: 'Renamed', visibility: 'hidden' }, revokedTokens: 0 });
    const unrelated = await createPolicy(app, admin, [(await createApi(app, admin)).id]);
    const bad = await patch(entry.id, { policyId: unrelated.id });
    expect(bad.statusCode).toBe(400);
    expect((await patch('missing', { name: 'x' })).statusCode).toBe(404);
  });

  it('moving to a narrower policy revokes the tokens it no longer covers', async () => {
    const { api, policy } = await apiWithPolicy();
    const narrow = await createPolicy(app, admin, [{ apiId: api.id, allowedScopes: ['payments:read'] }]);
    const entry = await createEntry(app, admin, { apiId: api.id, policyId: policy.id });
    const client = await insertClient(app, { subscriptions: [{ entryId: entry.id }] });
    const writer = insertAccessToken(app, {
      clientId: client.id,
      listenPaths: [api.listenPath],
      scopes: ['payments:write'],
    });
    const res = await patch(entry.id, { policyId: narrow.id });
    expect(res.json()).toMatchObject({ entry: { policy: { id: narrow.id } }, revokedTokens: 1 });
    expect(isRevoked(app, writer)).toBe(true);
  });

  it('refuses to move an entry that clients use to another API', async () => {
    const { api, policy } = await apiWithPolicy();
    const other = await createApi(app, admin);
    const both = await createPolicy(app, admin, [api.id, other.id]);
    const entry = await createEntry(app, admin, { apiId: api.id, policyId: both.id });
    await insertClient(app, { subscriptions: [{ entryId: entry.id }] });
    const res = await patch(entry.id, { apiId: other.id });
    expect(res.statusCode).toBe(409);
    expect(policy.id).toBeTruthy();
  });
});

describe('DELETE /api/admin/catalogue/:id', () => {
  it('deletes an unused entry', async () => {
    const { api, policy } = await apiWithPolicy();
    const entry = await createEntry(app, admin, { apiId: api.id, policyId: policy.id });
    const res = await app.inject({
      method: 'DELETE',
      url: `/api/admin/catalogue/${entry.id}`,
      headers: admin.headers,
    });
    expect(res.json()).toEqual({ deleted: true, unsubscribedClients: 0, revokedTokens: 0 });
  });

  it('refuses while clients use it, and cascades on request revoking their tokens', async () => {
    const { api, policy } = await apiWithPolicy();
    const entry = await createEntry(app, admin, { apiId: api.id, policyId: policy.id });
    const client = await insertClient(app, { subscriptions: [{ entryId: entry.id }] });
    const token = insertAccessToken(app, { clientId: client.id, listenPaths: [api.listenPath], scopes: [] });
    const blocked = await app.inject({
      method: 'DELETE',
      url: `/api/admin/catalogue/${entry.id}`,
      headers: admin.headers,
    });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().message).toContain('1 OAuth client');
    const res = await app.inject({
      method: 'DELETE',
      url: `/api/admin/catalogue/${entry.id}?cascade=true`,
      headers: admin.headers,
    });
    expect(res.json()).toEqual({ deleted: true, unsubscribedClients: 1, revokedTokens: 1 });
    expect(isRevoked(app, token)).toBe(true);
  });

  it('lets a client that waited only on the deleted entry go: it leaves the approvals queue, active', async () => {
    const { api, policy } = await apiWithPolicy();
    const manual = await createEntry(app, admin, { apiId: api.id, policyId: policy.id, approval: 'manual' });
    const auto = await createEntry(app, admin, { apiId: api.id, policyId: policy.id });
    const client = await insertClient(app, {
      status: 'pending',
      subscriptions: [{ entryId: auto.id }, { entryId: manual.id, status: 'pending' }],
    });
    const res = await app.inject({
      method: 'DELETE',
      url: `/api/admin/catalogue/${manual.id}?cascade=true`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    const queue = await app.inject({
      method: 'GET',
      url: '/api/admin/approvals?pageSize=100',
      headers: admin.headers,
    });
    expect(queue.json().items.map((item: { id: string }) => item.id)).not.toContain(client.id);
    expect(app.repos.approvals.findClient(client.id)?.status).toBe('active');
  });

  it('deletes all or nothing: when the audit write fails, the entry, its clients and tokens stay', async () => {
    const { api, policy } = await apiWithPolicy();
    const entry = await createEntry(app, admin, { apiId: api.id, policyId: policy.id });
    const client = await insertClient(app, { subscriptions: [{ entryId: entry.id }] });
    const token = insertAccessToken(app, { clientId: client.id, listenPaths: [api.listenPath], scopes: [] });
    const remove = () =>
      app.inject({
        method: 'DELETE',
        url: `/api/admin/catalogue/${entry.id}?cascade=true`,
        headers: admin.headers,
      });
    await expectFailedAuditWrite(app, remove);
    const after = await app.inject({
      method: 'GET',
      url: `/api/admin/catalogue/${entry.id}`,
      headers: admin.headers,
    });
    expect(after.statusCode).toBe(200);
    expect(isRevoked(app, token)).toBe(false);
    expect((await remove()).json()).toEqual({ deleted: true, unsubscribedClients: 1, revokedTokens: 1 });
  });
});
