import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ClientTokenList, ClientTokenParams, ErrorResponse, IdParams } from '@portico/contracts';
import { Type } from 'typebox';
import { unauthorized } from '../../lib/errors.js';

/**
 * `/api/clients/:id/tokens`: the client page's tokens panel (list, revoke one). "Revoke all" is
 * `POST /api/clients/:id/tokens/revoke-all` in the clients routes.
 */
const clientTokensRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['clients'];

  app.get(
    '/:id/tokens',
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        summary: "The client's working access and refresh tokens, newest first",
        params: IdParams,
        response: { 200: ClientTokenList, 401: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      if (!request.currentUser) throw unauthorized();
      reply.header('cache-control', 'no-store');
      return app.services.oauthClientTokens.list(request.currentUser.id, request.params.id);
    },
  );

  app.delete(
    '/:id/tokens/:tokenId',
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        summary: 'Revoke one token (a refresh token takes its whole grant with it)',
        params: ClientTokenParams,
        response: {
          204: Type.Null({ description: 'Revoked' }),
          401: ErrorResponse,
          403: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      if (!request.currentUser) throw unauthorized();
      app.services.oauthClientTokens.revoke(
        { id: request.currentUser.id, ip: request.ip },
        request.params.id,
        request.params.tokenId,
      );
      return reply.status(204).send(null);
    },
  );
};

export default clientTokensRoutes;
