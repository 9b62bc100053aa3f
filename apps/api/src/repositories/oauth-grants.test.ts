import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/helpers.js';

let app: TestApp;
/** A second connection to the same file, as a CLI command or another instance would hold. */
let other: Database.Database;
beforeAll(async () => {
  app = await buildTestApp();
  other = new Database(app.config.dbFile, { timeout: 0 });
});
afterAll(async () => {
  other.close();
  await app.close();
});

describe('OAuthGrantsRepository.transaction', () => {
  it('takes the write lock when it begins, so a read-then-write cannot lose the race to another writer', () => {
    const repo = app.repos.oauthGrants;
    const result = repo.transaction(() => {
      // A token issuance reads (the authz version) before it writes. A DEFERRED transaction would
      // only hold a read snapshot here: the other connection could commit, and this transaction's
      // first write would then fail with SQLITE_BUSY_SNAPSHOT instead of waiting.
      app.database.db.get(sql`select version from authz_version`);
      let otherWrote = false;
      try {
        other.exec('begin immediate');
        otherWrote = true;
        other.exec('rollback');
      } catch (error) {
        expect(String(error)).toMatch(/database is locked/);
      }
      expect(otherWrote).toBe(false);
      return 'written';
    });
    expect(result).toBe('written');
    // Released at commit.
    other.exec('begin immediate; rollback');
  });

  it('rolls back everything when the function throws', () => {
    const events = () => app.database.db.get<{ n: number }>(sql`select count(*) as n from audit_events`)?.n;
    const before = events();
    expect(() =>
      app.repos.oauthGrants.transaction(() => {
        app.repos.audit.insert({
          actorId: null,
          actorType: 'client',
          action: 'oauth.token_issued',
          targetType: 'access_token',
          targetId: 'rolled-back',
        });
        expect(events()).toBe((before ?? 0) + 1);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(events()).toBe(before);
  });
});
