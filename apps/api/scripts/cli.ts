import { ConfigError } from '../src/config.js';

/**
 * Runs a command-line script: its result is the exit code; a configuration error prints its message
 * and exits with 2 (anything else is a bug and keeps its stack trace).
 */
export async function runCommand(run: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await run();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exitCode = 2;
  }
}
