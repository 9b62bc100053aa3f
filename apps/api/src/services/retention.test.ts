import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessTokens,
  auditEvents,
  authorizationCodes,
  authorizationRequests,
  grants,
  refreshTokens,
  sessions,
} from '../db/schema.js';
import { insertClient } from '../test/admin-fixtures.js';
import { buildTestApp, createUser, type TestApp } from '../test/helpers.js';
import { type RetentionPolicy, RetentionService } from './retention.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.now();
const ago = (ms: number) => new Date(NOW - ms);
const fromNow = (ms: number) => new Date(NOW + ms);

let app: TestApp;
let clientId: string;
let userId: string;
let grantId: string;

beforeAll(async () => {
  // No scheduled sweep (the test default): these tests run the service themselves.
  app = await buildTestApp();
  userId = (await createUser(app)).id;
  clientId = (await insertClient(app, { subscriptions: [] })).id;
  grantId = randomUUID();
  app.database.db
    .insert(grants)
    .values({ id: grantId, clientId, userId, grantType: 'authorization_code' })
    .run();
});
afterAll(async () => {
  await app.close();
});

function sweeper(policy: Partial<RetentionPolicy> = {}) {
  return new RetentionService(
    app.repos.retention,
    app.services.audit,
    { expiredGraceMs: DAY, auditMaxAgeMs: null, chunkSize: 1000, ...policy },
    () => new Date(NOW),
  );
}

function accessToken(issuedAt: Date, expiresAt: Date, revokedAt: Date | null = null): string {
  const jti = randomUUID();
  app.database.db
    .insert(accessTokens)
    .values({
      jti,
      clientId,
      subject: `client:${clientId}`,
      audience: ['https://api.example'],
      scopes: [],
      issuedAt,
      expiresAt,
      revokedAt,
    })
    .run();
  return jti;
}

const hasAccessToken = (jti: string) =>
  app.database.db.select().from(accessTokens).where(eq(accessTokens.jti, jti)).get() !== undefined;

