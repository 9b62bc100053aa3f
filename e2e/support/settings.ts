import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Every knob of the e2e suite, read from the environment in this one file
 * (the suite's equivalent of apps/api/src/config.ts).
 */

export const e2eRoot = path.resolve(import.meta.dirname, '..');
export const repoRoot = path.resolve(e2eRoot, '..');

export const isCI = Boolean(process.env.CI);

/** QA points the suite at an already running instance; then no server is started. */
const externalBaseUrl = process.env.PORTICO_E2E_BASE_URL?.replace(/\/+$/, '');
export const usesExternalServer = Boolean(externalBaseUrl);

/**
 * Port of the server the suite starts itself. A fixed port (not 0) because Playwright must
 * know the URL before the server is up; 4173 is clear of the default 3000 of `pnpm start`.
 */
export const localPort = Number(process.env.PORTICO_E2E_PORT ?? 4173);
export const baseURL = externalBaseUrl ?? `http://127.0.0.1:${localPort}`;

/**
 * The admin the suite signs in as. Against our own server these values seed the first admin
 * (PORTICO_ADMIN_EMAIL / PORTICO_ADMIN_PASSWORD on a fresh database); against a running
 * instance QA passes that instance's admin.
 */
export const adminCredentials = {
  email: process.env.PORTICO_E2E_ADMIN_EMAIL ?? 'e2e-admin@portico.test',
  password: process.env.PORTICO_E2E_ADMIN_PASSWORD ?? 'e2e-admin-Trellis-Lantern-42',
};

/** Signed-in browser states written by the `setup` project (git-ignored). */
export const storageStates = {
  admin: path.join(e2eRoot, '.auth', 'admin.json'),
  developer: path.join(e2eRoot, '.auth', 'developer.json'),
};

/** The built server, started by `webServer` (run `pnpm build` first). */
export const serverEntry = path.join(repoRoot, 'apps', 'api', 'dist', 'server.js');

/**
 * A fresh database directory per run. The config is evaluated again in every worker process;
 * the directory name travels to them through the environment so only the runner creates one.
 */
export function runDatabaseDir(): string {
  const existing = process.env.PORTICO_E2E_DB_DIR;
  if (existing) return existing;
  const created = mkdtempSync(path.join(tmpdir(), 'portico-e2e-'));
  process.env.PORTICO_E2E_DB_DIR = created;
  return created;
}

/**
 * Browser executable, resolved at run time: CHROMIUM_PATH, then the distribution's chromium,
 * else undefined so Playwright uses its own downloaded build (`pnpm exec playwright install chromium`).
 */
export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

/**
 * This machine (and CI) has no network: without these flags chromium keeps trying to reach
 * Google services and fills the logs with refused connections. --no-sandbox because CI runs as root.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
