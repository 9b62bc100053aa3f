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
import { eq } from 'drizzle-orm';
import Fastify from 'fastify';
import { accessTokens, auditEvents } from '../src/db/schema.js';
import type { CpuMessage } from './lib.js';
import { answerCpuQueries, closeOnDisconnect, listen, startPortico } from './server-lib.js';

export type ServerMessage =
  | { type: 'ready'; port: number; clientId?: string; clientSecret?: string }
  | { type: 'stats'; accessTokens: number; tokenAuditEvents: number }
  | CpuMessage;

function send(message: ServerMessage): void {
  process.send?.(message);
}

async function bare(): Promise<() => Promise<void>> {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ hello: 'world' }));
  send({ type: 'ready', port: await listen(app) });
  return () => app.close();
}

async function portico(): Promise<() => Promise<void>> {
  const { app, createServiceClient, close } = await startPortico('portico-bench-');
  const credentials = createServiceClient('Benchmark service');
  send({
    type: 'ready',
    port: await listen(app),
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
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
  return close;
}

answerCpuQueries();

const mode = process.argv[2];
const close = mode === 'bare' ? await bare() : mode === 'portico' ? await portico() : undefined;
if (!close) throw new Error(`usage: servers.ts bare|portico (got ${mode})`);
closeOnDisconnect(close);
