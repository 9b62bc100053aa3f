import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../test/helpers.js';
import { apis, catalogueEntries, policies, policyAccessRights } from './schema.js';
import { ensureAdmin } from './seed-admin.js';
import { DEMO_DEVELOPER, seedDemo } from './seed-demo.js';

let app: TestApp;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('database', () => {
  it('runs with WAL (checkpointed every 10,000 pages), foreign keys and a busy timeout', () => {
    const { pragma } = app.database;
    expect(pragma('journal_mode')).toBe('wal');
    expect(pragma('wal_autocheckpoint')).toBe(10000);
    expect(pragma('journal_size_limit')).toBe(64 * 1024 * 1024);
    expect(pragma('foreign_keys')).toBe(1);
    expect(pragma('busy_timeout')).toBe(5000);
    // 1 = NORMAL
    expect(pragma('synchronous')).toBe(1);
  });
});

describe('first start', () => {
  it('creates an admin with a generated password once, then leaves it alone', async () => {
    const first = await ensureAdmin(app, {});
    expect(first?.email).toBe('admin@portico.local');
    expect(first?.generatedPassword?.length).toBeGreaterThanOrEqual(24);
    const session = await login(app, 'admin@portico.local', first?.generatedPassword);
    expect(session.user.role).toBe('admin');

    expect(
      await ensureAdmin(app, { email: 'other@example.test', password: 'another-long-password' }),
    ).toBeUndefined();
  });
});

describe('demo data', () => {
  it('loads the demo APIs, policies, catalogue and developer idempotently', async () => {
    const first = await seedDemo(app);
    expect(first.created).toEqual(['Payments API', 'Orders API', 'Status API', DEMO_DEVELOPER.email]);
    expect((await seedDemo(app)).created).toEqual([]);

    const { db } = app.database;
    expect(db.select({ n: count() }).from(apis).get()?.n).toBe(3);
    expect(db.select({ n: count() }).from(policies).get()?.n).toBe(3);
    expect(db.select({ n: count() }).from(policyAccessRights).get()?.n).toBe(3);

    const status = db
      .select()
      .from(apis)
      .all()
      .find((a) => a.slug === 'status');
    expect(status).toMatchObject({
      authMode: 'keyless',
      listenPath: '/status/',
      upstreamUrl: `${app.config.issuer}/_echo/status`,
    });
    const entries = db.select().from(catalogueEntries).all();
    expect(entries.map((e) => [e.name, e.approval, e.visibility])).toEqual([
      ['Payments API', 'auto', 'public'],
      ['Orders API', 'manual', 'public'],
      ['Status API', 'auto', 'public'],
    ]);

    const dev = await login(app, DEMO_DEVELOPER.email, DEMO_DEVELOPER.password);
    expect(dev.user.role).toBe('developer');
  });
});
