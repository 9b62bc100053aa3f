import { type AdminApi, type ApiPage, PAGE_MAX } from '@portico/contracts';
import { describe, expect, it } from 'vitest';
import {
  apiBody,
  createApi,
  createEntry,
  createPolicy,
  insertAccessToken,
  insertClient,
  isRevoked,
  setupAdminApp,
} from '../../test/admin-fixtures.js';
import { setApi } from '../../test/gateway-fixtures.js';
import { expectFailedAuditWrite, type TestApp, type TestSession } from '../../test/helpers.js';

let app: TestApp;
let admin: TestSession;

setupAdminApp((setup) => ({ app, admin } = setup));

const post = (payload: object) =>
  app.inject({ method: 'POST', url: '/api/admin/apis', headers: admin.headers, payload });
const patch = (id: string, payload: object) =>
  app.inject({ method: 'PATCH', url: `/api/admin/apis/${id}`, headers: admin.headers, payload });
const fields = (res: { json: () => { details?: { field: string }[] } }) =>
  (res.json().details ?? []).map((d) => d.field);

describe('POST /api/admin/apis', () => {
  it('creates an OAuth 2.0 API with a normalised listen path and records it in the audit log', async () => {
    const body = apiBody({ listenPath: 'Billing-Svc//V1', accessTokenTtl: 900 });
    const res = await post(body);
    expect(res.statusCode).toBe(201);
    const api = res.json() as AdminApi;
    expect(api).toMatchObject({
      name: body.name,
      slug: body.slug,
      listenPath: '/billing-svc/v1/',
      authMode: 'oauth2',
      active: true,
      accessTokenTtl: 900,
      refreshTokenTtl: 2_592_000,
      grantTypes: body.grantTypes,
    });
    const audit = await app.inject({
      method: 'GET',
      url: `/api/admin/audit?targetType=api&targetId=${api.id}`,
      headers: admin.headers,
    });
    expect(audit.json().items).toEqual([
      expect.objectContaining({
        action: 'api.create',
        actor: expect.objectContaining({ id: admin.user.id }),
      }),
    ]);
  });

  it('creates a keyless API without OAuth settings', async () => {
    const res = await post(apiBody({ authMode: 'keyless', grantTypes: [], scopes: [] }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ authMode: 'keyless', grantTypes: [], scopes: [] });
  });

  it.each([
    ['an unknown field', { extra: true }, 'extra'],
    ['a blank name', { name: ' \u200b ' }, 'name'],
    ['a name with a direction override', { name: 'Payments \u202eIPA' }, 'name'],
    ['a slug with capitals', { slug: 'Payments' }, 'slug'],
    ['an ftp upstream', { upstreamUrl: 'ftp://files.example/x' }, 'upstreamUrl'],
    ['an upstream with credentials', { upstreamUrl: 'https://user:pw@up.example' }, 'upstreamUrl'],
    ['a .. listen path', { listenPath: '/a/../b/' }, 'listenPath'],
    ['a bare / listen path', { listenPath: '/' }, 'listenPath'],
    ['an unknown auth mode', { authMode: 'basic' }, 'authMode'],
    ['oauth2 without grant types', { grantTypes: [] }, 'grantTypes'],
    [
      'refresh_token without authorization_code',
      { grantTypes: ['client_credentials', 'refresh_token'] },
      'grantTypes',
    ],
    ['the password grant', { grantTypes: ['password'] }, 'grantTypes/0'],
    ['a scope name with capitals', { scopes: [{ name: 'Read', description: '' }] }, 'scopes/0/name'],
    [
      'duplicate scope names',
      {
        scopes: [
          { name: 'read', description: 'a' },
          { name: 'read', description: 'b' },
        ],
      },
      'scopes/1/name',
    ],
    ['scopes on a keyless API', { authMode: 'keyless', grantTypes: [] }, 'scopes'],
    ['a token lifetime under a minute', { accessTokenTtl: 5 }, 'accessTokenTtl'],
  ])('refuses %s with a per-field 400', async (_label, override, field) => {
    const res = await post({ ...apiBody(), ...override });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('validation_failed');
    expect(fields(res).some((f) => f === field || f.startsWith(`${field}`))).toBe(true);
  });

  it('refuses a slug or listen path another API uses (409), comparing normalised paths', async () => {
    const first = await createApi(app, admin);
    const sameSlug = await post(apiBody({ slug: first.slug }));
    expect(sameSlug.statusCode).toBe(409);
    expect(fields(sameSlug)).toEqual(['slug']);
    const samePath = await post(apiBody({ listenPath: first.listenPath.toUpperCase().slice(1) }));
    expect(samePath.statusCode).toBe(409);
    expect(fields(samePath)).toEqual(['listenPath']);
  });
});

