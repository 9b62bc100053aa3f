import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../db/client.js';
import { migrationsBefore, openMigrated, removeMigrationFixtures } from '../test/migrations.js';
import { AuditRepository } from './audit.js';
import { AuditQueryRepository } from './audit-query.js';

afterEach(removeMigrationFixtures);

const targetTypes = (sqlite: Database.Database) =>
  sqlite
    .prepare<[], { action: string; target_type: string }>(
      'select action, target_type from audit_events order by action',
    )
    .all();

describe('OAuth client target type', () => {
  it('migration 0004 renames the approval events’ `client` to `oauth_client`, and nothing else', () => {
    const { sqlite, db, migrateToLatest } = openMigrated(migrationsBefore('0004_audit_oauth_client_target'));
    const audit = new AuditRepository(db);
    const event = { actorId: null, actorType: 'system', targetId: 'c1' } as const;
    audit.insert({ ...event, action: 'client.approve', targetType: 'client' });
    audit.insert({ ...event, action: 'client.updated', targetType: 'oauth_client' });
    audit.insert({ ...event, action: 'developer.update', targetType: 'user' });

    migrateToLatest();
    expect(targetTypes(sqlite)).toEqual([
      { action: 'client.approve', target_type: 'oauth_client' },
      { action: 'client.updated', target_type: 'oauth_client' },
      { action: 'developer.update', target_type: 'user' },
    ]);
    sqlite.close();
  });

  it('reads the Dashboard’s `client` filter value as `oauth_client`', () => {
    const { sqlite, db } = openMigrated(MIGRATIONS_DIR);
    const audit = new AuditRepository(db);
    audit.insert({
      actorId: null,
      actorType: 'system',
      action: 'client.approve',
      targetType: 'oauth_client',
      targetId: 'c1',
    });
    audit.insert({
      actorId: null,
      actorType: 'system',
      action: 'api.create',
      targetType: 'api',
      targetId: 'a1',
    });
    const query = new AuditQueryRepository(db);
    for (const targetType of ['client', 'oauth_client']) {
      const { items, total } = query.list({ page: 1, pageSize: 10, targetType });
      expect(total, targetType).toBe(1);
      expect(items[0]).toMatchObject({ action: 'client.approve', targetType: 'oauth_client' });
    }
    // Not an alias: a name that only looks like a key of every object.
    expect(query.list({ page: 1, pageSize: 10, targetType: 'constructor' }).total).toBe(0);
    sqlite.close();
  });
});
