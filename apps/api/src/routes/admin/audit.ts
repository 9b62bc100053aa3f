import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AdminOverview, AuditListQuery, AuditPage } from '@portico/contracts';
import { adminRoute, guarded, listErrors } from './shared.js';

/** `/api/admin/audit` (the log, filtered and paginated) and `/api/admin/overview` (the Dashboard home). */
const adminAuditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const auditLog = app.services.admin.auditLog;

  app.get(
    '/audit',
    adminRoute(app, {
      summary: 'Audit events, newest first; filters combine with AND (`from` inclusive, `to` exclusive)',
      querystring: AuditListQuery,
      response: { 200: AuditPage, ...listErrors },
    }),
    async (request) => auditLog.list(request.query),
  );

  app.get(
    '/overview',
    adminRoute(app, {
      summary: 'Counts and recent activity for the Dashboard home',
      response: { 200: AdminOverview, ...guarded },
    }),
    async () => auditLog.overview(),
  );
};

export default adminAuditRoutes;
