import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { FastifyServerOptions } from 'fastify';
import { buildApp } from './app.js';
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
  if (config.demo) await seedDemo(app);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error('graceful shutdown timed out; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    app.close().then(
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
  if (admin?.generatedPassword) {
    lines.push(
      '',
      'An admin account was created. This password is shown ONCE — store it now:',
      `  email:    ${admin.email}`,
      `  password: ${admin.generatedPassword}`,
    );
  } else if (admin) {
    lines.push('', `Admin account created: ${admin.email}`);
  }
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
