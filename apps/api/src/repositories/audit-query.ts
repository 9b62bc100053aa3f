import { and, count, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type AuditEventRow, auditEvents, users } from '../db/schema.js';

export interface AuditQueryFilter {
  page: number;
  pageSize: number;
  actorId?: string | undefined;
  /** Prefix of the actor's email (stored lower-cased). */
  actorEmail?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  /** Exact action, or a prefix when it ends in `.`. */
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export interface AuditEventRecord extends AuditEventRow {
  actor: { id: string; email: string; name: string } | null;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Older names of a target type. OAuth clients are `oauth_client` (migration 0004 renamed the approval
 * events' `client`); links and bookmarks made while the Dashboard offered `client` still find them.
 */
const TARGET_TYPE_ALIASES = new Map([['client', 'oauth_client']]);

/** The read side of the audit log (the write side is `audit.ts`, used through `services.audit.record`). */
export class AuditQueryRepository {
  constructor(private readonly db: Db) {}

  list(filter: AuditQueryFilter): { items: AuditEventRecord[]; total: number } {
    const conditions: SQL[] = [];
    if (filter.actorId) conditions.push(eq(auditEvents.actorId, filter.actorId));
    if (filter.actorEmail) {
      conditions.push(
        sql`${users.email} like ${`${escapeLike(filter.actorEmail.toLowerCase())}%`} escape '\\'`,
      );
    }
    if (filter.targetType) {
      const targetType = TARGET_TYPE_ALIASES.get(filter.targetType) ?? filter.targetType;
      conditions.push(eq(auditEvents.targetType, targetType));
    }
    if (filter.targetId) conditions.push(eq(auditEvents.targetId, filter.targetId));
    if (filter.action) {
      conditions.push(
        filter.action.endsWith('.')
          ? sql`${auditEvents.action} like ${`${escapeLike(filter.action)}%`} escape '\\'`
          : eq(auditEvents.action, filter.action),
      );
    }
    if (filter.from) conditions.push(gte(auditEvents.createdAt, filter.from));
    if (filter.to) conditions.push(lt(auditEvents.createdAt, filter.to));
    const where = conditions.length > 0 ? and(...conditions) : undefined;

    const rows = this.db
      .select({ event: auditEvents, actor: { id: users.id, email: users.email, name: users.name } })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorId))
      .where(where)
      .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .all();
    const total =
      this.db
        .select({ value: count() })
        .from(auditEvents)
        .leftJoin(users, eq(users.id, auditEvents.actorId))
        .where(where)
        .get()?.value ?? 0;
    return {
      items: rows.map(({ event, actor }) => ({ ...event, actor: actor?.id ? actor : null })),
      total,
    };
  }
}
