import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ApiUsageResponse,
  ClientUsageResponse,
  DeveloperUsageResponse,
  ErrorResponse,
  IdParams,
  UsageQuery,
} from '@portico/contracts';
import { notFound, unauthorized } from '../../lib/errors.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/**
 * Usage analytics: a developer's view of one of their clients (`/api/clients/:id/usage`, 404 for
 * anyone else's), and the dashboard's views per API and per developer (`/api/admin/usage/...`).
 */
const usageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const reports = app.usageReports;

  app.get(
    '/api/clients/:id/usage',
    {
      onRequest: app.requireUser,
      schema: {
        tags: ['usage'],
        summary: "Usage of one of the signed-in developer's OAuth clients",
        params: IdParams,
        querystring: UsageQuery,
        response: { 200: ClientUsageResponse, ...errors },
      },
    },
    async (request) => {
      const user = request.currentUser;
      if (!user) throw unauthorized();
      // Another developer's client is a 404, never a 403, so client ids cannot be probed.
      const client = app.repos.clients.findForOwner(request.params.id, user.id);
      if (!client) throw notFound('OAuth client not found.');
      return reports.clientUsage(client.id, request.query.range ?? '24h');
    },
  );

  app.get(
    '/api/admin/usage/apis/:id',
    {
      onRequest: app.requireAdmin,
      schema: {
        tags: ['usage'],
        summary: 'Usage of one API, with its busiest clients',
        params: IdParams,
        querystring: UsageQuery,
        response: { 200: ApiUsageResponse, ...errors },
      },
    },
    async (request) => {
      const report = reports.apiUsage(request.params.id, request.query.range ?? '24h');
      if (report === null) throw notFound('API not found.');
      return report;
    },
  );

  app.get(
    '/api/admin/usage/developers/:id',
    {
      onRequest: app.requireAdmin,
      schema: {
        tags: ['usage'],
        summary: "Usage of all of one developer's clients",
        params: IdParams,
        querystring: UsageQuery,
        response: { 200: DeveloperUsageResponse, ...errors },
      },
    },
    async (request) => {
      const developer = app.repos.users.findById(request.params.id);
      // Admin accounts are not developers here either (as on /api/admin/developers/:id).
      if (developer?.role !== 'developer') throw notFound('Developer not found.');
      return reports.developerUsage(developer, request.query.range ?? '24h');
    },
  );
};

export default usageRoutes;
