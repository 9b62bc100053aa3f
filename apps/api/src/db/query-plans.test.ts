import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type TestApp } from '../test/helpers.js';

/**
 * Queries that run on a timer over the tables the token endpoint appends to (one access token and one
 * audit event per token) must find their rows through an index: a full scan there grows with traffic
 * and runs on the event loop. Guards against dropping an index such a query relies on.
 */

let app: TestApp;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

const GROWING = /^SCAN (access_tokens|audit_events|refresh_tokens|authorization_codes|sessions)\b/;

/** The plans of every statement `run` prepares. */
function plansOf(run: () => unknown): string[] {
  const sqlite = app.database.db.$client;
  const statements: string[] = [];
  const prepare = sqlite.prepare.bind(sqlite);
  const spy = vi.spyOn(sqlite, 'prepare').mockImplementation(((source: string) => {
    statements.push(source);
    return prepare(source);
  }) as typeof sqlite.prepare);
  try {
    run();
  } finally {
    spy.mockRestore();
  }
  expect(statements.length).toBeGreaterThan(0);
  return statements.flatMap((source) => {
    const params = Array.from(source.matchAll(/\?/g), () => 1);
    const rows = prepare(`explain query plan ${source}`).all(...params) as { detail: string }[];
    return rows.map((row) => row.detail);
  });
}

describe('query plans', () => {
  it('finds the retired signing keys that still have live tokens through an index', () => {
    const plans = plansOf(() => app.repos.signingKeys.published(new Date(), 10_000));
    expect(plans.filter((detail) => GROWING.test(detail))).toEqual([]);
  });

  it('finds what the retention sweep deletes through indexes', () => {
    const retention = app.repos.retention;
    const plans = plansOf(() => {
      const before = new Date();
      retention.accessTokens(before, 10);
      retention.refreshTokens(before, 10);
      retention.authorizationCodes(before, 10);
      retention.authorizationRequests(before, 10);
      retention.sessions(before, 10);
      retention.auditEvents(before, 10);
    });
    expect(plans.filter((detail) => GROWING.test(detail))).toEqual([]);
  });
});
