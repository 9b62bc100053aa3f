import { type Static, Type } from 'typebox';
import { AdminSortOrder, AuthMode, NullableInteger } from './admin-apis.js';
import { Approval } from './catalogue.js';
import { Id, Page, PageQuery, Timestamp } from './common.js';

export const Visibility = Type.Union([Type.Literal('public'), Type.Literal('hidden')]);
export type Visibility = Static<typeof Visibility>;

export const LONG_DESCRIPTION_MAX = 20_000;

const entryFields = {
  apiId: Id,
  policyId: Id,
  name: Type.String({ minLength: 1, maxLength: 100 }),
  shortDescription: Type.String({ maxLength: 280 }),
  /** Markdown; rendered with raw HTML escaped. */
  longDescription: Type.String({ maxLength: LONG_DESCRIPTION_MAX }),
  visibility: Visibility,
  approval: Approval,
  /** Tyk's `oauth_usage_limit`; `null` = unlimited. */
  maxClientsPerDeveloper: NullableInteger({ minimum: 1, maximum: 1000 }),
};

export const CatalogueEntryInput = Type.Object(
  {
    apiId: entryFields.apiId,
    policyId: entryFields.policyId,
    name: entryFields.name,
    shortDescription: Type.Optional(entryFields.shortDescription),
    longDescription: Type.Optional(entryFields.longDescription),
    visibility: Type.Optional(entryFields.visibility),
    approval: Type.Optional(entryFields.approval),
    maxClientsPerDeveloper: Type.Optional(entryFields.maxClientsPerDeveloper),
  },
  { additionalProperties: false },
);
export type CatalogueEntryInput = Static<typeof CatalogueEntryInput>;

export const CatalogueEntryPatch = Type.Object(
  {
    apiId: Type.Optional(entryFields.apiId),
    policyId: Type.Optional(entryFields.policyId),
    name: Type.Optional(entryFields.name),
    shortDescription: Type.Optional(entryFields.shortDescription),
    longDescription: Type.Optional(entryFields.longDescription),
    visibility: Type.Optional(entryFields.visibility),
    approval: Type.Optional(entryFields.approval),
    maxClientsPerDeveloper: Type.Optional(entryFields.maxClientsPerDeveloper),
  },
  { additionalProperties: false },
);
export type CatalogueEntryPatch = Static<typeof CatalogueEntryPatch>;

export const AdminCatalogueEntry = Type.Object({
  id: Id,
  api: Type.Object({ id: Id, name: Type.String(), authMode: AuthMode }),
  policy: Type.Object({ id: Id, name: Type.String() }),
  name: Type.String(),
  shortDescription: Type.String(),
  longDescription: Type.String(),
  visibility: Visibility,
  approval: Approval,
  maxClientsPerDeveloper: Type.Union([Type.Integer(), Type.Null()]),
  /** OAuth clients (not deleted) subscribed to this entry. */
  clientCount: Type.Integer({ minimum: 0 }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type AdminCatalogueEntry = Static<typeof AdminCatalogueEntry>;

export const CatalogueSortField = Type.Union([
  Type.Literal('name'),
  Type.Literal('visibility'),
  Type.Literal('createdAt'),
  Type.Literal('updatedAt'),
]);
export type CatalogueSortField = Static<typeof CatalogueSortField>;

export const CatalogueListQuery = Type.Object(
  {
    ...PageQuery.properties,
    sort: Type.Optional(CatalogueSortField),
    order: Type.Optional(AdminSortOrder),
    visibility: Type.Optional(Visibility),
    apiId: Type.Optional(Id),
    policyId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type CatalogueListQuery = Static<typeof CatalogueListQuery>;

export const CataloguePage = Page(AdminCatalogueEntry);
export type CataloguePage = Static<typeof CataloguePage>;

export const CatalogueUpdateResult = Type.Object({
  entry: AdminCatalogueEntry,
  revokedTokens: Type.Integer({ minimum: 0 }),
});
export type CatalogueUpdateResult = Static<typeof CatalogueUpdateResult>;

export const CatalogueDeleteResult = Type.Object({
  deleted: Type.Literal(true),
  /** Clients that lost this subscription. */
  unsubscribedClients: Type.Integer({ minimum: 0 }),
  revokedTokens: Type.Integer({ minimum: 0 }),
});
export type CatalogueDeleteResult = Static<typeof CatalogueDeleteResult>;
