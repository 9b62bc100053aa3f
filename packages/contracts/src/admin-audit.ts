import { type Static, Type } from 'typebox';
import { Id, Page, PageNumber, Timestamp } from './common.js';

export const AuditActorType = Type.Union([
  Type.Literal('user'),
  Type.Literal('client'),
  Type.Literal('system'),
  Type.Literal('anonymous'),
]);
export type AuditActorType = Static<typeof AuditActorType>;

export const AdminAuditEvent = Type.Object({
  id: Id,
  actorType: AuditActorType,
  /** Null for system/anonymous events, or when the acting user has since been deleted. */
  actor: Type.Union([Type.Object({ id: Id, email: Type.String(), name: Type.String() }), Type.Null()]),
  action: Type.String({ examples: ['api.create', 'auth.login', 'client.secret.rotate'] }),
  targetType: Type.String(),
  targetId: Type.Union([Type.String(), Type.Null()]),
  meta: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
});
export type AdminAuditEvent = Static<typeof AdminAuditEvent>;

/** Every filter is optional and they combine with AND; `from` is inclusive, `to` exclusive. */
export const AuditListQuery = Type.Object(
  {
    page: Type.Optional(PageNumber),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    actorId: Type.Optional(Id),
    /** Matches the start of the actor's email, case-insensitively. */
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 254 })),
    targetType: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    targetId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    /** Exact action, or a prefix ending in `.` (e.g. `api.` for every API event). */
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);
export type AuditListQuery = Static<typeof AuditListQuery>;

export const AuditPage = Page(AdminAuditEvent);
export type AuditPage = Static<typeof AuditPage>;
