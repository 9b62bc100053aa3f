import { type Static, Type } from 'typebox';
import { AdminAuditEvent } from './admin-audit.js';

/**
 * Admin dashboard contracts. The per-area schemas live in `admin-apis.ts`, `admin-policies.ts`,
 * `admin-catalogue.ts`, `admin-developers.ts` (with clients and approvals) and `admin-audit.ts`;
 * this file holds the dashboard's landing page.
 */

export const AdminOverview = Type.Object({
  counts: Type.Object({
    apis: Type.Integer({ minimum: 0 }),
    policies: Type.Integer({ minimum: 0 }),
    catalogueEntries: Type.Integer({ minimum: 0 }),
    developers: Type.Integer({ minimum: 0 }),
    clients: Type.Integer({ minimum: 0 }),
    pendingApprovals: Type.Integer({ minimum: 0 }),
  }),
  recentEvents: Type.Array(AdminAuditEvent),
});
export type AdminOverview = Static<typeof AdminOverview>;
