import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { FastifyServerOptions } from 'fastify';
import { type App, buildApp } from './app.js';
import { type Config, ConfigError, loadConfigFromEnv } from './config.js';
import { ensureAdmin } from './db/seed-admin.js';
import { DEMO_ADMIN, DEMO_DEVELOPER, seedDemo } from './db/seed-demo.js';

/** Pretty logs for a human at a terminal; JSON lines for everything else (log collectors). */
function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  const base = { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] };
  if (!process.stdout.isTTY) return base;
  try {
    // pino-pretty is a dev dependency: a production install may not have it.
    createRequire(import.meta.url).resolve('pino-pretty');
    return {
      ...base,
      transport: {
        target: 'pino-pretty',
        options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
      },
    };
  } catch {
    return base;
  }
}

function banner(lines: string[]): void {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const rule = '='.repeat(width);
  console.info(['', rule, ...lines.map((l) => (l ? `  ${l}` : '')), rule, ''].join('\n'));
}

/**
 * Closes the server gracefully: no new connections, requests in flight finish, then the shutdown hooks
 * run (usage and quota flushed, database closed). A keep-alive connection whose request was in flight
 * would stay open until its keep-alive timeout (72 s) once its response is sent, and `close()` waits for
 * it: idle connections are closed as they become idle, every `idleCheckMs`.
 */
export async function closeGracefully(app: App, idleCheckMs = 100): Promise<void> {
  const idle = setInterval(() => app.server.closeIdleConnections(), idleCheckMs);
  idle.unref();
  try {
    await app.close();
  } finally {
    clearInterval(idle);
  }
}

/** Builds the app, runs first-start tasks (admin, demo data), listens and wires graceful shutdown. */
export async function startServer(config: Config) {
  const app = await buildApp(config, {
    logger: loggerOptions(config),
    server: { requestTimeout: 30_000, keepAliveTimeout: 72_000, forceCloseConnections: 'idle' },
  });

  // Demo mode uses a known admin login unless one is configured, so the printed demo logins all work.
  const adminCredentials =
    config.demo && !config.adminEmail && !config.adminPassword
      ? DEMO_ADMIN
      : { email: config.adminEmail, password: config.adminPassword };
  const admin = await ensureAdmin(app, adminCredentials);
  // Shown at once: should listening fail (port taken), the account exists and its password would
  // otherwise never be seen.
  if (admin?.generatedPassword) {
    banner([
      'An admin account was created. This password is shown ONCE — store it now:',
      `  email:    ${admin.email}`,
      `  password: ${admin.generatedPassword}`,
    ]);
  }
  if (config.demo) await seedDemo(app);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error('graceful shutdown timed out; exiting');
      // Whatever else is cut short, the usage counts and quota periods are written.
      try {
        app.gateway.stop();
      } catch (err) {
        app.log.error({ err }, 'usage could not be written');
      }
      process.exit(1);
    }, 10_000);
    force.unref();
    closeGracefully(app).then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });

  const lines = [`Portico is running at ${config.issuer}`, `API docs: ${config.issuer}/docs`];
  if (admin && !admin.generatedPassword) lines.push('', `Admin account created: ${admin.email}`);
  if (config.demo) {
    lines.push('', 'Demo logins:');
    if (adminCredentials === DEMO_ADMIN)
      lines.push(`  admin:     ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}`);
    lines.push(`  developer: ${DEMO_DEVELOPER.email} / ${DEMO_DEVELOPER.password}`);
  }
  banner(lines);
  return app;
}

export async function main(defaults: Record<string, string> = {}): Promise<void> {
  let config: Config;
  try {
    config = loadConfigFromEnv(defaults);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  try {
    await startServer(config);
  } catch (err) {
    console.error('Portico failed to start:', err instanceof Error ? err.message : err);
    if (err instanceof Error && 'details' in err && Array.isArray(err.details)) console.error(err.details);
    process.exit(1);
  }
}

// `node dist/server.js` (deployment: demo data off unless PORTICO_DEMO=1).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
