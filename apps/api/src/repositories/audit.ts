import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { type Db, prepareInsert } from '../db/client.js';
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

type InsertAuditParams = [
  id: string,
  actorId: string | null,
  actorType: ActorType,
  action: string,
  targetType: string,
  targetId: string | null,
  meta: string | null,
  ip: string | null,
  createdAt: number,
];

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
    // The token endpoint writes an event per token: a plain statement (see `prepareInsert`).
    const e = auditEvents;
    this.#insert = prepareInsert<InsertAuditParams>(db, auditEvents, [
      e.id,
      e.actorId,
      e.actorType,
      e.action,
      e.targetType,
      e.targetId,
      e.meta,
      e.ip,
      e.createdAt,
    ]);
  }

  insert(event: NewAuditEvent): void {
    this.#insert.run(
      // Time-ordered: the table is append-mostly (the token endpoint writes one event per token).
      uuidv7(),
      event.actorId,
      event.actorType,
      event.action,
      event.targetType,
      event.targetId,
      // JSON text, or NULL when there is nothing to say (not the string 'null').
      event.meta === undefined ? null : JSON.stringify(event.meta),
      event.ip ?? null,
      Date.now(),
    );
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
