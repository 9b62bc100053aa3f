import type { AuditTargetType } from '@portico/contracts';
import type { ActorType, AuditRepository } from '../repositories/audit.js';

export interface AuditRecord {
  /** Null for anonymous or system actions (e.g. a failed login, first-start seeding). */
  actorId: string | null;
  /** Defaults to `user` when `actorId` is set, else `anonymous`. */
  actorType?: ActorType;
  /** Dotted verb, e.g. `auth.login`, `auth.login_failed`, `client.secret_rotated`. */
  action: string;
  targetType: AuditTargetType;
  targetId?: string | null;
  meta?: Record<string, unknown>;
  ip?: string;
}

/** Who did what to which object, and when. Never put secrets or passwords in `meta`. */
export class AuditService {
  constructor(private readonly repo: AuditRepository) {}

  record(event: AuditRecord): void {
    this.repo.insert({
      actorId: event.actorId,
      actorType: event.actorType ?? (event.actorId ? 'user' : 'anonymous'),
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId ?? null,
      meta: event.meta,
      ip: event.ip,
    });
  }
}
