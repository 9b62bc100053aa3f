import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.js';

/**
 * All SQLite-specific code lives in `src/db/` so another dialect (PostgreSQL for several instances)
 * can replace this file and the migrations without touching repositories' callers.
 */
export type Db = BetterSQLite3Database<typeof schema>;

export interface DatabaseHandle {
  db: Db;
  /** Cheap round trip used by `/readyz`. */
  ping(): boolean;
  /** Reads one SQLite pragma (diagnostics and tests). */
  pragma(name: string): unknown;
  close(): void;
}

/** `drizzle/` sits next to `src/` and `dist/`, so the same relative URL works for tsx and the built server. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../drizzle', import.meta.url));

export function openDatabase(file: string): DatabaseHandle {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  // WAL lets readers proceed while one writer commits; NORMAL is durable in WAL mode except on power loss.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // Wait for a competing writer (e.g. a CLI or a second process during a deploy) instead of failing at once.
  sqlite.pragma('busy_timeout = 5000');

  const db = drizzle({ client: sqlite, schema });
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });

  return {
    db,
    ping: () => sqlite.prepare('select 1 as ok').get() !== undefined,
    pragma: (name) => sqlite.pragma(name, { simple: true }),
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}
