import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';
import { createValidatorCompiler } from './lib/validator.js';
import authPlugin from './plugins/auth.js';
import configPlugin from './plugins/config.js';
import databasePlugin from './plugins/database.js';
import errorsPlugin, { answerFrameworkError } from './plugins/errors.js';
import gatewayPlugin from './plugins/gateway.js';
import retentionPlugin from './plugins/retention.js';
import securityPlugin from './plugins/security.js';
import spaPlugin from './plugins/spa.js';
import swaggerPlugin, { swaggerUiPlugin } from './plugins/swagger.js';
import adminRoutes from './routes/admin/index.js';
import adminUsersRoutes from './routes/admin-users/index.js';
import authRoutes from './routes/auth/index.js';
import catalogueRoutes from './routes/catalogue/index.js';
import clientsRoutes from './routes/clients/index.js';
import echoRoutes from './routes/echo/index.js';
import gatewayRoutes from './routes/gateway/index.js';
import healthRoutes from './routes/health/index.js';
import oauthRoutes from './routes/oauth/index.js';
import tryItRoutes from './routes/try-it/index.js';
import usageRoutes from './routes/usage/index.js';
import wellKnownRoutes from './routes/well-known/index.js';

export interface BuildAppOptions {
  /** Pino options from `server.ts`; tests leave it off. */
  logger?: FastifyServerOptions['logger'];
  /** Server-level options owned by `server.ts` (timeouts, connection handling). */
  server?: Pick<FastifyServerOptions, 'requestTimeout' | 'keepAliveTimeout' | 'forceCloseConnections'>;
  /** Epoch-ms time source for the gateway (rate limits, quotas, usage); tests pass a manual clock. */
  clock?: () => number;
}

/**
 * `PORTICO_TRUST_PROXY=true`: trust the one proxy in front (the socket's peer), so the caller's address
 * is the X-Forwarded-For entry that proxy appended. Fastify's own `true` trusts every hop, so the
 * caller's address would be the left-most entry, which the caller writes: behind a proxy that appends
 * (nginx's `$proxy_add_x_forwarded_for`, most load balancers) each request could claim a new address
 * and pass every per-address limit (login, registration, authorization, client authentication).
 */
const trustDirectPeer = (_address: string, hop: number): boolean => hop === 0;

/**
 * Builds the whole server from a validated config, without listening (fastify/demo style), so tests
 * drive it with `app.inject` and `server.ts` owns the logger, the port and graceful shutdown.
 */
export async function buildApp(config: Config, options: BuildAppOptions = {}) {
  const fastifyOptions: FastifyServerOptions = {
    ...options.server,
    logger: options.logger ?? false,
    // Behind a proxy the client IP (used by rate limits and audit) comes from X-Forwarded-For.
    trustProxy: config.trustProxy === true ? trustDirectPeer : config.trustProxy,
    frameworkErrors: answerFrameworkError,
  };
  const app = Fastify(fastifyOptions).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(createValidatorCompiler());

  // Infrastructure shared by the portal and the gateway.
  await app.register(configPlugin, { config });
  await app.register(errorsPlugin);
  await app.register(swaggerPlugin);
  await app.register(databasePlugin);
  await app.register(authPlugin);
  await app.register(gatewayPlugin, { clock: options.clock });
  await app.register(retentionPlugin);

  // The gateway (`/gw/*`) carries API traffic, not browser pages: it sits outside the portal scope
  // below, so proxied requests skip the portal's hooks (security headers, form bodies) and responses
  // carry only the API's own headers.
  await app.register(gatewayRoutes, { prefix: '/gw' });

  // The portal: REST API, OAuth endpoints, docs and the SPA, with the security plugin (helmet, form
  // bodies, rate limits). The scope's instance is also called `app`, so feature lines read as before.
  await app.register(async function portal(app) {
    await app.register(securityPlugin);
    await app.register(swaggerUiPlugin);

    // Features.
    await app.register(healthRoutes);
    await app.register(echoRoutes, { prefix: '/_echo' });
    await app.register(authRoutes, { prefix: '/api/auth' });
    await app.register(adminUsersRoutes, { prefix: '/api/admin/users' });
    await app.register(adminRoutes, { prefix: '/api/admin' });
    await app.register(clientsRoutes, { prefix: '/api/clients' });
    await app.register(catalogueRoutes, { prefix: '/api/catalogue' });
    await app.register(usageRoutes);
    await app.register(tryItRoutes);
    await app.register(oauthRoutes);
    await app.register(wellKnownRoutes, { prefix: '/.well-known' });

    // Last: the SPA and its history fallback answer whatever no route claimed.
    await app.register(spaPlugin);
  });

  // Not `ready()`: callers may still add hooks (tests clean up their temp folder on close); inject/listen
  // make the app ready.
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
