import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { CSRF_HEADER, SESSION_COOKIE } from '@portico/contracts';
import fp from 'fastify-plugin';

/** OpenAPI 3.1 generated from the route schemas, served at `/openapi.json` and browsable at `/docs`. */
export default fp(
  async (app) => {
    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Portico API',
          version: '0.1.0',
          description:
            'REST API of the Portico developer portal. Cookie-authenticated requests that change state must send ' +
            `the \`${CSRF_HEADER}\` header with the \`csrfToken\` returned by login, register or \`GET /api/auth/me\`.`,
        },
        servers: [{ url: app.config.issuer }],
        tags: [
          { name: 'auth', description: 'Accounts and browser sessions' },
          { name: 'admin', description: 'Administration (admins only)' },
          { name: 'system', description: 'Health and diagnostics' },
        ],
        components: {
          securitySchemes: {
            sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          },
        },
      },
    });
  },
  { name: 'swagger', dependencies: ['config'] },
);

/**
 * `/docs` and `/openapi.json`, registered in the portal's scope (`app.ts`) so the docs pages get the
 * portal's security headers, while the spec above collects every route, the gateway's included.
 */
export const swaggerUiPlugin = fp(
  async (app) => {
    const secure = app.config.issuer.startsWith('https:');
    await app.register(fastifySwaggerUi, {
      routePrefix: '/docs',
      // Swagger UI ships inline scripts; its own CSP (with hashes) replaces the SPA's on /docs only.
      staticCSP: true,
      // Over plain http (local runs) `upgrade-insecure-requests` would break loading the spec from an IP address.
      transformStaticCSP: (header) =>
        secure ? header : header.replace(/\s*upgrade-insecure-requests;?/, ''),
    });

    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'swagger-ui', dependencies: ['swagger'] },
);
