import type { AdminPolicy, PolicyPage } from '@portico/contracts';
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

const policyBody = (apiId: string, overrides: object = {}) => ({
  name: 'Silver',
  accessRights: [{ apiId, allowedScopes: ['payments:read'] }],
  rateLimit: { requests: 10, perSeconds: 1 },
  quota: null,
  ...overrides,
});
const post = (payload: object) =>
  app.inject({ method: 'POST', url: '/api/admin/policies', headers: admin.headers, payload });
const patch = (id: string, payload: object) =>
  app.inject({ method: 'PATCH', url: `/api/admin/policies/${id}`, headers: admin.headers, payload });

describe('POST /api/admin/policies', () => {
  it('creates a policy with access rights, rate limit, unlimited quota and default token expiry', async () => {
    const api = await createApi(app, admin);
    const res = await post(policyBody(api.id));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      name: 'Silver',
      accessRights: [
        { apiId: api.id, apiName: api.name, authMode: 'oauth2', allowedScopes: ['payments:read'] },
      ],
      rateLimit: { requests: 10, perSeconds: 1 },
      quota: null,
      tokenExpiry: 3600,
      active: true,
      catalogueEntryCount: 0,
    });
  });

  it('refuses a scope the API does not define (400 on that access right)', async () => {
    const api = await createApi(app, admin);
    const res = await post(
      policyBody(api.id, { accessRights: [{ apiId: api.id, allowedScopes: ['admin:all'] }] }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual([
      { field: 'accessRights/0/allowedScopes', message: expect.stringContaining('"admin:all"') },
    ]);
  });

  it.each([
    ['no access rights', { accessRights: [] }],
    ['an unknown API', { accessRights: [{ apiId: 'missing', allowedScopes: [] }] }],
    ['a zero rate limit', { rateLimit: { requests: 0, perSeconds: 1 } }],
    ['a quota without renewal', { quota: { max: 10 } }],
    ['a token expiry of a week', { tokenExpiry: 604_800 }],
    ['an unknown field', { burst: 5 }],
    ['a blank name', { name: '\u00a0' }],
    ['a name with a direction override', { name: 'Gold \u202etier' }],
  ])('refuses %s with 400', async (_label, override) => {
    const api = await createApi(app, admin);
    const res = await post(policyBody(api.id, override));
    expect(res.statusCode).toBe(400);
  });

  it('refuses the same API twice', async () => {
    const api = await createApi(app, admin);
    const res = await post(
      policyBody(api.id, {
        accessRights: [
          { apiId: api.id, allowedScopes: [] },
          { apiId: api.id, allowedScopes: ['payments:read'] },
        ],
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].field).toBe('accessRights/1/apiId');
  });
});

describe('GET /api/admin/policies', () => {
  it('lists with search, API filter, sorting by rate and pagination; 404 for an unknown id', async () => {
    const tag = `pol${Date.now().toString(36)}`;
    const api = await createApi(app, admin);
    await createPolicy(app, admin, [api.id], {
      name: `${tag} slow`,
      rateLimit: { requests: 60, perSeconds: 60 },
    });
    await createPolicy(app, admin, [api.id], {
      name: `${tag} fast`,
      rateLimit: { requests: 10, perSeconds: 1 },
    });
    const other = await createApi(app, admin);
    await createPolicy(app, admin, [other.id], { name: `${tag} other` });

    const res = await app.inject({
      method: 'GET',
      url: `/api/admin/policies?q=${tag}&apiId=${api.id}&sort=rateLimit&order=desc`,
      headers: admin.headers,
    });
    const page = res.json() as PolicyPage;
    expect(page.total).toBe(2);
    expect(page.items.map((p) => p.name)).toEqual([`${tag} fast`, `${tag} slow`]);

    const paged = await app.inject({
      method: 'GET',
      url: `/api/admin/policies?q=${tag}&pageSize=1&page=3&sort=name`,
      headers: admin.headers,
    });
    expect(paged.json()).toMatchObject({ total: 3, page: 3, pageSize: 1, items: [{ name: `${tag} slow` }] });

    const missing = await app.inject({
      method: 'GET',
      url: '/api/admin/policies/missing',
      headers: admin.headers,
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('PATCH /api/admin/policies/:id', () => {
  async function setup() {
    const api = await createApi(app, admin);
    const policy = await createPolicy(app, admin, [api.id]);
    const entry = await createEntry(app, admin, { apiId: api.id, policyId: policy.id });
    const client = await insertClient(app, { subscriptions: [{ entryId: entry.id }] });
    return { api, policy, entry, client };
  }

  it('narrowing the scopes revokes exactly the tokens that exceed the new rights', async () => {
    const { api, policy, client } = await setup();
    const reader = insertAccessToken(app, {
      clientId: client.id,
      listenPaths: [api.listenPath],
      scopes: ['payments:read'],
    });
    const writer = insertAccessToken(app, {
      clientId: client.id,
      listenPaths: [api.listenPath],
      scopes: ['payments:write'],
    });
    const res = await patch(policy.id, {
      accessRights: [{ apiId: api.id, allowedScopes: ['payments:read'] }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      policy: { accessRights: [{ apiId: api.id, allowedScopes: ['payments:read'] }] },
      revokedTokens: 1,
    });
    expect(isRevoked(app, writer)).toBe(true);
    expect(isRevoked(app, reader)).toBe(false);
    const audit = await app.inject({
      method: 'GET',
      url: `/api/admin/audit?action=policy.update&targetId=${policy.id}`,
      headers: admin.headers,
    });
    expect(audit.json().items[0].meta).toEqual({ changed: ['accessRights'], revokedTokens: 1 });
  });

  it('narrows all or nothing: when the audit write fails, the rights and the tokens stay as they were', async () => {
    const { api, policy, client } = await setup();
    const writer = insertAccessToken(app, {
      clientId: client.id,
      listenPaths: [api.listenPath],
      scopes: ['payments:write'],
    });
    const narrow = { accessRights: [{ apiId: api.id, allowedScopes: ['payments:read'] }] };
    await expectFailedAuditWrite(app, () => patch(policy.id, narrow));
    const after = await app.inject({
      method: 'GET',
      url: `/api/admin/policies/${policy.id}`,
      headers: admin.headers,
    });
    expect(after.json().accessRights).toEqual(policy.accessRights);
    expect(isRevoked(app, writer)).toBe(false);
    // The retry makes the change, and the audit log has it.
    expect((await patch(policy.id, narrow)).json()).toMatchObject({ revokedTokens: 1 });
  });

  it('keeps a token that another subscription of the client still justifies', async () => {
    const { api, policy, entry } = await setup();
    const wide = await createPolicy(app, admin, [api.id]);
    const wideEntry = await createEntry(app, admin, { apiId: api.id, policyId: wide.id });
    const client = await insertClient(app, {
      subscriptions: [{ entryId: entry.id }, { entryId: wideEntry.id }],
    });
    const token = insertAccessToken(app, {
      clientId: client.id,
      listenPaths: [api.listenPath],
      scopes: ['payments:write'],
    });
    const res = await patch(policy.id, {
      accessRights: [{ apiId: api.id, allowedScopes: ['payments:read'] }],
    });
    expect(res.json().revokedTokens).toBe(0);
    expect(isRevoked(app, token)).toBe(false);
  });

  it('deactivating the policy revokes its tokens; limits alone revoke nothing', async () => {
    const { api, policy, client } = await setup();
    const token = insertAccessToken(app, { clientId: client.id, listenPaths: [api.listenPath], scopes: [] });
    const limits = await patch(policy.id, {
      rateLimit: { requests: 1, perSeconds: 60 },
      quota: { max: 5, renewalSeconds: 3600 },
    });
    expect(limits.json()).toMatchObject({
      policy: { rateLimit: { requests: 1, perSeconds: 60 }, quota: { max: 5, renewalSeconds: 3600 } },
      revokedTokens: 0,
    });
    expect(isRevoked(app, token)).toBe(false);
    const off = await patch(policy.id, { active: false });
    expect(off.json()).toMatchObject({ policy: { active: false }, revokedTokens: 1 });
    expect(isRevoked(app, token)).toBe(true);
  });

  it('refuses to stop granting an API a catalogue entry publishes with it (409 naming the entry)', async () => {
    const { policy, entry } = await setup();
    const other = await createApi(app, admin);
    const res = await patch(policy.id, { accessRights: [{ apiId: other.id, allowedScopes: [] }] });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain(entry.name);
  });

  it('validates like create and answers 404 for unknown ids', async () => {
    const { api, policy } = await setup();
    expect(
      (await patch(policy.id, { accessRights: [{ apiId: api.id, allowedScopes: ['nope'] }] })).statusCode,
    ).toBe(400);
    expect((await patch(policy.id, { name: '' })).statusCode).toBe(400);
    expect((await patch('missing', { name: 'x' })).statusCode).toBe(404);
  });
});

describe('DELETE /api/admin/policies/:id', () => {
  it('refuses while a catalogue entry uses it, then deletes', async () => {
    const api = await createApi(app, admin);
    const policy = (await createPolicy(app, admin, [api.id])) as AdminPolicy;
    const entry = await createEntry(app, admin, { apiId: api.id, policyId: policy.id });
    const blocked = await app.inject({
      method: 'DELETE',
      url: `/api/admin/policies/${policy.id}`,
      headers: admin.headers,
    });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().message).toContain(entry.name);

    await app.inject({ method: 'DELETE', url: `/api/admin/catalogue/${entry.id}`, headers: admin.headers });
    const res = await app.inject({
      method: 'DELETE',
      url: `/api/admin/policies/${policy.id}`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(204);
    const gone = await app.inject({
      method: 'DELETE',
      url: `/api/admin/policies/${policy.id}`,
      headers: admin.headers,
    });
    expect(gone.statusCode).toBe(404);
  });
});
