import type { Db } from '../db/client.js';
import { AdminAccessRepository } from './admin-access.js';
import { ApisRepository } from './apis.js';
import { ApprovalsRepository } from './approvals.js';
import { AuditRepository } from './audit.js';
import { AuditQueryRepository } from './audit-query.js';
import { CatalogueRepository } from './catalogue.js';
import { ClientSecretsRepository, ClientsRepository } from './clients.js';
import { DevelopersRepository } from './developers.js';
import { GatewayRepository } from './gateway.js';
import { createOAuthRepositories } from './oauth-repositories.js';
import { PoliciesRepository } from './policies.js';
import { PortalCatalogueRepository } from './portal-catalogue.js';
import { RetentionRepository } from './retention.js';
import { SessionsRepository } from './sessions.js';
import { SettingsRepository } from './settings.js';
import { TokensRepository } from './tokens.js';
import { UsageRepository } from './usage.js';
import { UsersRepository } from './users.js';

/** Every repository, decorated on the app as `app.repos`. Later features add theirs here. */
export function createRepositories(db: Db) {
  return {
    users: new UsersRepository(db),
    sessions: new SessionsRepository(db),
    settings: new SettingsRepository(db),
    audit: new AuditRepository(db),
    apis: new ApisRepository(db),
    policies: new PoliciesRepository(db),
    catalogue: new CatalogueRepository(db),
    developers: new DevelopersRepository(db),
    approvals: new ApprovalsRepository(db),
    auditQuery: new AuditQueryRepository(db),
    adminAccess: new AdminAccessRepository(db),
    gateway: new GatewayRepository(db),
    usage: new UsageRepository(db),
    clients: new ClientsRepository(db),
    clientSecrets: new ClientSecretsRepository(db),
    tokens: new TokensRepository(db),
    portalCatalogue: new PortalCatalogueRepository(db),
    retention: new RetentionRepository(db),
    ...createOAuthRepositories(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