describe('GET /api/admin/apis', () => {
  it('searches, filters, sorts and paginates', async () => {
    const tag = `zz${Date.now().toString(36)}`;
    for (const letter of ['c', 'a', 'b']) {
      await createApi(app, admin, {
        name: `${tag} ${letter}`,
        slug: `${tag}-${letter}`,
        listenPath: `/${tag}-${letter}/`,
      });
    }
    await createApi(app, admin, {
      name: `${tag} keyless`,
      slug: `${tag}-k`,
      listenPath: `/${tag}-k/`,
      authMode: 'keyless',
      grantTypes: [],
      scopes: [],
    });
    const list = async (query: string) => {
      const res = await app.inject({
        method: 'GET',
        url: `/api/admin/apis?q=${tag}&${query}`,
        headers: admin.headers,
      });
      expect(res.statusCode).toBe(200);
      return res.json() as ApiPage;
    };
    const firstPage = await list('authMode=oauth2&sort=name&order=desc&pageSize=2');
    expect(firstPage.total).toBe(3);
    expect(firstPage.items.map((a) => a.name)).toEqual([`${tag} c`, `${tag} b`]);
    const secondPage = await list('authMode=oauth2&sort=name&order=desc&pageSize=2&page=2');
    expect(secondPage.items.map((a) => a.name)).toEqual([`${tag} a`]);
    expect((await list('authMode=keyless')).items.map((a) => a.name)).toEqual([`${tag} keyless`]);
  });

  it('rejects an unknown sort field', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/admin/apis?sort=upstreamUrl',
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(400);
  });

  it('refuses a page number beyond PAGE_MAX with a validation error (not a 500)', async () => {
    for (const page of [PAGE_MAX + 1, '100000000000000000000']) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/admin/apis?page=${page}`,
        headers: admin.headers,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'validation_failed', details: [{ field: 'page' }] });
    }
    const last = await app.inject({
      method: 'GET',
      url: `/api/admin/apis?page=${PAGE_MAX}`,
      headers: admin.headers,
    });
    expect(last.statusCode).toBe(200);
    expect(last.json()).toMatchObject({ items: [], page: PAGE_MAX });
  });
});

describe('GET /api/admin/apis/:id', () => {
  it('returns the API, or 404', async () => {
    const api = await createApi(app, admin);
    const res = await app.inject({ method: 'GET', url: `/api/admin/apis/${api.id}`, headers: admin.headers });
    expect(res.json()).toEqual(api);
    const missing = await app.inject({ method: 'GET', url: '/api/admin/apis/nope', headers: admin.headers });
    expect(missing.statusCode).toBe(404);
  });
});

describe('PATCH /api/admin/apis/:id', () => {
  it('edits fields and keeps the rest', async () => {
    const api = await createApi(app, admin);
    const res = await patch(api.id, { name: 'Renamed', upstreamUrl: 'http://10.0.0.5:8080' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      api: { name: 'Renamed', upstreamUrl: 'http://10.0.0.5:8080', slug: api.slug },
      revokedTokens: 0,
    });
  });

  it('refuses another API’s slug, invalid values and unknown ids', async () => {
    const a = await createApi(app, admin);
    const b = await createApi(app, admin);
    expect((await patch(b.id, { slug: a.slug })).statusCode).toBe(409);
    expect((await patch(b.id, { listenPath: '../x' })).statusCode).toBe(400);
    expect((await patch(b.id, { grantTypes: [] })).statusCode).toBe(400);
    expect((await patch('missing', { name: 'x' })).statusCode).toBe(404);
  });

  it('keeps keyless APIs out of OAuth 2.0 APIs’ listen paths, either way round', async () => {
    const shop = await createApi(app, admin);
    const open = await post(
      apiBody({ authMode: 'keyless', grantTypes: [], scopes: [], listenPath: `${shop.listenPath}orders/` }),
    );
    expect(open.statusCode).toBe(409);
    expect(open.json()).toMatchObject({
      message: expect.stringContaining('with their bearer tokens, would reach the upstream'),
      details: [{ field: 'listenPath', message: expect.stringContaining(shop.name) }],
    });
    // Moved under it, or made keyless under it: the same.
    const keyless = (await post(apiBody({ authMode: 'keyless', grantTypes: [], scopes: [] }))).json();
    expect((await patch(keyless.id, { listenPath: `${shop.listenPath}orders/` })).statusCode).toBe(409);
    const nested = await post(apiBody({ listenPath: `${shop.listenPath}v2/` }));
    expect(nested.statusCode, nested.body).toBe(201);
    expect((await patch(nested.json().id, { authMode: 'keyless' })).statusCode).toBe(409);
    // An OAuth 2.0 API under a keyless one takes its own calls, with its own checks.
    expect((await patch(shop.id, { authMode: 'keyless' })).statusCode).toBe(200);
    // A nesting made before the rule does not block other edits, deactivation first of all.
    const shop2 = await createApi(app, admin);
    const legacy = await createApi(app, admin);
    setApi(app, legacy.id, {
      authMode: 'keyless',
      grantTypes: [],
      scopes: [],
      listenPath: `${shop2.listenPath}old/`,
    });
    expect((await patch(legacy.id, { active: false })).statusCode).toBe(200);
    expect((await patch(shop2.id, { name: 'Renamed shop' })).statusCode).toBe(200);
  });

  it('drops the OAuth settings when switching to keyless', async () => {
    const api = await createApi(app, admin);
    const res = await patch(api.id, { authMode: 'keyless' });
    expect(res.statusCode).toBe(200);
    expect(res.json().api).toMatchObject({ authMode: 'keyless', grantTypes: [], scopes: [] });
  });

  it('refuses to remove a scope a policy still names, saying which policy', async () => {
    const api = await createApi(app, admin);
    const policy = await createPolicy(app, admin, [{ apiId: api.id, allowedScopes: ['payments:write'] }]);
    const res = await patch(api.id, { scopes: [{ name: 'payments:read', description: 'Read' }] });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain(policy.name);
    expect(res.json().message).toContain('payments:write');
  });

  it('revokes the tokens carrying a removed scope and keeps the others', async () => {
    const api = await createApi(app, admin);
    const policy = await createPolicy(app, admin, [api.id]);
    const entry = await createEntry(app, admin, { apiId: api.id, policyId: policy.id });
    const client = await insertClient(app, { subscriptions: [{ entryId: entry.id }] });
    const reader = insertAccessToken(app, {
      clientId: client.id,
      listenPaths: [api.listenPath],
      scopes: ['payments:read'],
    });
    const writer = insertAccessToken(app, {
      clientId: client.id,
      listenPaths: [api.listenPath],
      scopes: ['payments:read', 'payments:write'],
    });
    const res = await patch(api.id, { scopes: [{ name: 'payments:read', description: 'Read' }] });
    expect(res.statusCode).toBe(200);
    expect(res.json().revokedTokens).toBe(1);
    expect(isRevoked(app, writer)).toBe(true);
    expect(isRevoked(app, reader)).toBe(false);
  });

  it('refuses to withdraw the flow a subscribed client gets its tokens with, naming the client', async () => {
    const api = await createApi(app, admin);
    const policy = await createPolicy(app, admin, [api.id]);
    const entry = await createEntry(app, admin, { apiId: api.id, policyId: policy.id });
    // A web application: the authorization code flow.
    const client = await insertClient(app, { name: 'Storefront', subscriptions: [{ entryId: entry.id }] });
    const res = await patch(api.id, { grantTypes: ['client_credentials'] });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      message: expect.stringContaining(
        '1 OAuth client ("Storefront") gets its tokens with the authorization code flow, which this API would no longer allow.',
      ),
      details: [{ field: 'grantTypes', message: 'still used by "Storefront"' }],
    });
    expect(
      (await app.inject({ method: 'GET', url: `/api/admin/apis/${api.id}`, headers: admin.headers })).json(),
    ).toMatchObject({ grantTypes: api.grantTypes });
    // A flow no client of the API uses can go.
    const narrowed = await patch(api.id, { grantTypes: ['authorization_code', 'refresh_token'] });
    expect(narrowed.statusCode, narrowed.body).toBe(200);
    expect(client.id).toBeTruthy();
    // A keyless API needs no token: any client may keep using it.
    expect((await patch(api.id, { authMode: 'keyless' })).statusCode).toBe(200);
    // Back to OAuth 2.0 without the client's flow: the same refusal.
    const back = await patch(api.id, { authMode: 'oauth2', grantTypes: ['client_credentials'] });
    expect(back.statusCode).toBe(409);
  });

  it('revokes every token of the API when it is deactivated', async () => {
    const api = await createApi(app, admin);
    const policy = await createPolicy(app, admin, [api.id]);
    const entry = await createEntry(app, admin, { apiId: api.id, policyId: policy.id });
    const client = await insertClient(app, { subscriptions: [{ entryId: entry.id }] });
    const token = insertAccessToken(app, { clientId: client.id, listenPaths: [api.listenPath], scopes: [] });
    const res = await patch(api.id, { active: false });
    expect(res.json().revokedTokens).toBe(1);
    expect(isRevoked(app, token)).toBe(true);
  });
});

describe('all or nothing', () => {
  /** Makes the next audit write fail, as a full disk would, after the change itself was written. */
  async function apiWithToken() {
    const api = await createApi(app, admin);
    const policy = await createPolicy(app, admin, [api.id]);
    const entry = await createEntry(app, admin, { apiId: api.id, policyId: policy.id });
    const client = await insertClient(app, { subscriptions: [{ entryId: entry.id }] });
    const token = insertAccessToken(app, { clientId: client.id, listenPaths: [api.listenPath], scopes: [] });
    return { api, entry, token };
  }

  it('a failed update leaves the API and its tokens as they were', async () => {
    const { api, token } = await apiWithToken();
    await expectFailedAuditWrite(app, () => patch(api.id, { active: false, name: 'Renamed' }));
    const after = await app.inject({
      method: 'GET',
      url: `/api/admin/apis/${api.id}`,
      headers: admin.headers,
    });
    expect(after.json()).toMatchObject({ active: true, name: api.name });
    expect(isRevoked(app, token)).toBe(false);
  });

  it('a failed cascading delete leaves the API, its entries and its tokens in place', async () => {
    const { api, entry, token } = await apiWithToken();
    await expectFailedAuditWrite(app, () =>
      app.inject({ method: 'DELETE', url: `/api/admin/apis/${api.id}?cascade=true`, headers: admin.headers }),
    );
    const get = (url: string) => app.inject({ method: 'GET', url, headers: admin.headers });
    expect((await get(`/api/admin/apis/${api.id}`)).statusCode).toBe(200);
    expect((await get(`/api/admin/catalogue/${entry.id}`)).statusCode).toBe(200);
    expect(isRevoked(app, token)).toBe(false);
  });
});

describe('DELETE /api/admin/apis/:id', () => {
  it('deletes an unused API', async () => {
    const api = await createApi(app, admin);
    const res = await app.inject({
      method: 'DELETE',
      url: `/api/admin/apis/${api.id}`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ deleted: true, revokedTokens: 0 });
    const gone = await app.inject({
      method: 'GET',
      url: `/api/admin/apis/${api.id}`,
      headers: admin.headers,
    });
    expect(gone.statusCode).toBe(404);
  });

  it('refuses (409) while a catalogue entry, policy or client uses it, naming them', async () => {
    const api = await createApi(app, admin);
    const policy = await createPolicy(app, admin, [api.id]);
    const entry = await createEntry(app, admin, {
      apiId: api.id,
      policyId: policy.id,
      name: 'Payments for partners',
    });
    await insertClient(app, { name: 'Shop frontend', subscriptions: [{ entryId: entry.id }] });
    const res = await app.inject({
      method: 'DELETE',
      url: `/api/admin/apis/${api.id}`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(409);
    const { message } = res.json();
    expect(message).toContain('Payments for partners');
    expect(message).toContain(policy.name);
    expect(message).toContain('Shop frontend');
    expect(message).toContain('cascade');
  });

  it('cascades on request: removes entries and access rights, deactivates emptied policies, revokes tokens', async () => {
    const api = await createApi(app, admin);
    const other = await createApi(app, admin);
    const onlyThis = await createPolicy(app, admin, [api.id]);
    const both = await createPolicy(app, admin, [api.id, other.id]);
    const entry = await createEntry(app, admin, { apiId: api.id, policyId: onlyThis.id });
    const otherEntry = await createEntry(app, admin, { apiId: other.id, policyId: both.id });
    const client = await insertClient(app, {
      subscriptions: [{ entryId: entry.id }, { entryId: otherEntry.id }],
    });
    const doomed = insertAccessToken(app, { clientId: client.id, listenPaths: [api.listenPath], scopes: [] });
    const survivor = insertAccessToken(app, {
      clientId: client.id,
      listenPaths: [other.listenPath],
      scopes: [],
    });

    const dependants = await app.inject({
      method: 'GET',
      url: `/api/admin/apis/${api.id}/dependants`,
      headers: admin.headers,
    });
    expect(dependants.json()).toMatchObject({
      catalogueEntries: [{ id: entry.id }],
      clients: [{ id: client.id }],
      activeTokens: 1,
    });
    expect(dependants.json().policies).toHaveLength(2);

    const res = await app.inject({
      method: 'DELETE',
      url: `/api/admin/apis/${api.id}?cascade=true`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ deleted: true, revokedTokens: 1 });
    expect(isRevoked(app, doomed)).toBe(true);
    expect(isRevoked(app, survivor)).toBe(false);

    const get = (url: string) => app.inject({ method: 'GET', url, headers: admin.headers });
    expect((await get(`/api/admin/catalogue/${entry.id}`)).statusCode).toBe(404);
    expect((await get(`/api/admin/policies/${onlyThis.id}`)).json()).toMatchObject({
      active: false,
      accessRights: [],
    });
    expect((await get(`/api/admin/policies/${both.id}`)).json()).toMatchObject({
      active: true,
      accessRights: [{ apiId: other.id }],
    });
    const audit = await get(`/api/admin/audit?action=api.delete&targetId=${api.id}`);
    expect(audit.json().items[0].meta).toMatchObject({ cascade: true, revokedTokens: 1 });
  });

  it('answers 404 for an unknown API', async () => {
    const res = await app.inject({
      method: 'DELETE',
      url: '/api/admin/apis/missing',
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(404);
  });
});
