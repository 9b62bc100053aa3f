import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Repositories } from '../repositories/index.js';
import { createAdminServices } from './admin-services.js';
import { AuditService } from './audit.js';
import { AuthService } from './auth.js';
import { createClientServices } from './clients.js';
import { createOAuthServices } from './oauth-services.js';
import { createRetentionService } from './retention.js';
import { UsersService } from './users.js';

/** Every service, decorated on the app as `app.services`. Later features add theirs here. */
export function createServices(repos: Repositories, config: Config, log: FastifyBaseLogger) {
  const audit = new AuditService(repos.audit);
  return {
    audit,
    auth: new AuthService(repos.users, repos.sessions, audit, { sessionTtlMs: config.sessionTtlMs }),
    users: new UsersService(repos.users),
    admin: createAdminServices(repos, audit, config),
    ...createClientServices(repos, config, audit),
    ...createOAuthServices(repos, config, audit, log),
    retention: createRetentionService(repos.retention, audit, config.retention),
  };
}
export type Services = ReturnType<typeof createServices>;
