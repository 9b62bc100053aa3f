/**
 * `pnpm --filter @portico/api keys:rotate [--alg ES256|RS256]`: generates a new signing key for
 * access tokens and retires the current one. Retired keys stay in the JWKS while tokens they signed
 * are still valid, so nothing that holds a token notices. A running server switches to the new key
 * within `keyReloadMs` (10 s); it reads the same database (PORTICO_DB_FILE).
 */
import { parseArgs } from 'node:util';
import { loadConfigFromEnv } from '../src/config.js';
import { isSigningAlgorithm } from '../src/oauth/signing-keys.js';
import { SigningKeysRepository } from '../src/repositories/oauth-signing-keys.js';
import { rotateSigningKey } from '../src/services/oauth-keys.js';
import { openServerDatabase, runCommand } from './cli.js';

async function run(): Promise<number> {
  const { values } = parseArgs({ options: { alg: { type: 'string' } }, allowPositionals: false });
  const config = loadConfigFromEnv();
  const algorithm = (values.alg ?? config.oauth.signingAlgorithm).toUpperCase();
  if (!isSigningAlgorithm(algorithm)) {
    console.error(`--alg must be ES256 or RS256, got "${values.alg}".`);
    return 2;
  }
  const database = openServerDatabase(config.dbFile);
  try {
    const { kid, retired } = await rotateSigningKey(new SigningKeysRepository(database.db), algorithm);
    console.info(`New ${algorithm} signing key: ${kid}`);
    console.info(
      retired.length > 0
        ? `Retired (still published until their tokens expire): ${retired.join(', ')}`
        : 'There was no previous key.',
    );
    return 0;
  } finally {
    database.close();
  }
}

await runCommand(run);
