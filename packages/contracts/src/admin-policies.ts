import { type Static, Type } from 'typebox';
import { AdminSortOrder, AuthMode, ScopeName } from './admin-apis.js';
import { Id, Page, PageQuery, Timestamp } from './common.js';

/**
 * One API a policy grants, with the subset of that API's scopes it allows.
 * An empty `allowedScopes` list means every scope the API defines (including scopes added later).
 */
export const AccessRightInput = Type.Object(
  { apiId: Id, allowedScopes: Type.Array(ScopeName, { maxItems: 50, uniqueItems: true }) },
  { additionalProperties: false },
);
export type AccessRightInput = Static<typeof AccessRightInput>;

/** N requests per `perSeconds` seconds, enforced per client and API by the gateway. */
export const RateLimit = Type.Object(
  {
    requests: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    perSeconds: Type.Integer({ minimum: 1, maximum: 86_400, description: 'window in seconds' }),
  },
  { additionalProperties: false },
);
export type RateLimit = Static<typeof RateLimit>;

/** N requests per renewal period; `null` (on the policy) means unlimited. */
export const Quota = Type.Object(
  {
    max: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }),
    renewalSeconds: Type.Integer({
      minimum: 60,
      maximum: 31_536_000,
      description: 'renewal period in seconds',
    }),
  },
  { additionalProperties: false },
);
export type Quota = Static<typeof Quota>;

/**
 * `Quota | null` as a `type: ['object', 'null']` schema rather than `anyOf` (see `NullableInteger`).
 * Note that Ajv's coercion still reads `0`, `false` and `""` as `null` (unlimited); clients send `null`.
 */
export const NullableQuota = Type.Unsafe<Quota | null>({ ...Quota, type: ['object', 'null'] });

/** Common renewal periods offered by the dashboard form. */
export const QUOTA_RENEWALS = [
  { seconds: 3_600, label: 'hour' },
  { seconds: 86_400, label: 'day' },
  { seconds: 604_800, label: 'week' },
  { seconds: 2_592_000, label: '30 days' },
] as const;

/** Seconds an access token issued under the policy lives at most (the API's own lifetime still caps it). */
export const TokenExpiry = Type.Integer({ minimum: 60, maximum: 86_400 });

const policyFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  accessRights: Type.Array(AccessRightInput, { minItems: 1, maxItems: 50 }),
  rateLimit: RateLimit,
  quota: NullableQuota,
  tokenExpiry: TokenExpiry,
  active: Type.Boolean(),
};

export const PolicyInput = Type.Object(
  {
    name: policyFields.name,
    accessRights: policyFields.accessRights,
    rateLimit: policyFields.rateLimit,
    quota: policyFields.quota,
    tokenExpiry: Type.Optional(policyFields.tokenExpiry),
    active: Type.Optional(policyFields.active),
  },
  { additionalProperties: false },
);
export type PolicyInput = Static<typeof PolicyInput>;

export const PolicyPatch = Type.Object(
  {
    name: Type.Optional(policyFields.name),
    accessRights: Type.Optional(policyFields.accessRights),
    rateLimit: Type.Optional(policyFields.rateLimit),
    quota: Type.Optional(policyFields.quota),
    tokenExpiry: Type.Optional(policyFields.tokenExpiry),
    active: Type.Optional(policyFields.active),
  },
  { additionalProperties: false },
);
export type PolicyPatch = Static<typeof PolicyPatch>;

export const AccessRight = Type.Object({
  apiId: Id,
  apiName: Type.String(),
  authMode: AuthMode,
  allowedScopes: Type.Array(Type.String()),
});
export type AccessRight = Static<typeof AccessRight>;

export const AdminPolicy = Type.Object({
  id: Id,
  name: Type.String(),
  accessRights: Type.Array(AccessRight),
  rateLimit: RateLimit,
  quota: Type.Union([Quota, Type.Null()]),
  tokenExpiry: Type.Integer(),
  active: Type.Boolean(),
  /** Catalogue entries that publish an API with this policy. */
  catalogueEntryCount: Type.Integer({ minimum: 0 }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type AdminPolicy = Static<typeof AdminPolicy>;

export const PolicySortField = Type.Union([
  Type.Literal('name'),
  Type.Literal('rateLimit'),
  Type.Literal('createdAt'),
  Type.Literal('updatedAt'),
]);
export type PolicySortField = Static<typeof PolicySortField>;

export const PolicyListQuery = Type.Object(
  {
    ...PageQuery.properties,
    sort: Type.Optional(PolicySortField),
    order: Type.Optional(AdminSortOrder),
    apiId: Type.Optional(Id),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type PolicyListQuery = Static<typeof PolicyListQuery>;

export const PolicyPage = Page(AdminPolicy);
export type PolicyPage = Static<typeof PolicyPage>;

/** Saving a policy that narrows access revokes the tokens that exceed the new rights. */
export const PolicyUpdateResult = Type.Object({
  policy: AdminPolicy,
  revokedTokens: Type.Integer({ minimum: 0 }),
});
export type PolicyUpdateResult = Static<typeof PolicyUpdateResult>;
