import { rmSync } from 'node:fs';
import { usesExternalServer } from './support/settings.js';

/** Removes the per-run temporary database created in playwright.config.ts. */
export default function globalTeardown(): void {
  const dir = process.env.PORTICO_E2E_DB_DIR;
  // Only a directory this run created: with PORTICO_E2E_BASE_URL nothing was created.
  if (usesExternalServer || !dir) return;
  rmSync(dir, { recursive: true, force: true });
}
