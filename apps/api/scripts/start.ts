/**
 * `pnpm start` (root): build what is missing, then serve everything on one port with demo data
 * (unless PORTICO_DEMO=0). Runs the server from TypeScript source through tsx, so only the portal
 * needs a build. Deployments run `node apps/api/dist/server.js` instead (demo data off by default).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, DEFAULT_WEB_DIR, loadConfigFromEnv } from '../src/config.js';
import { main } from '../src/server.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const DEMO_DEFAULTS = { PORTICO_DEMO: '1' };

function ensurePortalBuilt(webDir: string): void {
  if (existsSync(join(webDir, 'index.html'))) return;
  if (webDir !== DEFAULT_WEB_DIR) {
    console.warn(
      `PORTICO_WEB_DIR=${webDir} has no index.html; the portal will answer 503 until it is built.`,
    );
    return;
  }
  console.info('The portal is not built yet: running `pnpm --filter @portico/portal build` ...');
  const result = spawnSync('pnpm', ['--filter', '@portico/portal', 'build'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(
      [
        '',
        'Building the portal failed (see the output above). The API, OAuth endpoints and /docs still start,',
        'but the browser portal answers 503 until `pnpm --filter @portico/portal build` succeeds.',
        '',
      ].join('\n'),
    );
  }
}

try {
  ensurePortalBuilt(loadConfigFromEnv(DEMO_DEFAULTS).webDir);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  // main() reports configuration errors with the same message and exits.
}
await main(DEMO_DEFAULTS);
