import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AdminApi,
  ApiDeleteResult,
  ApiDependants,
  ApiInput,
  ApiListQuery,
  ApiPage,
  ApiPatch,
  ApiUpdateResult,
  CascadeQuery,
  IdParams,
} from '@portico/contracts';
import { actor, adminRoute, errors, listErrors, lookupErrors } from './shared.js';

/** `/api/admin/apis`: API definitions (listen path, upstream, auth mode, OAuth settings). */
const adminApisRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const apis = app.services.admin.apis;

  app.get(
    '/apis',
    adminRoute(app, {
      summary: 'List APIs; `q` searches name, slug and listen path',
      querystring: ApiListQuery,
      response: { 200: ApiPage, ...listErrors },
    }),
    async (request) => apis.list(request.query),
  );

  app.post(
    '/apis',
    adminRoute(app, {
      summary: 'Create an API (listen path normalised, slug and listen path unique)',
      body: ApiInput,
      response: { 201: AdminApi, ...errors },
    }),
    async (request, reply) => reply.code(201).send(apis.create(actor(request), request.body)),
  );

  app.get(
    '/apis/:id',
    adminRoute(app, {
      summary: 'One API',
      params: IdParams,
      response: { 200: AdminApi, ...lookupErrors },
    }),
    async (request) => apis.get(request.params.id),
  );

  app.patch(
    '/apis/:id',
    adminRoute(app, {
      summary: 'Edit an API; narrowing changes revoke the tokens that exceed them',
      params: IdParams,
      body: ApiPatch,
      response: { 200: ApiUpdateResult, ...errors },
    }),
    async (request) => apis.update(actor(request), request.params.id, request.body),
  );

  app.get(
    '/apis/:id/dependants',
    adminRoute(app, {
      summary: 'What deleting the API would remove and revoke',
      params: IdParams,
      response: { 200: ApiDependants, ...lookupErrors },
    }),
    async (request) => apis.dependants(request.params.id),
  );

  app.delete(
    '/apis/:id',
    adminRoute(app, {
      summary: 'Delete an API; 409 naming its dependants unless `cascade=true`',
      params: IdParams,
      querystring: CascadeQuery,
      response: { 200: ApiDeleteResult, ...errors },
    }),
    async (request) => apis.delete(actor(request), request.params.id, request.query.cascade === true),
  );
};

export default adminApisRoutes;
