import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AccountConsentList, ErrorResponse, IdParams } from '@portico/contracts';
import { Type } from 'typebox';
import { unauthorized } from '../../lib/errors.js';

/** `/api/account/consents`: the applications the signed-in user allowed, with revoke. */
const accountConsentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['account'];

  app.get(
    '/consents',
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        summary: 'Applications the signed-in user has allowed, newest first',
        response: { 200: AccountConsentList, 401: ErrorResponse },
      },
    },
    async (request) => {
      if (!request.currentUser) throw unauthorized();
      return app.services.oauthConsents.list(request.currentUser.id);
    },
  );

  app.delete(
    '/consents/:id',
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        summary: "Revoke a consent: the app's tokens for this user stop working at once",
        params: IdParams,
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
      app.services.oauthConsents.revoke(request.currentUser.id, request.params.id, request.ip);
      return reply.status(204).send(null);
    },
  );
};

export default accountConsentsRoutes;
