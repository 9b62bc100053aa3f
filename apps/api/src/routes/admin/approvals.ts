import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AdminClient, ApprovalListQuery, ApprovalPage, IdParams, RejectBody } from '@portico/contracts';
import { actor, adminRoute, errors, listErrors } from './shared.js';

/** `/api/admin/approvals`: OAuth clients waiting on a `manual` catalogue entry. */
const adminApprovalsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const approvals = app.services.admin.approvals;

  app.get(
    '/approvals',
    adminRoute(app, {
      summary: 'The approval queue, oldest first',
      querystring: ApprovalListQuery,
      response: { 200: ApprovalPage, ...listErrors },
    }),
    async (request) => approvals.list(request.query),
  );

  app.post(
    '/approvals/:id/approve',
    adminRoute(app, {
      summary: 'Approve a waiting client: it (and its pending APIs) become active',
      params: IdParams,
      response: { 200: AdminClient, ...errors },
    }),
    async (request) => approvals.approve(actor(request), request.params.id),
  );

  app.post(
    '/approvals/:id/reject',
    adminRoute(app, {
      summary: 'Reject a waiting client with a reason its developer sees',
      params: IdParams,
      body: RejectBody,
      response: { 200: AdminClient, ...errors },
    }),
    async (request) => approvals.reject(actor(request), request.params.id, request.body.reason),
  );
};

export default adminApprovalsRoutes;
