import { afterEach, describe, expect, it } from 'vitest';
import { consentCovers } from '../oauth/scopes.js';
import { migrationsBefore, openMigrated, removeMigrationFixtures } from '../test/migrations.js';
import { ConsentsRepository } from './oauth-consents.js';
import { AuthorizationRequestsRepository } from './oauth-requests.js';

afterEach(removeMigrationFixtures);

describe('migration 0005: consent as scope–API pairs', () => {
  it('keeps earlier consents listed and revocable, but they cover no new request', () => {
    const { sqlite, db, migrateToLatest } = openMigrated(migrationsBefore('0005_consent_scope_pairs'));
    const now = Date.now();
    sqlite
      .prepare(
        "insert into users (id, email, name, password_hash, created_at, updated_at) values ('u1', 'u@example.com', 'U', 'x', ?, ?)",
      )
      .run(now, now);
    sqlite
      .prepare(
        "insert into oauth_clients (id, client_id, owner_id, name, app_type, created_at, updated_at) values ('c1', 'pc_1', 'u1', 'App', 'web', ?, ?)",
      )
      .run(now, now);
    sqlite
      .prepare(
        `insert into consents (id, user_id, client_id, scopes, api_ids, created_at) values ('k1', 'u1', 'c1', '["read"]', '["a1"]', ?)`,
      )
      .run(now);
    sqlite
      .prepare(
        `insert into authorization_requests (id, client_id, redirect_uri, scopes, api_ids, created_at, expires_at) values ('r1', 'c1', 'https://app.example/cb', '["read"]', '["a1","a2"]', ?, ?)`,
      )
      .run(now, now + 600_000);

    migrateToLatest();

    const consents = new ConsentsRepository(db);
    const consent = consents.findActive('u1', 'c1');
    expect(consent).toMatchObject({ scopes: ['read'], apiIds: ['a1'], apiScopes: null });
    expect(consents.listForUser('u1').map((row) => row.id)).toEqual(['k1']);
    // The same request the user allowed before is asked again, once.
    expect(consentCovers(consent!, { scopes: ['read'], apiIds: ['a1'], apiScopes: { a1: ['read'] } })).toBe(
      false,
    );

    // A request pending at the upgrade asks for every requested scope on each of its APIs.
    const request = new AuthorizationRequestsRepository(db).findPending('r1', new Date(now));
    expect(request?.apiScopes).toEqual({});
    const allowed = { apiScopes: { a1: ['read'], a2: [] } };
    expect(consentCovers(allowed, request!)).toBe(false);
    expect(consentCovers({ apiScopes: { a1: ['read'], a2: ['read'] } }, request!)).toBe(true);

    // Allowing again records pairs, merged with what the earlier consent listed.
    const renewed = consents.grant(
      'u1',
      'c1',
      { scopes: ['read'], apiIds: ['a1'], apiScopes: { a1: ['read'] } },
      new Date(),
    );
    expect(renewed).toMatchObject({ scopes: ['read'], apiIds: ['a1'], apiScopes: { a1: ['read'] } });
  });
});
