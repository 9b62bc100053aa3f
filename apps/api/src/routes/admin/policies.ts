import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AdminPolicy,
  IdParams,
  PolicyInput,
  PolicyListQuery,
  PolicyPage,
  PolicyPatch,
  PolicyUpdateResult,
} from '@portico/contracts';
import { Type } from 'typebox';
import { actor, adminRoute, errors, listErrors, lookupErrors } from './shared.js';

/** `/api/admin/policies`: access rights, rate limit, quota, token expiry. */
const adminPoliciesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const policies = app.services.admin.policies;

  app.get(
    '/policies',
    adminRoute(app, {
      summary: 'List policies; `q` searches the name, `apiId` keeps policies granting that API',
      querystring: PolicyListQuery,
      response: { 200: PolicyPage, ...listErrors },
    }),
    async (request) => policies.list(request.query),
  );

  app.post(
    '/policies',
    adminRoute(app, {
      summary: 'Create a policy (each access right names an API and a subset of its scopes)',
      body: PolicyInput,
      response: { 201: AdminPolicy, ...errors },
    }),
    async (request, reply) => reply.code(201).send(policies.create(actor(request), request.body)),
  );

  app.get(
    '/policies/:id',
    adminRoute(app, {
      summary: 'One policy',
      params: IdParams,
      response: { 200: AdminPolicy, ...lookupErrors },
    }),
    async (request) => policies.get(request.params.id),
  );

  app.patch(
    '/policies/:id',
    adminRoute(app, {
      summary: 'Edit a policy; narrowing it revokes the tokens that exceed the new rights',
      params: IdParams,
      body: PolicyPatch,
      response: { 200: PolicyUpdateResult, ...errors },
    }),
    async (request) => policies.update(actor(request), request.params.id, request.body),
  );

  app.delete(
    '/policies/:id',
    adminRoute(app, {
      summary: 'Delete a policy; 409 while a catalogue entry uses it',
      params: IdParams,
      response: { 204: Type.Null(), ...errors },
    }),
    async (request, reply) => {
      policies.delete(actor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};

export default adminPoliciesRoutes;
