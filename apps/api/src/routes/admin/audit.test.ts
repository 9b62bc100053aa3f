import type { AdminOverview, AuditPage } from '@portico/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApi, createEntry, createPolicy, setupAdminApp } from '../../test/admin-fixtures.js';
import { createUser, login, type TestApp, type TestSession } from '../../test/helpers.js';

let app: TestApp;
let admin: TestSession;
let developer: { id: string; email: string };

setupAdminApp((setup) => ({ app, admin } = setup));

beforeAll(async () => {
  developer = await createUser(app);
  await login(app, developer.email);
  const api = await createApi(app, admin);
  const policy = await createPolicy(app, admin, [api.id]);
  await createEntry(app, admin, { apiId: api.id, policyId: policy.id });
});

const audit = async (query: string) => {
  const res = await app.inject({ method: 'GET', url: `/api/admin/audit?${query}`, headers: admin.headers });
  expect(res.statusCode).toBe(200);
  return res.json() as AuditPage;
};

describe('GET /api/admin/audit', () => {
  it('shows admin and developer actions, newest first, with the actor', async () => {
    const page = await audit('');
    const actions = page.items.map((e) => e.action);
    expect(actions.slice(0, 3)).toEqual(['catalogue_entry.create', 'policy.create', 'api.create']);
    expect(actions).toContain('auth.login');
    expect(page.items[0]?.actor).toEqual({ id: admin.user.id, email: admin.user.email, name: 'Ada Admin' });
  });

  it('filters by actor id, actor email prefix, target, action (exact or prefix) and time', async () => {
    expect((await audit(`actorId=${developer.id}`)).items.map((e) => e.action)).toEqual(['auth.login']);
    expect(
      (await audit(`actor=${developer.email.slice(0, 10).toUpperCase()}`)).items.every(
        (e) => e.actor?.id === developer.id,
      ),
    ).toBe(true);
    expect((await audit('targetType=policy')).items.map((e) => e.action)).toEqual(['policy.create']);
    expect((await audit('action=api.create')).total).toBe(1);
    expect((await audit('action=catalogue_entry.')).items.map((e) => e.action)).toEqual([
      'catalogue_entry.create',
    ]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await audit(`from=${encodeURIComponent(future)}`)).total).toBe(0);
    const past = new Date(Date.now() - 60_000).toISOString();
    expect((await audit(`to=${encodeURIComponent(past)}`)).total).toBe(0);
    expect(
      (await audit(`from=${encodeURIComponent(past)}&to=${encodeURIComponent(future)}`)).total,
    ).toBeGreaterThan(3);
  });

  it('paginates', async () => {
    const all = await audit('pageSize=100');
    const second = await audit('pageSize=2&page=2');
    expect(second).toMatchObject({ page: 2, pageSize: 2, total: all.total });
    expect(second.items.map((e) => e.id)).toEqual(all.items.slice(2, 4).map((e) => e.id));
  });

  it('refuses an empty time range and malformed filters', async () => {
    const now = new Date().toISOString();
    const res = await app.inject({
      method: 'GET',
      url: `/api/admin/audit?from=${encodeURIComponent(now)}&to=${encodeURIComponent(now)}`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(400);
    const bad = await app.inject({
      method: 'GET',
      url: '/api/admin/audit?from=yesterday',
      headers: admin.headers,
    });
    expect(bad.statusCode).toBe(400);
    // Valid RFC 3339 (a leap second) that JavaScript cannot represent: refused, not an empty result.
    for (const field of ['from', 'to']) {
      const leap = await app.inject({
        method: 'GET',
        url: `/api/admin/audit?${field}=2016-12-31T23:59:60Z`,
        headers: admin.headers,
      });
      expect(leap.statusCode).toBe(400);
      expect(leap.json()).toMatchObject({
        error: 'validation_failed',
        details: [{ field, message: 'is not a time' }],
      });
    }
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/admin/audit?verb=x',
      headers: admin.headers,
    });
    expect(unknown.statusCode).toBe(400);
    // An unbounded page made an offset SQLite cannot bind: a 500 instead of a validation error.
    const farPage = await app.inject({
      method: 'GET',
      url: '/api/admin/audit?page=100000000000000000000',
      headers: admin.headers,
    });
    expect(farPage.statusCode).toBe(400);
    expect(farPage.json()).toMatchObject({ error: 'validation_failed', details: [{ field: 'page' }] });
  });
});

describe('GET /api/admin/overview', () => {
  it('counts what exists and shows recent activity', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/admin/overview', headers: admin.headers });
    const overview = res.json() as AdminOverview;
    expect(overview.counts).toEqual({
      apis: 1,
      policies: 1,
      catalogueEntries: 1,
      developers: 1,
      clients: 0,
      pendingApprovals: 0,
    });
    expect(overview.recentEvents[0]?.action).toBe('catalogue_entry.create');
  });
});
