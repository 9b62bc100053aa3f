import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSRF_HEADER, SESSION_COOKIE, type SessionResponse, type User } from '@portico/contracts';
import { expect, vi } from 'vitest';
import { type App, buildApp } from '../app.js';
import { type Config, type Env, loadConfig } from '../config.js';
import type { Role, UserStatus } from '../db/schema.js';

/**
 * Route-test helpers (common brief): a fresh SQLite file per app, users created through the real
 * service (argon2id + policy), and sessions obtained through the real login route.
 */

export type TestApp = App;

export interface BuildTestAppOptions {
  /** Raw environment, parsed by the real `loadConfig` (e.g. `{ PORTICO_LOGIN_RATE_LIMIT: '3' }`). */
  env?: Env;
  /** Field overrides applied after parsing (e.g. `{ webDir }`). */
  config?: Partial<Config>;
  /** Epoch-ms time source for the gateway (`manualClock()` from `src/gateway/clock.ts`). */
  clock?: () => number;
}

/** An app on a temporary database. Close it in `afterAll`; closing also deletes the temporary folder. */
export async function buildTestApp(options: BuildTestAppOptions = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'portico-test-'));
  const config: Config = {
    ...loadConfig(
      {
        PORTICO_DB_FILE: join(dir, 'portico.db'),
        PORTICO_WEB_DIR: join(dir, 'no-portal-build'),
        PORTICO_LOG_LEVEL: 'silent',
        PORTICO_SESSION_SECRET: 'test-session-secret-that-is-long-enough-0123456789',
        // High defaults so suites that log in many times do not trip the limiter by accident.
        PORTICO_LOGIN_RATE_LIMIT: '1000',
        PORTICO_REGISTER_RATE_LIMIT: '1000',
        PORTICO_AUTHORIZE_RATE_LIMIT: '10000',
        // No background retention sweep in the middle of a test; its own tests turn it on.
        PORTICO_RETENTION_INTERVAL_MINUTES: '0',
        ...options.env,
      },
      dir,
    ),
    ...options.config,
  };
  const app = await buildApp(config, { clock: options.clock });
  app.addHook('onClose', async () => rmSync(dir, { recursive: true, force: true }));
  return app;
}

/** A unique, valid email for this test run. */
export const uniqueEmail = (prefix = 'user') => `${prefix}-${randomUUID().slice(0, 8)}@example.test`;

/** A password that passes the policy (long, not on the common list). */
export const TEST_PASSWORD = 'correct-horse-battery-staple-42';

export interface CreateUserOptions {
  role?: Role;
  email?: string;
  password?: string;
  name?: string;
  status?: UserStatus;
}

export interface CreatedUser {
  user: User;
  id: string;
  email: string;
  password: string;
}

export async function createUser(app: TestApp, options: CreateUserOptions = {}): Promise<CreatedUser> {
  const email = options.email ?? uniqueEmail(options.role ?? 'developer');
  const password = options.password ?? TEST_PASSWORD;
  const row = await app.services.auth.createUser({
    email,
    password,
    name: options.name ?? 'Test User',
    role: options.role ?? 'developer',
  });
  if (options.status && options.status !== 'active') app.repos.users.setStatus(row.id, options.status);
  const user = app.services.users.getById(row.id);
  if (!user) throw new Error('created user not found');
  return { user, id: user.id, email: user.email, password };
}

export interface TestSession {
  /** `portico_session=<token>`, ready for the `cookie` header. */
  cookie: string;
  csrfToken: string;
  /** Spread into `app.inject({ headers })`: the cookie and the CSRF header. */
  headers: { cookie: string; [CSRF_HEADER]: string };
  user: User;
}

/** Logs in through `POST /api/auth/login`; throws with the response body when it is not a 200. */
export async function login(
  app: TestApp,
  email: string,
  password: string = TEST_PASSWORD,
): Promise<TestSession> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return sessionFrom(res);
}

/** Reads the session cookie and CSRF token from a login/register response. */
export function sessionFrom(res: {
  cookies: Array<{ name: string; value: string }>;
  json: () => unknown;
}): TestSession {
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('no session cookie in response');
  const body = res.json() as SessionResponse;
  const header = `${SESSION_COOKIE}=${cookie.value}`;
  return {
    cookie: header,
    csrfToken: body.csrfToken,
    headers: { cookie: header, [CSRF_HEADER]: body.csrfToken },
    user: body.user,
  };
}

/**
 * Sends `request` while the next audit write fails (as on a full disk) and expects the 500 it gets:
 * a change whose audit event cannot be written must not happen either.
 */
export async function expectFailedAuditWrite(
  app: TestApp,
  request: () => PromiseLike<{ statusCode: number }>,
): Promise<void> {
  const record = vi.spyOn(app.services.audit, 'record').mockImplementationOnce(() => {
    throw new Error('disk I/O error');
  });
  try {
    expect((await request()).statusCode).toBe(500);
  } finally {
    record.mockRestore();
  }
}
