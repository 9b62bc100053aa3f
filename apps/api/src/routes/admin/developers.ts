import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AdminClientList,
  AdminDeveloper,
  DeveloperCreateBody,
  DeveloperListQuery,
  DeveloperPage,
  DeveloperPatch,
  DeveloperStatusResult,
  IdParams,
} from '@portico/contracts';
import { actor, adminRoute, errors, listErrors, lookupErrors } from './shared.js';

/** `/api/admin/developers`: developer accounts and their OAuth clients. */
const adminDevelopersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const developers = app.services.admin.developers;

  app.get(
    '/developers',
    adminRoute(app, {
      summary: 'List developers; `q` searches email and name',
      querystring: DeveloperListQuery,
      response: { 200: DeveloperPage, ...listErrors },
    }),
    async (request) => developers.list(request.query),
  );

  app.post(
    '/developers',
    adminRoute(app, {
      summary: 'Create a developer with a temporary password (registration password policy)',
      body: DeveloperCreateBody,
      response: { 201: AdminDeveloper, ...errors },
    }),
    async (request, reply) => reply.code(201).send(await developers.create(actor(request), request.body)),
  );

  app.get(
    '/developers/:id',
    adminRoute(app, {
      summary: 'One developer',
      params: IdParams,
      response: { 200: AdminDeveloper, ...lookupErrors },
    }),
    async (request) => developers.get(request.params.id),
  );

  app.patch(
    '/developers/:id',
    adminRoute(app, {
      summary: "Edit a developer's name or email",
      params: IdParams,
      body: DeveloperPatch,
      response: { 200: AdminDeveloper, ...errors },
    }),
    async (request) => developers.update(actor(request), request.params.id, request.body),
  );

  app.post(
    '/developers/:id/deactivate',
    adminRoute(app, {
      summary: 'Deactivate: ends every session at once and revokes the tokens of their clients',
      params: IdParams,
      response: { 200: DeveloperStatusResult, ...lookupErrors },
    }),
    async (request) => developers.deactivate(actor(request), request.params.id),
  );

  app.post(
    '/developers/:id/reactivate',
    adminRoute(app, {
      summary: 'Reactivate a developer (they sign in again; revoked tokens stay revoked)',
      params: IdParams,
      response: { 200: DeveloperStatusResult, ...lookupErrors },
    }),
    async (request) => developers.reactivate(actor(request), request.params.id),
  );

  app.get(
    '/developers/:id/clients',
    adminRoute(app, {
      summary: "The developer's OAuth clients, newest first",
      params: IdParams,
      response: { 200: AdminClientList, ...lookupErrors },
    }),
    async (request) => developers.clients(request.params.id),
  );
};

export default adminDevelopersRoutes;
