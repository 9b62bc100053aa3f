import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AuthorizeDecisionBody,
  AuthorizeDecisionResponse,
  AuthorizeRequestParams,
  AuthorizeRequestView,
  ErrorResponse,
} from '@portico/contracts';
import type { FastifyRequest } from 'fastify';
import { unauthorized } from '../../lib/errors.js';
import type { EndUser } from '../../services/oauth-server.js';

function endUser(request: FastifyRequest): EndUser {
  const user = request.currentUser;
  if (!user) throw unauthorized();
  return { id: user.id, status: user.status };
}

/** `/api/oauth/authorize-request/:id`: what the SPA's consent screen reads and submits. */
const consentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['oauth'];

  app.get(
    '/authorize-request/:id',
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        summary: 'The pending authorization request the consent screen shows',
        params: AuthorizeRequestParams,
        response: { 200: AuthorizeRequestView, 401: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return app.services.oauth.describeRequest(request.params.id, endUser(request));
    },
  );

  app.post(
    '/authorize-request/:id/decision',
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        summary: 'Allow or deny; answers with the client redirect (code or error, state, iss)',
        params: AuthorizeRequestParams,
        body: AuthorizeDecisionBody,
        response: {
          200: AuthorizeDecisionResponse,
          400: ErrorResponse,
          401: ErrorResponse,
          403: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return app.services.oauth.decide(
        request.params.id,
        endUser(request),
        request.body.decision,
        request.ip,
      );
    },
  );
};

export default consentRoutes;
