import type {
  AdminClient,
  AdminClientList,
  AdminDeveloper,
  DeveloperCreateBody,
  DeveloperListQuery,
  DeveloperPage,
  DeveloperPatch,
  DeveloperStatusResult,
} from '@portico/contracts';
import { conflict, notFound } from '../lib/errors.js';
import type { AdminClientRecord, ApprovalsRepository } from '../repositories/approvals.js';
import type { DeveloperRecord, DevelopersRepository } from '../repositories/developers.js';
import type { SessionsRepository } from '../repositories/sessions.js';
import { UsersRepository } from '../repositories/users.js';
import type { AdminAccessService } from './admin-access.js';
import { type AdminActor, paging } from './admin-common.js';
import type { AuditService } from './audit.js';
import type { AuthService } from './auth.js';
import { toUserDto } from './users.js';

export function toAdminDeveloper(record: DeveloperRecord): AdminDeveloper {
  return { ...toUserDto(record), clientCount: record.clientCount };
}

export function toAdminClient(record: AdminClientRecord): AdminClient {
  return {
    id: record.id,
    clientId: record.clientId,
    name: record.name,
    description: record.description,
    appType: record.appType,
    status: record.status,
    rejectionReason: record.rejectionReason,
    owner: record.owner,
    subscriptions: record.subscriptions,
    redirectUris: record.redirectUris,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

interface Deps {
  developers: DevelopersRepository;
  approvals: ApprovalsRepository;
  sessions: SessionsRepository;
  access: AdminAccessService;
  auth: Pick<AuthService, 'createUser'>;
  audit: AuditService;
}

/** Developer accounts as admins manage them. Admin accounts are out of scope here (404). */
export class AdminDevelopersService {
  constructor(private readonly deps: Deps) {}

  list(query: DeveloperListQuery): DeveloperPage {
    const { page, pageSize } = paging(query);
    const { items, total } = this.deps.developers.list({
      page,
      pageSize,
      q: query.q?.trim() || undefined,
      status: query.status,
      sort: query.sort ?? 'createdAt',
      order:
        query.order ??
        (query.sort && query.sort !== 'createdAt' && query.sort !== 'lastLoginAt' ? 'asc' : 'desc'),
    });
    return { items: items.map(toAdminDeveloper), total, page, pageSize };
  }

  get(id: string): AdminDeveloper {
    return toAdminDeveloper(this.load(id));
  }

  /** The admin sets a temporary password; the registration password policy applies (auth service). */
  async create(actor: AdminActor, body: DeveloperCreateBody): Promise<AdminDeveloper> {
    const row = await this.deps.auth.createUser(
      { ...body, name: body.name.trim(), role: 'developer' },
      (created) => this.record(actor, 'developer.create', created.id, { email: created.email }),
    );
    return this.get(row.id);
  }

  update(actor: AdminActor, id: string, patch: DeveloperPatch): AdminDeveloper {
    const existing = this.load(id);
    const values: { email?: string; name?: string } = {};
    if (patch.email !== undefined) {
      const email = UsersRepository.normaliseEmail(patch.email);
      if (email !== existing.email) {
        if (this.deps.developers.emailTaken(email, id)) {
          throw conflict('An account with this email already exists.', [
            { field: 'email', message: 'is already registered' },
          ]);
        }
        values.email = email;
      }
    }
    if (patch.name !== undefined && patch.name.trim() !== existing.name) values.name = patch.name.trim();
    if (Object.keys(values).length > 0) {
      this.deps.developers.transaction(() => {
        this.deps.developers.update(id, values);
        this.record(actor, 'developer.update', id, { changed: Object.keys(values) });
      });
    }
    return this.get(id);
  }

  /**
   * Ends every session at once (the next request with the old cookie is refused) and revokes the
   * tokens of the developer's clients and the tokens apps hold on the developer's behalf. One
   * transaction: an account is never left inactive with live sessions or tokens, or unaudited.
   */
  deactivate(actor: AdminActor, id: string): DeveloperStatusResult {
    const { revokedSessions, revokedTokens } = this.deps.developers.transaction(() => {
      // Already inactive: nothing to do, and nothing for the audit log to claim happened.
      if (this.load(id).status === 'inactive') return { revokedSessions: 0, revokedTokens: 0 };
      const now = new Date();
      this.deps.developers.update(id, { status: 'inactive' });
      const revoked = {
        revokedSessions: this.deps.sessions.revokeAllForUser(id, now),
        revokedTokens: this.deps.access.revokeAllForUser(id, now),
      };
      this.record(actor, 'developer.deactivate', id, revoked);
      return revoked;
    });
    return { developer: this.get(id), revokedSessions, revokedTokens };
  }

  reactivate(actor: AdminActor, id: string): DeveloperStatusResult {
    this.deps.developers.transaction(() => {
      if (this.load(id).status === 'active') return;
      this.deps.developers.update(id, { status: 'active' });
      this.record(actor, 'developer.reactivate', id, {});
    });
    return { developer: this.get(id), revokedSessions: 0, revokedTokens: 0 };
  }

  clients(id: string): AdminClientList {
    this.load(id);
    return { items: this.deps.approvals.clientsOwnedBy(id).map(toAdminClient) };
  }

  count(): number {
    return this.deps.developers.count();
  }

  private load(id: string): DeveloperRecord {
    const record = this.deps.developers.findById(id);
    if (!record) throw notFound('No developer with this id.');
    return record;
  }

  private record(actor: AdminActor, action: string, targetId: string, meta: Record<string, unknown>): void {
    this.deps.audit.record({ actorId: actor.id, action, targetType: 'user', targetId, meta, ip: actor.ip });
  }
}
