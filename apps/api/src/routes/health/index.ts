import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthResponse, ReadyResponse } from '@portico/contracts';

/** Liveness and readiness probes for orchestrators and load balancers. */
const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      logLevel: 'warn',
      schema: { tags: ['system'], summary: 'The process is up', response: { 200: HealthResponse } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      logLevel: 'warn',
      schema: {
        tags: ['system'],
        summary: 'The process can serve traffic (the database answers)',
        response: { 200: ReadyResponse, 503: ReadyResponse },
      },
    },
    async (_request, reply) => {
      let database = false;
      try {
        database = app.database.ping();
      } catch (err) {
        app.log.error({ err }, 'readiness check: database unavailable');
      }
      return reply
        .status(database ? 200 : 503)
        .send({ status: database ? ('ready' as const) : ('unavailable' as const), checks: { database } });
    },
  );
};

export default healthRoutes;
