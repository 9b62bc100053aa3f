/**
 * The two servers the benchmark compares, each run in its own child process (forked by `run.ts`) so
 * the load generator never shares an event loop with the server it measures.
 *
 * - `bare`: a Fastify hello-world, the ceiling for one Node process on this machine.
 * - `portico`: the real app (`buildApp`) on a temporary SQLite database with the demo catalogue and
 *   one machine-to-machine client subscribed to the Payments API.
 *
 * Both run without a request logger, so the comparison is about the work each request does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import Fastify from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { accessTokens, auditEvents, catalogueEntries } from '../src/db/schema.js';
import { DEMO_DEVELOPER, seedDemo } from '../src/db/seed-demo.js';

export type ServerMessage =
  | { type: 'ready'; port: number; clientId?: string; clientSecret?: string }
  | { type: 'stats'; accessTokens: number; tokenAuditEvents: number };

function send(message: ServerMessage): void {
  process.send?.(message);
}

async function bare(): Promise<() => Promise<void>> {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ hello: 'world' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  send({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 });
  return () => app.close();
}

async function portico(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'portico-bench-'));
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      PORTICO_ISSUER: 'http://127.0.0.1',
      PORTICO_DB_FILE: join(dir, 'bench.db'),
      PORTICO_WEB_DIR: join(dir, 'no-portal'),
      PORTICO_LOG_LEVEL: 'warn',
      PORTICO_SESSION_SECRET: 'benchmark-session-secret-0123456789abcdef',
    },
    dir,
  );
  const app = await buildApp(config);
  await app.ready();
  await seedDemo(app);

  const developer = app.repos.users.findByEmail(DEMO_DEVELOPER.email);
  const entry = app.database.db
    .select({ id: catalogueEntries.id })
    .from(catalogueEntries)
    .where(eq(catalogueEntries.name, 'Payments API'))
    .get();
  if (!developer || !entry) throw new Error('demo data is missing the developer or the Payments API entry');
  const actor = { id: developer.id, ip: '127.0.0.1' };
  const draft = app.services.clients.createDraft(actor, [entry.id]);
  const credentials = app.services.clients.complete(actor, draft.id, {
    name: 'Benchmark service',
    appType: 'service',
    redirectUris: [],
  });

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  send({
    type: 'ready',
    port: typeof address === 'object' && address ? address.port : 0,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret ?? '',
  });

  process.on('message', async (message: { type?: string }) => {
    if (message.type !== 'stats') return;
    const db = app.database.db;
    send({
      type: 'stats',
      accessTokens: await db.$count(accessTokens),
      tokenAuditEvents: await db.$count(auditEvents, eq(auditEvents.action, 'oauth.token_issued')),
    });
  });
  return async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  };
}

const mode = process.argv[2];
const close = mode === 'bare' ? await bare() : mode === 'portico' ? await portico() : undefined;
if (!close) throw new Error(`usage: servers.ts bare|portico (got ${mode})`);
process.on('disconnect', () => {
  close().finally(() => process.exit(0));
});
