import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { authzVersion } from '../db/schema.js';

/**
 * The counter that database triggers bump whenever something client authentication depends on
 * changes (see `authzVersion` in the schema and migration 0001). Reading it is one indexed row.
 */
export class AuthzVersionRepository {
  readonly #current;

  constructor(db: Db) {
    this.#current = db
      .select({ version: authzVersion.version })
      .from(authzVersion)
      .where(eq(authzVersion.id, 1))
      .prepare();
  }

  current(): number {
    return this.#current.get()?.version ?? 0;
  }
}
