import { CSRF_HEADER, SESSION_COOKIE } from '@portico/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  createUser,
  login,
  sessionFrom,
  TEST_PASSWORD,
  type TestApp,
  uniqueEmail,
} from '../../test/helpers.js';

let app: TestApp;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

const register = (payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/auth/register', payload });

describe('POST /api/auth/register', () => {
  it('creates a developer, signs them in and sets a hardened session cookie', async () => {
    const email = uniqueEmail('new');
    const res = await register({ email, name: 'Ada Lovelace', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.user).toMatchObject({ email, name: 'Ada Lovelace', role: 'developer', status: 'active' });
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(body.csrfToken).toEqual(expect.any(String));

    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.maxAge).toBeGreaterThan(0);

    const me = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: sessionFrom(res).cookie },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ user: body.user, csrfToken: body.csrfToken });
  });

  it('refuses a name that is blank once trimmed or hides characters, and stores names trimmed', async () => {
    // Blank, invisible (zero-width space), a control character, a right-to-left override.
    for (const name of ['   ', '\t\n', '\u00a0\u2003', '\u200b', 'Ada\u0000', 'Ada \u202eecalevoL']) {
      const res = await register({ email: uniqueEmail('blank'), name, password: TEST_PASSWORD });
      expect(res.statusCode, JSON.stringify(name)).toBe(400);
      expect(res.json()).toMatchObject({
        error: 'validation_failed',
        details: [
          { field: 'name', message: 'must not be blank, nor contain control or text-direction characters' },
        ],
      });
    }
    const res = await register({ email: uniqueEmail('padded'), name: '  Ada  ', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(201);
    expect(res.json().user.name).toBe('Ada');
  });

  // The name pattern runs even on a name far over 100 characters (every error is reported). Its first
  // version backtracked quadratically: this body blocked the event loop for over a minute.
  it('answers an over-long name ending in a hidden character at once', { timeout: 10_000 }, async () => {
    const name = `${'a'.repeat(200_000)}\u202e`;
    const res = await register({ email: uniqueEmail('long'), name, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.map((detail: { field: string }) => detail.field)).toEqual(['name', 'name']);
  });

  // With every problem reported, 95,000 unknown fields in a 1 MB body took ~200 ms and a 5 MB answer.
  it('answers a body of thousands of unknown fields with its first problem only', async () => {
    const junk = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`f${i}`, 1]));
    const res = await register({
      email: uniqueEmail('junk'),
      name: 'Junk',
      password: TEST_PASSWORD,
      ...junk,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toHaveLength(1);
    expect(res.body.length).toBeLessThan(1_000);
  });

  it('rejects a duplicate email regardless of case with 409', async () => {
    const email = uniqueEmail('dup');
    expect((await register({ email, name: 'First', password: TEST_PASSWORD })).statusCode).toBe(201);
    const res = await register({ email: email.toUpperCase(), name: 'Second', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'conflict', details: [{ field: 'email' }] });
  });

  it('stores the email lower-cased', async () => {
    const email = uniqueEmail('case');
    const res = await register({ email: `MiXeD.${email}`, name: 'Mixed', password: TEST_PASSWORD });
    expect(res.json().user.email).toBe(`mixed.${email}`);
  });

  it('rejects a short password with a field detail', async () => {
    const res = await register({ email: uniqueEmail(), name: 'Short', password: 'short-pw' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'validation_failed', details: [{ field: 'password' }] });
  });

  it('rejects a common password, compared case-insensitively', async () => {
    const res = await register({ email: uniqueEmail(), name: 'Common', password: 'PasswordPassword' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toBe('validation_failed');
    expect(body.details).toEqual([{ field: 'password', message: expect.stringMatching(/common/) }]);
  });

  it('reports every invalid field', async () => {
    const res = await register({ email: 'not-an-email', name: '', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toBe('validation_failed');
    expect(body.details).toEqual(
      expect.arrayContaining([
        { field: 'email', message: 'must be a valid email address' },
        { field: 'name', message: expect.any(String) },
      ]),
    );
  });

  it('rejects unknown body fields instead of ignoring them', async () => {
    const res = await register({
      email: uniqueEmail(),
      name: 'Sneaky',
      password: TEST_PASSWORD,
      role: 'admin',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: 'validation_failed',
      details: [{ field: 'role', message: 'is not an allowed field' }],
    });
  });

  it('reports missing fields by name', async () => {
    const res = await register({ email: uniqueEmail() });
    expect(res.statusCode).toBe(400);
    const fields = res.json().details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'password']));
  });
});

describe('POST /api/auth/login', () => {
  it('signs in and records the login time', async () => {
    const { email } = await createUser(app);
    const session = await login(app, email.toUpperCase());
    expect(session.user.email).toBe(email);
    expect(session.user.lastLoginAt).not.toBeNull();
  });

  it('answers unknown email and wrong password identically', async () => {
    const { email } = await createUser(app);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: 'not-the-right-password' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: uniqueEmail('nobody'), password: 'not-the-right-password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toEqual({ error: 'unauthorized', message: 'Invalid email or password.' });
    expect(wrong.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
  });

  it('records failed logins in the audit log without the password', async () => {
    const email = uniqueEmail('audited');
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: 'whatever-password' },
    });
    const { items } = app.repos.audit.list({ page: 1, pageSize: 50, action: 'auth.login_failed' });
    const event = items.find((e) => e.meta?.email === email);
    expect(event).toMatchObject({ actorType: 'anonymous', meta: { email, reason: 'unknown_email' } });
    expect(JSON.stringify(event)).not.toContain('whatever-password');
  });

  it('refuses an inactive user', async () => {
    const { email, password } = await createUser(app, { status: 'inactive' });
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('forbidden');
  });
});

