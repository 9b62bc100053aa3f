import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { authzVersion } from '../db/schema.js';

/**
 * The triggers migration 0001 creates, `authz_version_<table>_<event>`: what client authentication
 * reads, and which writes bump the version (updates of `users` only for `status`, of
 * `client_secrets` for anything but `last_used_at`).
 */
const WATCHED: Record<string, readonly ('insert' | 'update' | 'delete')[]> = {
  oauth_clients: ['insert', 'update', 'delete'],
  users: ['update', 'delete'],
  client_secrets: ['insert', 'update', 'delete'],
  oauth_client_subscriptions: ['insert', 'update', 'delete'],
  catalogue_entries: ['insert', 'update', 'delete'],
  policies: ['insert', 'update', 'delete'],
  policy_access_rights: ['insert', 'update', 'delete'],
  apis: ['insert', 'update', 'delete'],
};
export const AUTHZ_VERSION_TRIGGERS = Object.entries(WATCHED).flatMap(([table, events]) =>
  events.map((event) => `authz_version_${table}_${event}`),
);

/**
 * The counter that database triggers bump whenever something client authentication depends on
 * changes (see `authzVersion` in the schema and migration 0001). Reading it is one indexed row.
 */
export class AuthzVersionRepository {
  readonly #current;

  constructor(private readonly db: Db) {
    this.#current = db
      .select({ version: authzVersion.version })
      .from(authzVersion)
      .where(eq(authzVersion.id, 1))
      .prepare();
  }

  current(): number {
    const row = this.#current.get();
    if (row === undefined)
      throw new Error('The authz_version row is missing: client caches cannot be trusted.');
    return row.version;
  }

  /**
   * Refuses to run without every trigger and the counter row. SQLite drops a table's triggers with
   * the table, so a future migration that rebuilds one of the watched tables (as drizzle-kit does
   * for some column changes) must create its triggers again; without them, cached clients would
   * never be invalidated and a revoked secret would keep working.
   */
  assertIntact(): void {
    const present = new Set(
      this.db
        .all<{ name: string }>(sql`select name from sqlite_master where type = 'trigger'`)
        .map((row) => row.name),
    );
    const missing = AUTHZ_VERSION_TRIGGERS.filter((name) => !present.has(name));
    if (missing.length > 0) {
      throw new Error(
        `Database triggers missing (${missing.join(', ')}): recreate them as in migration 0001_authz_version.sql.`,
      );
    }
    this.current();
  }
}
