import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, UserListQuery, UserListResponse } from '@portico/contracts';

/** `GET /api/admin/users`: accounts for the Dashboard's developer list (admins only). */
const adminUsersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '',
    {
      onRequest: app.requireAdmin,
      schema: {
        tags: ['admin'],
        summary: 'List user accounts, newest first; `q` searches email and name',
        querystring: UserListQuery,
        response: { 200: UserListResponse, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => app.services.users.list(request.query),
  );
};

export default adminUsersRoutes;