describe('sign-in from another site (login CSRF)', () => {
  // A cross-site HTML form can post a form body without a CORS preflight; JSON it cannot.
  it.each(['/api/auth/login', '/api/auth/register'])('%s refuses form bodies with 415', async (url) => {
    const res = await app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      payload: `email=${encodeURIComponent(uniqueEmail('csrf'))}&name=Eve&password=${encodeURIComponent(TEST_PASSWORD)}`,
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    expect(res.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
  });
});

describe('sessions', () => {
  it('GET /api/auth/me is 401 without a session', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'unauthorized', message: expect.any(String) });
  });

  it('rejects a tampered cookie', async () => {
    const { email } = await createUser(app);
    const session = await login(app, email);
    const res = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `${session.cookie}x` },
    });
    expect(res.statusCode).toBe(401);
  });

  it('logout revokes the session at once, even for a copied cookie', async () => {
    const { email } = await createUser(app);
    const session = await login(app, email);
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cleared?.value).toBe('');
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('deactivating a user ends their live sessions', async () => {
    const created = await createUser(app);
    const session = await login(app, created.email);
    app.repos.users.setStatus(created.id, 'inactive');
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('requires the CSRF header on state-changing requests', async () => {
    const { email } = await createUser(app);
    const session = await login(app, email);
    const missing = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: session.cookie },
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toMatchObject({ error: 'csrf_failed' });

    const other = await login(app, email);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: session.cookie, [CSRF_HEADER]: other.csrfToken },
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ error: 'csrf_failed' });

    // The session survived both attempts.
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().csrfToken).toBe(session.csrfToken);
  });

  it('records register, login and logout in the audit log', async () => {
    const email = uniqueEmail('trail');
    const reg = await register({ email, name: 'Trail', password: TEST_PASSWORD });
    const { user } = sessionFrom(reg);
    const session = await login(app, email);
    await app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
    const { items } = app.repos.audit.list({ page: 1, pageSize: 50, actorId: user.id });
    expect(items.map((e) => e.action).sort()).toEqual(['auth.login', 'auth.logout', 'auth.register']);
  });
});
