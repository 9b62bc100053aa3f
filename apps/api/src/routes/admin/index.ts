import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import adminApisRoutes from './apis.js';
import adminApprovalsRoutes from './approvals.js';
import adminAuditRoutes from './audit.js';
import adminCatalogueRoutes from './catalogue.js';
import adminDevelopersRoutes from './developers.js';
import adminPoliciesRoutes from './policies.js';

/**
 * The Dashboard's REST API under `/api/admin` (admins only; `GET /api/admin/users` lives in
 * `routes/admin-users`). Every route runs `requireAdmin`; `admin.test.ts` checks that for the whole
 * route table, so a new route cannot forget it.
 */
const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(adminApisRoutes);
  await app.register(adminPoliciesRoutes);
  await app.register(adminCatalogueRoutes);
  await app.register(adminDevelopersRoutes);
  await app.register(adminApprovalsRoutes);
  await app.register(adminAuditRoutes);
};

export default adminRoutes;
