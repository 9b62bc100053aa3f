import type { AdminAuditEvent, AdminOverview, AuditListQuery, AuditPage } from '@portico/contracts';
import { badRequest } from '../lib/errors.js';
import type { AuditEventRecord, AuditQueryRepository } from '../repositories/audit-query.js';
import { paging } from './admin-common.js';

/** A `from`/`to` filter as a Date. RFC 3339 allows times JavaScript cannot represent (a leap second, `:60`). */
function timeBound(value: string, field: 'from' | 'to'): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw badRequest('Check the time range.', [{ field, message: 'is not a time' }]);
  return date;
}

export function toAdminAuditEvent(record: AuditEventRecord): AdminAuditEvent {
  return {
    id: record.id,
    actorType: record.actorType,
    actor: record.actor,
    action: record.action,
    targetType: record.targetType,
    targetId: record.targetId,
    meta: record.meta,
    ip: record.ip,
    createdAt: record.createdAt.toISOString(),
  };
}

interface Counter {
  count(): number;
}

interface Deps {
  auditQuery: AuditQueryRepository;
  counters: Record<keyof AdminOverview['counts'], Counter>;
}

/** Reads the audit log (filters combine with AND) and the Dashboard's landing page figures. */
export class AdminAuditService {
  constructor(private readonly deps: Deps) {}

  list(query: AuditListQuery): AuditPage {
    const { page, pageSize } = paging(query, 50);
    const from = query.from ? timeBound(query.from, 'from') : undefined;
    const to = query.to ? timeBound(query.to, 'to') : undefined;
    if (from && to && from >= to) {
      throw badRequest('The time range is empty.', [{ field: 'to', message: 'must be later than "from"' }]);
    }
    const { items, total } = this.deps.auditQuery.list({
      page,
      pageSize,
      actorId: query.actorId,
      actorEmail: query.actor?.trim() || undefined,
      targetType: query.targetType,
      targetId: query.targetId,
      action: query.action,
      from,
      to,
    });
    return { items: items.map(toAdminAuditEvent), total, page, pageSize };
  }

  overview(): AdminOverview {
    const { counters } = this.deps;
    return {
      counts: {
        apis: counters.apis.count(),
        policies: counters.policies.count(),
        catalogueEntries: counters.catalogueEntries.count(),
        developers: counters.developers.count(),
        clients: counters.clients.count(),
        pendingApprovals: counters.pendingApprovals.count(),
      },
      recentEvents: this.deps.auditQuery.list({ page: 1, pageSize: 8 }).items.map(toAdminAuditEvent),
    };
  }
}
