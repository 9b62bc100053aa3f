/**
 * `pnpm --filter @portico/api db:sweep`: deletes expired tokens, codes, consent requests and
 * sessions (after a day's grace) and audit events older than PORTICO_AUDIT_RETENTION_DAYS, as the
 * server does every PORTICO_RETENTION_INTERVAL_MINUTES, and prints how many rows of each kind it
 * deleted. For a server run with the interval at 0 (a cron job instead). It may run while the
 * server does.
 */
import { loadConfigFromEnv } from '../src/config.js';
import { AuditRepository } from '../src/repositories/audit.js';
import { RetentionRepository } from '../src/repositories/retention.js';
import { AuditService } from '../src/services/audit.js';
import { createRetentionService } from '../src/services/retention.js';
import { openServerDatabase, runCommand } from './cli.js';

async function run(): Promise<number> {
  const config = loadConfigFromEnv();
  const database = openServerDatabase(config.dbFile);
  try {
    const audit = new AuditService(new AuditRepository(database.db));
    const service = createRetentionService(new RetentionRepository(database.db), audit, config.retention);
    const counts = await service.sweep();
    for (const [kind, deleted] of Object.entries(counts)) console.info(`${kind}: ${deleted} deleted`);
    return 0;
  } finally {
    database.close();
  }
}

await runCommand(run);
