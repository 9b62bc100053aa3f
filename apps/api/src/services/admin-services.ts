import type { Config } from '../config.js';
import type { Repositories } from '../repositories/index.js';
import { AdminAccessService } from './admin-access.js';
import { AdminApisService } from './admin-apis.js';
import { AdminApprovalsService } from './admin-approvals.js';
import { AdminAuditService } from './admin-audit.js';
import { AdminCatalogueService } from './admin-catalogue.js';
import { AdminDevelopersService } from './admin-developers.js';
import { AdminPoliciesService } from './admin-policies.js';
import type { AuditService } from './audit.js';
import { AuthService } from './auth.js';

/** The Dashboard's services, decorated as `app.services.admin.<area>`. */
export function createAdminServices(repos: Repositories, audit: AuditService, config: Config) {
  // Entitlements come from the authorization server's own query, so "allowed" means the same on both sides.
  const access = new AdminAccessService(repos.adminAccess, repos.oauthEntitlements, config.issuer);
  // Account creation (password policy, hashing, unique email) is the auth service's; this instance shares its repositories.
  const auth = new AuthService(repos.users, repos.sessions, audit, { sessionTtlMs: config.sessionTtlMs });
  const apis = new AdminApisService({ apis: repos.apis, access, audit, issuer: config.issuer });
  const policies = new AdminPoliciesService({ policies: repos.policies, apis: repos.apis, access, audit });
  const catalogue = new AdminCatalogueService({
    catalogue: repos.catalogue,
    apis: repos.apis,
    policies: repos.policies,
    access,
    audit,
  });
  const developers = new AdminDevelopersService({
    developers: repos.developers,
    approvals: repos.approvals,
    sessions: repos.sessions,
    access,
    auth,
    audit,
  });
  const approvals = new AdminApprovalsService({ approvals: repos.approvals, access, audit });
  const auditLog = new AdminAuditService({
    auditQuery: repos.auditQuery,
    counters: {
      apis,
      policies,
      catalogueEntries: catalogue,
      developers,
      clients: { count: () => repos.approvals.countClients() },
      pendingApprovals: approvals,
    },
  });
  return { access, apis, policies, catalogue, developers, approvals, auditLog };
}
export type AdminServices = ReturnType<typeof createAdminServices>;