describe('retention sweep', () => {
  it('deletes access tokens expired for longer than the grace period, and nothing that still works', async () => {
    const longExpired = accessToken(ago(2 * DAY + HOUR), ago(2 * DAY));
    const justExpired = accessToken(ago(2 * HOUR), ago(HOUR));
    const live = accessToken(ago(HOUR / 2), fromNow(HOUR / 2));
    const revokedLive = accessToken(ago(HOUR / 2), fromNow(HOUR / 2), ago(60_000));
    // Issued long ago but with a long lifetime: still kept.
    const longLived = accessToken(ago(3 * DAY), fromNow(DAY));

    const counts = await sweeper().sweep();

    expect(counts.accessTokens).toBe(1);
    expect(hasAccessToken(longExpired)).toBe(false);
    for (const jti of [justExpired, live, revokedLive, longLived]) expect(hasAccessToken(jti)).toBe(true);
  });

  it('deletes expired refresh tokens, codes, consent requests and sessions after the grace period', async () => {
    const db = app.database.db;
    const refresh = (expiresAt: Date) => {
      const id = randomUUID();
      db.insert(refreshTokens)
        .values({ id, hash: randomUUID(), grantId, clientId, userId, scopes: [], expiresAt })
        .run();
      return id;
    };
    const code = (expiresAt: Date, consumedAt: Date | null) => {
      const hash = randomUUID();
      db.insert(authorizationCodes)
        .values({
          hash,
          clientId,
          userId,
          redirectUri: 'https://app.example/cb',
          scopes: [],
          expiresAt,
          consumedAt,
        })
        .run();
      return hash;
    };
    const request = (expiresAt: Date) => {
      const id = randomUUID();
      db.insert(authorizationRequests)
        .values({ id, clientId, redirectUri: 'https://app.example/cb', scopes: [], apiIds: [], expiresAt })
        .run();
      return id;
    };
    const session = (expiresAt: Date) => {
      const id = randomUUID();
      db.insert(sessions)
        .values({ id, userId, csrfTokenHash: 'x', lastSeenAt: ago(DAY), expiresAt })
        .run();
      return id;
    };
    const old = ago(2 * DAY);
    const recent = ago(HOUR);
    const rows = {
      refresh: [refresh(old), refresh(recent), refresh(fromNow(DAY))],
      // A spent code is kept for the grace period: replaying it still revokes its grant.
      code: [code(old, ago(2 * DAY + 30_000)), code(recent, ago(HOUR + 30_000)), code(fromNow(30_000), null)],
      request: [request(old), request(recent), request(fromNow(HOUR))],
      session: [session(old), session(recent), session(fromNow(DAY))],
    };

    const counts = await sweeper().sweep();

    expect(counts).toMatchObject({
      refreshTokens: 1,
      authorizationCodes: 1,
      authorizationRequests: 1,
      sessions: 1,
    });
    const exists = {
      refresh: (id: string) => db.select().from(refreshTokens).where(eq(refreshTokens.id, id)).get(),
      code: (hash: string) =>
        db.select().from(authorizationCodes).where(eq(authorizationCodes.hash, hash)).get(),
      request: (id: string) =>
        db.select().from(authorizationRequests).where(eq(authorizationRequests.id, id)).get(),
      session: (id: string) => db.select().from(sessions).where(eq(sessions.id, id)).get(),
    };
    for (const kind of ['refresh', 'code', 'request', 'session'] as const) {
      const [gone, ...kept] = rows[kind];
      expect(exists[kind](gone!), `${kind} expired two days ago`).toBeUndefined();
      for (const id of kept)
        expect(exists[kind](id), `${kind} still within its grace or valid`).toBeDefined();
    }
  });

  it('keeps audit events forever unless a retention is set, and records its own deletions', async () => {
    const db = app.database.db;
    const event = (createdAt: Date) => {
      const id = randomUUID();
      db.insert(auditEvents)
        .values({ id, actorId: null, actorType: 'system', action: 'test.old', targetType: 'test', createdAt })
        .run();
      return id;
    };
    const exists = (id: string) => db.select().from(auditEvents).where(eq(auditEvents.id, id)).get();
    const older = event(ago(31 * DAY));
    const newer = event(ago(29 * DAY));

    expect((await sweeper({ auditMaxAgeMs: null }).sweep()).auditEvents).toBe(0);
    expect(exists(older)).toBeDefined();

    expect((await sweeper({ auditMaxAgeMs: 30 * DAY }).sweep()).auditEvents).toBe(1);
    expect(exists(older)).toBeUndefined();
    expect(exists(newer)).toBeDefined();
    const record = db.select().from(auditEvents).where(eq(auditEvents.action, 'audit.events_expired')).all();
    expect(record).toHaveLength(1);
    expect(record[0]).toMatchObject({ actorType: 'system', targetType: 'audit_log' });
    expect(record[0]?.meta).toEqual({ deleted: 1, before: ago(30 * DAY).toISOString() });
  });

  it('works through a backlog a chunk at a time, and stops between chunks', async () => {
    const backlog = Array.from({ length: 5 }, (_, i) => accessToken(ago(3 * DAY + i), ago(2 * DAY)));

    const stopped = sweeper({ chunkSize: 2 });
    stopped.stop();
    expect((await stopped.sweep()).accessTokens).toBe(0);
    expect(backlog.every(hasAccessToken)).toBe(true);

    expect((await sweeper({ chunkSize: 2 }).sweep()).accessTokens).toBe(5);
    expect(backlog.some(hasAccessToken)).toBe(false);
  });

  it('records the audit events it deleted also when stopped part-way', async () => {
    const db = app.database.db;
    for (let i = 0; i < 3; i++) {
      db.insert(auditEvents)
        .values({
          id: randomUUID(),
          actorId: null,
          actorType: 'system',
          action: 'test.older',
          targetType: 'test',
          createdAt: ago(40 * DAY + i),
        })
        .run();
    }
    const sweep = sweeper({ auditMaxAgeMs: 30 * DAY, chunkSize: 2 });
    const running = sweep.sweep();
    sweep.stop(); // takes effect before the second chunk
    expect((await running).auditEvents).toBe(2);
    const records = db.select().from(auditEvents).where(eq(auditEvents.action, 'audit.events_expired')).all();
    expect(records.map((record) => record.meta)).toContainEqual(expect.objectContaining({ deleted: 2 }));
  });
});
