import { existsSync } from 'node:fs';
import { ConfigError } from '../src/config.js';
import { type DatabaseHandle, openDatabase } from '../src/db/client.js';

/** A problem the person running the command can fix: its message is printed, exit code 2. */
export class UsageError extends Error {}

/**
 * Runs a command-line script: its result is the exit code. A configuration or usage problem (a bad
 * variable, an unknown option, no database) prints its message and exits with 2; anything else is a
 * bug and keeps its stack trace.
 */
export async function runCommand(run: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await run();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const usage =
      error instanceof ConfigError ||
      error instanceof UsageError ||
      (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_'));
    if (!usage) throw error;
    console.error((error as Error).message);
    process.exitCode = 2;
  }
}

/**
 * The server's database, which must exist: `pnpm --filter @portico/api …` runs in `apps/api`, so a
 * relative PORTICO_DB_FILE there is another file than the server's, and opening it would create an
 * empty database and report success on it.
 */
export function openServerDatabase(dbFile: string): DatabaseHandle {
  if (!existsSync(dbFile)) {
    throw new UsageError(
      `No Portico database at ${dbFile}. Set PORTICO_DB_FILE to the server's database file, as an absolute path (pnpm --filter runs this command in apps/api).`,
    );
  }
  console.info(`Database: ${dbFile}`);
  return openDatabase(dbFile);
}
