import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EchoResponse } from '@portico/contracts';

/**
 * `/_echo/*`: a tiny upstream built into the server that reflects the request as JSON. The demo APIs point
 * their upstream URL here, so the gateway can be tried without running any other service.
 */
const echoRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/*',
    schema: {
      tags: ['system'],
      summary: 'Echo the request (built-in demo upstream)',
      response: { 200: EchoResponse },
    },
    handler: async (request) => {
      const url = new URL(request.url, 'http://echo.invalid');
      const query: Record<string, string | string[]> = {};
      for (const key of new Set(url.searchParams.keys())) {
        const values = url.searchParams.getAll(key);
        query[key] = values.length === 1 ? (values[0] ?? '') : values;
      }
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        // Never reflect credentials back: an upstream log is not a place for cookies.
        if (value === undefined || name === 'cookie') continue;
        headers[name] = value;
      }
      return {
        method: request.method,
        path: url.pathname,
        query,
        headers,
        ...(request.body === undefined ? {} : { body: request.body }),
      };
    },
  });
};

export default echoRoutes;
