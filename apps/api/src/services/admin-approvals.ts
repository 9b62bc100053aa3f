import type { AdminClient, ApprovalListQuery, ApprovalPage } from '@portico/contracts';
import { conflict, notFound } from '../lib/errors.js';
import type { ApprovalsRepository } from '../repositories/approvals.js';
import type { AdminAccessService } from './admin-access.js';
import { type AdminActor, paging } from './admin-common.js';
import { toAdminClient } from './admin-developers.js';
import type { AuditService } from './audit.js';

interface Deps {
  approvals: ApprovalsRepository;
  access: AdminAccessService;
  audit: AuditService;
}

/** The queue of OAuth clients waiting on a `manual` catalogue entry. */
export class AdminApprovalsService {
  constructor(private readonly deps: Deps) {}

  list(query: ApprovalListQuery): ApprovalPage {
    const { page, pageSize } = paging(query);
    const { items, total } = this.deps.approvals.listPending({ page, pageSize, order: query.order ?? 'asc' });
    return { items: items.map(toAdminClient), total, page, pageSize };
  }

  approve(actor: AdminActor, id: string): AdminClient {
    this.deps.approvals.transaction(() => this.decide(actor, id, { approve: true, rejectionReason: null }));
    return this.get(id);
  }

  /** The reason is stored on the client and shown to its developer. */
  reject(actor: AdminActor, id: string, reason: string): AdminClient {
    // One transaction: a client is never rejected (and audited) while its tokens keep working.
    this.deps.approvals.transaction(() => {
      this.decide(actor, id, { approve: false, rejectionReason: reason.trim() });
      // A rejected client may hold nothing; a client that stays active loses only the rejected API.
      this.deps.access.revokeExceeding([id]);
    });
    return this.get(id);
  }

  count(): number {
    return this.deps.approvals.countPending();
  }

  private get(id: string): AdminClient {
    const client = this.deps.approvals.findClient(id);
    if (!client) throw notFound('No OAuth client with this id.');
    return toAdminClient(client);
  }

  private decide(
    actor: AdminActor,
    id: string,
    decision: { approve: boolean; rejectionReason: string | null },
  ): void {
    const client = this.deps.approvals.findClient(id);
    if (!client || client.status === 'draft') throw notFound('No OAuth client with this id.');
    const entries = client.subscriptions.filter((s) => s.status === 'pending').map((s) => s.catalogueEntryId);
    if (!this.deps.approvals.decide(id, decision)) {
      throw conflict('This OAuth client is not waiting for approval (any more).');
    }
    this.deps.audit.record({
      actorId: actor.id,
      action: decision.approve ? 'client.approve' : 'client.reject',
      // The same target type as every other event about an OAuth client (see services/clients.ts).
      targetType: 'oauth_client',
      targetId: id,
      meta: {
        catalogueEntries: entries,
        ...(decision.rejectionReason ? { reason: decision.rejectionReason } : {}),
      },
      ip: actor.ip,
    });
  }
}
