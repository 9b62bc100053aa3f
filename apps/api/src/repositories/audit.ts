import { and, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type AuditEventRow, auditEvents } from '../db/schema.js';
import { uuidv7 } from '../lib/uuid-v7.js';

export type ActorType = AuditEventRow['actorType'];

export interface NewAuditEvent {
  actorId: string | null;
  actorType: ActorType;
  action: string;
  targetType: string;
  targetId: string | null;
  meta?: Record<string, unknown> | undefined;
  ip?: string | undefined;
}

export interface AuditListFilter {
  page: number;
  pageSize: number;
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
}

export class AuditRepository {
  /** Prepared once: the token endpoint writes an event for every token it issues. */
  readonly #insert;

  constructor(private readonly db: Db) {
    this.#insert = db
      .insert(auditEvents)
      .values({
        id: sql.placeholder('id'),
        actorId: sql.placeholder('actorId'),
        actorType: sql.placeholder('actorType'),
        action: sql.placeholder('action'),
        targetType: sql.placeholder('targetType'),
        targetId: sql.placeholder('targetId'),
        // Bound as given (JSON text or NULL): a JSON column would store a missing value as 'null'.
        meta: sql`${sql.placeholder('meta')}`,
        ip: sql.placeholder('ip'),
        createdAt: sql.placeholder('createdAt'),
      })
      .prepare();
  }

  insert(event: NewAuditEvent): void {
    this.#insert.run({
      // Time-ordered: the table is append-mostly (the token endpoint writes one event per token).
      id: uuidv7(),
      actorId: event.actorId,
      actorType: event.actorType,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      meta: event.meta === undefined ? null : JSON.stringify(event.meta),
      ip: event.ip ?? null,
      createdAt: new Date(),
    });
  }

  list(filter: AuditListFilter): { items: AuditEventRow[]; total: number } {
    const conditions: SQL[] = [];
    if (filter.actorId) conditions.push(eq(auditEvents.actorId, filter.actorId));
    if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
    if (filter.targetType) conditions.push(eq(auditEvents.targetType, filter.targetType));
    if (filter.targetId) conditions.push(eq(auditEvents.targetId, filter.targetId));
    const where = conditions.length > 0 ? and(...conditions) : undefined;
    const items = this.db
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .all();
    const total = this.db.select({ value: count() }).from(auditEvents).where(where).get()?.value ?? 0;
    return { items, total };
  }
}
