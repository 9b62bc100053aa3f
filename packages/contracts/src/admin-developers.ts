import { type Static, Type } from 'typebox';
import { AdminSortOrder } from './admin-apis.js';
import { Email, Password, PersonName, User, UserStatus } from './auth.js';
import { Approval } from './catalogue.js';
import { AppType, ClientStatus, SubscriptionStatus } from './clients.js';
import { Id, Page, PageQuery, Timestamp } from './common.js';

// ---------------------------------------------------------------------------------------------
// Developers

export const AdminDeveloper = Type.Object({
  ...User.properties,
  /** OAuth clients the developer owns (deleted ones excluded). */
  clientCount: Type.Integer({ minimum: 0 }),
});
export type AdminDeveloper = Static<typeof AdminDeveloper>;

export const DeveloperSortField = Type.Union([
  Type.Literal('name'),
  Type.Literal('email'),
  Type.Literal('createdAt'),
  Type.Literal('lastLoginAt'),
]);
export type DeveloperSortField = Static<typeof DeveloperSortField>;

export const DeveloperListQuery = Type.Object(
  {
    ...PageQuery.properties,
    sort: Type.Optional(DeveloperSortField),
    order: Type.Optional(AdminSortOrder),
    status: Type.Optional(UserStatus),
  },
  { additionalProperties: false },
);
export type DeveloperListQuery = Static<typeof DeveloperListQuery>;

export const DeveloperPage = Page(AdminDeveloper);
export type DeveloperPage = Static<typeof DeveloperPage>;

/** An admin creates a developer with a temporary password (same password policy as registration). */
export const DeveloperCreateBody = Type.Object(
  { email: Email, name: PersonName, password: Password },
  { additionalProperties: false },
);
export type DeveloperCreateBody = Static<typeof DeveloperCreateBody>;

export const DeveloperPatch = Type.Object(
  { email: Type.Optional(Email), name: Type.Optional(PersonName) },
  { additionalProperties: false },
);
export type DeveloperPatch = Static<typeof DeveloperPatch>;

/** Deactivation ends every session at once and revokes the tokens of the developer's clients. */
export const DeveloperStatusResult = Type.Object({
  developer: AdminDeveloper,
  revokedSessions: Type.Integer({ minimum: 0 }),
  revokedTokens: Type.Integer({ minimum: 0 }),
});
export type DeveloperStatusResult = Static<typeof DeveloperStatusResult>;

// ---------------------------------------------------------------------------------------------
// OAuth clients as the dashboard sees them (developer detail page and approvals queue)

export const AdminClientSubscription = Type.Object({
  catalogueEntryId: Id,
  name: Type.String(),
  approval: Approval,
  status: SubscriptionStatus,
});
export type AdminClientSubscription = Static<typeof AdminClientSubscription>;

export const AdminClient = Type.Object({
  id: Id,
  clientId: Type.String(),
  name: Type.String(),
  description: Type.String(),
  appType: AppType,
  status: ClientStatus,
  /** Set when an admin rejected the client; the developer sees it on the client page. */
  rejectionReason: Type.Union([Type.String(), Type.Null()]),
  owner: Type.Object({ id: Id, email: Type.String(), name: Type.String() }),
  subscriptions: Type.Array(AdminClientSubscription),
  redirectUris: Type.Array(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type AdminClient = Static<typeof AdminClient>;

export const AdminClientList = Type.Object({ items: Type.Array(AdminClient) });
export type AdminClientList = Static<typeof AdminClientList>;

// ---------------------------------------------------------------------------------------------
// Approvals

export const ApprovalListQuery = Type.Object(
  { ...PageQuery.properties, order: Type.Optional(AdminSortOrder) },
  { additionalProperties: false },
);
export type ApprovalListQuery = Static<typeof ApprovalListQuery>;

export const ApprovalPage = Page(AdminClient);
export type ApprovalPage = Static<typeof ApprovalPage>;

export const RejectBody = Type.Object(
  {
    reason: Type.String({
      minLength: 1,
      maxLength: 500,
      pattern: '\\S',
      description: 'shown to the developer',
    }),
  },
  { additionalProperties: false },
);
export type RejectBody = Static<typeof RejectBody>;
