import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AdminCatalogueEntry,
  CascadeQuery,
  CatalogueDeleteResult,
  CatalogueEntryInput,
  CatalogueEntryPatch,
  CatalogueListQuery,
  CataloguePage,
  CatalogueUpdateResult,
  IdParams,
} from '@portico/contracts';
import { actor, adminRoute, errors, listErrors, lookupErrors } from './shared.js';

/** `/api/admin/catalogue`: entries publishing one API with one policy to the portal. */
const adminCatalogueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const catalogue = app.services.admin.catalogue;

  app.get(
    '/catalogue',
    adminRoute(app, {
      summary: 'List catalogue entries (hidden ones included); `q` searches name and short description',
      querystring: CatalogueListQuery,
      response: { 200: CataloguePage, ...listErrors },
    }),
    async (request) => catalogue.list(request.query),
  );

  app.post(
    '/catalogue',
    adminRoute(app, {
      summary: "Create a catalogue entry; 400 when the policy does not grant the entry's API",
      body: CatalogueEntryInput,
      response: { 201: AdminCatalogueEntry, ...errors },
    }),
    async (request, reply) => reply.code(201).send(catalogue.create(actor(request), request.body)),
  );

  app.get(
    '/catalogue/:id',
    adminRoute(app, {
      summary: 'One catalogue entry',
      params: IdParams,
      response: { 200: AdminCatalogueEntry, ...lookupErrors },
    }),
    async (request) => catalogue.get(request.params.id),
  );

  app.patch(
    '/catalogue/:id',
    adminRoute(app, {
      summary: 'Edit a catalogue entry; a new policy revokes the tokens it no longer covers',
      params: IdParams,
      body: CatalogueEntryPatch,
      response: { 200: CatalogueUpdateResult, ...errors },
    }),
    async (request) => catalogue.update(actor(request), request.params.id, request.body),
  );

  app.delete(
    '/catalogue/:id',
    adminRoute(app, {
      summary: 'Delete a catalogue entry; 409 while clients use it unless `cascade=true`',
      params: IdParams,
      querystring: CascadeQuery,
      response: { 200: CatalogueDeleteResult, ...errors },
    }),
    async (request) => catalogue.delete(actor(request), request.params.id, request.query.cascade === true),
  );
};

export default adminCatalogueRoutes;
