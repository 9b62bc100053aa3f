import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.js';
import { buildTestApp, type TestApp } from '../test/helpers.js';
import { AUTHZ_VERSION_TRIGGERS } from './authz-version.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('authz_version', () => {
  it('has every trigger the migration creates, and only those', async () => {
    app = await buildTestApp();
    const triggers = app.database.db
      .all<{ name: string }>(sql`select name from sqlite_master where type = 'trigger' order by name`)
      .map((row) => row.name);
    expect(triggers).toEqual([...AUTHZ_VERSION_TRIGGERS].sort());
    expect(triggers).toHaveLength(23);
  });

  it('is refused once a trigger is gone (as a table rebuild would drop it)', async () => {
    app = await buildTestApp();
    app.repos.authzVersion.assertIntact();
    app.database.db.run(sql`drop trigger authz_version_client_secrets_update`);
    expect(() => app!.repos.authzVersion.assertIntact()).toThrow(/authz_version_client_secrets_update/);
  });

  it('is refused without its row instead of reading as version 0', async () => {
    app = await buildTestApp();
    app.database.db.run(sql`delete from authz_version`);
    expect(() => app!.repos.authzVersion.current()).toThrow(/row is missing/);
    expect(() => app!.repos.authzVersion.assertIntact()).toThrow();
  });

  it('keeps the server from starting on a database that lost a trigger', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-authz-'));
    try {
      const dbFile = join(dir, 'portico.db');
      const database = openDatabase(dbFile);
      database.db.run(sql`drop trigger authz_version_oauth_clients_update`);
      database.close();
      await expect(buildTestApp({ config: { dbFile } }).then((built) => built.ready())).rejects.toThrow(
        /authz_version_oauth_clients_update/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
