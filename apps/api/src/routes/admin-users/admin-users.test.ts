import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createUser, login, type TestApp } from '../../test/helpers.js';

let app: TestApp;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('GET /api/admin/users', () => {
  it('is 401 for anonymous callers', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/admin/users' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'unauthorized' });
  });

  it('is 403 for developers', async () => {
    const dev = await createUser(app);
    const session = await login(app, dev.email);
    const res = await app.inject({ method: 'GET', url: '/api/admin/users', headers: session.headers });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'forbidden', message: expect.any(String) });
  });

  it('pages and searches users for admins', async () => {
    const admin = await createUser(app, { role: 'admin' });
    await createUser(app, { email: 'grace.hopper@example.test', name: 'Grace Hopper' });
    await createUser(app, { email: 'alan@example.test', name: 'Alan Turing' });
    const session = await login(app, admin.email);

    const all = await app.inject({
      method: 'GET',
      url: '/api/admin/users?pageSize=2',
      headers: session.headers,
    });
    expect(all.statusCode).toBe(200);
    const page = all.json();
    expect(page).toMatchObject({ page: 1, pageSize: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(4);
    expect(page.items[0]).not.toHaveProperty('passwordHash');

    const byName = await app.inject({
      method: 'GET',
      url: '/api/admin/users?q=hopper',
      headers: session.headers,
    });
    expect(byName.json().items.map((u: { email: string }) => u.email)).toEqual(['grace.hopper@example.test']);

    const byEmail = await app.inject({
      method: 'GET',
      url: '/api/admin/users?q=ALAN@',
      headers: session.headers,
    });
    expect(byEmail.json().total).toBe(1);

    // LIKE wildcards in the search are matched literally.
    const wildcard = await app.inject({
      method: 'GET',
      url: '/api/admin/users?q=%25',
      headers: session.headers,
    });
    expect(wildcard.json().total).toBe(0);

    const admins = await app.inject({
      method: 'GET',
      url: '/api/admin/users?role=admin',
      headers: session.headers,
    });
    expect(admins.json().items.map((u: { id: string }) => u.id)).toEqual([admin.id]);
  });

  it('validates the query string with field details', async () => {
    const admin = await createUser(app, { role: 'admin' });
    const session = await login(app, admin.email);
    const res = await app.inject({
      method: 'GET',
      url: '/api/admin/users?pageSize=1000',
      headers: session.headers,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'validation_failed', details: [{ field: 'pageSize' }] });
    const farPage = await app.inject({
      method: 'GET',
      url: '/api/admin/users?page=100000000000000000000',
      headers: session.headers,
    });
    expect(farPage.statusCode).toBe(400);
    expect(farPage.json()).toMatchObject({ error: 'validation_failed', details: [{ field: 'page' }] });
  });
});
