import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { getTableName } from 'drizzle-orm';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from './schema.js';
import { FOLD_FUNCTION, foldText } from './search.js';

/**
 * All SQLite-specific code lives in `src/db/` so another dialect (PostgreSQL for several instances)
 * can replace this file and the migrations without touching repositories' callers.
 */
export type Db = BetterSQLite3Database<typeof schema> & {
  /** The better-sqlite3 connection, for the few hot statements that skip Drizzle's parameter mapping. */
  $client: Database.Database;
};

/**
 * A plain better-sqlite3 INSERT of `columns` into `table`, bound positionally in that order. For the
 * token endpoint's rows, where Drizzle's placeholder mapping was measured at ~2 µs per execution
 * (a token and its audit event: ~24 µs with Drizzle's prepared inserts, ~20 µs plain, in batches of
 * 12). Table and column names come from the schema, so they cannot drift from it.
 */
export function prepareInsert<Params extends unknown[]>(
  db: Db,
  table: SQLiteTable,
  columns: readonly SQLiteColumn[],
): Database.Statement<Params> {
  const names = columns.map((column) => `"${column.name}"`).join(', ');
  const values = columns.map(() => '?').join(', ');
  return db.$client.prepare<Params>(`insert into "${getTableName(table)}" (${names}) values (${values})`);
}

/**
 * SQLITE_BUSY (and its extended codes): another connection held the write lock for the whole busy
 * timeout. Nothing was written; the same request can simply be tried again.
 */
export function isDatabaseLocked(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

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
  // Checkpoint (copy the WAL into the database file, with two fsyncs) every ~40 MB of WAL instead of
  // SQLite's 4 MB: the token endpoint writes a few pages per commit, and the checkpoints' fsyncs run
  // on the writer's thread, i.e. the event loop.
  sqlite.pragma('wal_autocheckpoint = 10000');
  // The WAL keeps its size after a checkpoint; one that grew while a reader held an old snapshot is
  // cut back to 64 MiB when it is next reset.
  sqlite.pragma('journal_size_limit = 67108864');
  sqlite.pragma('foreign_keys = ON');
  // Wait for a competing writer (e.g. a CLI or a second process during a deploy) instead of failing at once.
  sqlite.pragma('busy_timeout = 5000');

  // Case folding beyond ASCII for the lists' search (see `search.ts`).
  sqlite.function(FOLD_FUNCTION, { deterministic: true }, foldText);

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
