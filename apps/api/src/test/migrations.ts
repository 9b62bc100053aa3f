import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { type Db, MIGRATIONS_DIR } from '../db/client.js';
import * as schema from '../db/schema.js';

/**
 * Databases as deployed before a given migration, to test what that migration does to existing rows.
 * Call `removeMigrationFixtures` after each test.
 */
const dirs: string[] = [];

export function removeMigrationFixtures(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A copy of the migrations folder that stops before `tag`, as a database deployed before it has. */
export function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'portico-migrations-'));
  dirs.push(dir);
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalFile = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  const cut = journal.entries.findIndex((entry) => entry.tag === tag);
  if (cut <= 0) throw new Error(`no migration ${tag} after the first`);
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

export interface MigratedDatabase {
  sqlite: Database.Database;
  db: Db;
  /** Applies the migrations still missing. */
  migrateToLatest: () => void;
}

/** A fresh database file migrated with `folder`. */
export function openMigrated(folder: string): MigratedDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'portico-db-'));
  dirs.push(dir);
  const sqlite = new Database(join(dir, 'portico.db'));
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle({ client: sqlite, schema });
  migrate(db, { migrationsFolder: folder });
  return { sqlite, db, migrateToLatest: () => migrate(db, { migrationsFolder: MIGRATIONS_DIR }) };
}
