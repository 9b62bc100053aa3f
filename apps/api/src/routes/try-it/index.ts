import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, IdParams, isConfidential, TryItBody, TryItResponse } from '@portico/contracts';
import { badRequest, notFound, unauthorized } from '../../lib/errors.js';
import { TryItService } from '../../services/gateway-try-it.js';

/**
 * `POST /api/clients/:id/try-it`: a client_credentials token with the pasted secret, then one request
 * through the gateway to one of the client's APIs (see `TryItService`). The secret is part of the body
 * only; Fastify does not log bodies, and nothing here stores or repeats it.
 */
const tryItRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // In-process requests: the real token endpoint and the real gateway, without a network hop. The
  // gateway's answer is read as a stream, so Try it keeps only the part it shows (see `TryItService`).
  const tryIt = new TryItService((request) => app.inject(request), app.gateway.hangUps);

  app.post(
    '/api/clients/:id/try-it',
    {
      onRequest: app.requireUser,
      // Each call issues a token; a person clicking "Send" never needs more than this.
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['usage'],
        summary: 'Get a client_credentials token and call one of the client’s APIs through the gateway',
        params: IdParams,
        body: TryItBody,
        response: {
          200: TryItResponse,
          400: ErrorResponse,
          401: ErrorResponse,
          403: ErrorResponse,
          404: ErrorResponse,
          429: ErrorResponse,
          // The API's response broke off, or it did not answer within Try it's deadline.
          502: ErrorResponse,
          504: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const user = request.currentUser;
      if (!user) throw unauthorized();
      const client = app.repos.clients.findForOwner(request.params.id, user.id);
      if (!client) throw notFound('OAuth client not found.');
      const api = app.repos.usage.subscribedApis(client.id).find((row) => row.apiId === request.body.apiId);
      if (!api) {
        throw badRequest('Pick one of the APIs this client is subscribed to.', [
          { field: 'apiId', message: 'is not an active API of this client' },
        ]);
      }
      const result = await tryIt.run(
        {
          clientId: client.clientId,
          confidential: isConfidential(client.appType),
          grantTypes: client.grantTypes,
        },
        { id: api.apiId, listenPath: api.listenPath },
        request.body,
        // `request.ip` already applies `trustProxy`; the injected requests carry no forwarding headers.
        { ip: request.ip },
      );
      // The answer carries an access token: keep it out of every cache (RFC 6749 §5.1).
      reply.header('cache-control', 'no-store');
      return result;
    },
  );
};

export default tryItRoutes;
