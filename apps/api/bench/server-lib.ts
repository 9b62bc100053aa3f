/**
 * What both benchmarks' server processes (`servers.ts`, `gateway-servers.ts`) share: the real app on a
 * temporary database with the demo data, and a service client of the demo developer subscribed to the
 * Payments API. None runs a request logger, so the comparison is about the work each request does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { catalogueEntries } from '../src/db/schema.js';
import { DEMO_DEVELOPER, seedDemo } from '../src/db/seed-demo.js';

export const portOf = (address: string | ReturnType<import('node:net').Server['address']>): number =>
  typeof address === 'object' && address !== null ? address.port : 0;

/** Listens on a free port of the loopback interface and returns it. */
export async function listen(app: FastifyInstance): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return portOf(app.server.address());
}

/**
 * Portico (`buildApp`) on a fresh SQLite file in a temporary folder (`dirPrefix`), seeded with the demo
 * catalogue, with the demo developer and the Payments API entry looked up; `close` deletes the folder.
 */
export async function startPortico(dirPrefix: string) {
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
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
    .select({ id: catalogueEntries.id, apiId: catalogueEntries.apiId, policyId: catalogueEntries.policyId })
    .from(catalogueEntries)
    .where(eq(catalogueEntries.name, 'Payments API'))
    .get();
  if (!developer || !entry) throw new Error('demo data is missing the developer or the Payments API entry');

  /** A confidential machine-to-machine client of the demo developer, subscribed to the Payments API. */
  const createServiceClient = (name: string) => {
    const actor = { id: developer.id, ip: '127.0.0.1' };
    const draft = app.services.clients.createDraft(actor, [entry.id]);
    const credentials = app.services.clients.complete(actor, draft.id, {
      name,
      appType: 'service',
      redirectUris: [],
    });
    return { id: draft.id, clientId: credentials.clientId, clientSecret: credentials.clientSecret ?? '' };
  };

  const close = async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { app, entry, createServiceClient, close };
}

/** Answers the driver's `cpu` questions with this process's CPU time so far (`cpuMicros` in `lib.ts`). */
export function answerCpuQueries(): void {
  process.on('message', (message: { type?: string }) => {
    if (message.type !== 'cpu') return;
    const { user, system } = process.cpuUsage();
    process.send?.({ type: 'cpu', micros: user + system });
  });
}

/** Closes the server when the driver disconnects (its `stopServer`), then ends the process. */
export function closeOnDisconnect(close: () => Promise<void>): void {
  process.on('disconnect', () => {
    close().finally(() => process.exit(0));
  });
}
