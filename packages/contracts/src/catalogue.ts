import { type Static, Type } from 'typebox';
import { AuthMode, GrantType } from './admin-apis.js';
import { Id } from './common.js';

/**
 * The developer-facing catalogue (`/api/catalogue`): public entries only, and only what a developer
 * needs to pick an API — never upstream URLs, hidden entries or other developers' data.
 * The admin CRUD contracts live elsewhere; names here carry a `Portal` prefix so both can be exported
 * from the package index side by side.
 */

export const Approval = Type.Union([Type.Literal('auto'), Type.Literal('manual')]);
export type Approval = Static<typeof Approval>;

/** The policy limits a client gets through an entry (what the gateway enforces). */
export const PortalPolicyLimits = Type.Object({
  rateLimit: Type.Object({
    requests: Type.Integer({ minimum: 0 }),
    perSeconds: Type.Integer({ minimum: 1 }),
  }),
  /** `null`: unlimited quota. */
  quota: Type.Union([
    Type.Object({
      max: Type.Integer({ minimum: 0 }),
      /** Seconds between renewals; `null`: never renews. */
      renewalSeconds: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
    }),
    Type.Null(),
  ]),
  /** Lifetime of an access token issued under this entry, in seconds. */
  tokenLifetimeSeconds: Type.Integer({ minimum: 1 }),
});
export type PortalPolicyLimits = Static<typeof PortalPolicyLimits>;

export const PortalScope = Type.Object({ name: Type.String(), description: Type.String() });
export type PortalScope = Static<typeof PortalScope>;

export const PortalCatalogueEntry = Type.Object({
  id: Id,
  name: Type.String(),
  shortDescription: Type.String(),
  api: Type.Object({
    id: Id,
    name: Type.String(),
    authMode: AuthMode,
    /** Gateway prefix, e.g. `/payments/`, served at `/gw/payments/...`. */
    listenPath: Type.String(),
    /** Grants the API accepts (empty for non-OAuth APIs). */
    grantTypes: Type.Array(GrantType),
  }),
  /** `manual`: a client using this entry waits for an administrator's approval. */
  approval: Approval,
  /** `null`: no limit on how many OAuth clients one developer may create for this entry. */
  maxClientsPerDeveloper: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  limits: PortalPolicyLimits,
  /** Scopes a client may ask for through this entry (the policy's subset of the API's scopes). */
  scopes: Type.Array(PortalScope),
});
export type PortalCatalogueEntry = Static<typeof PortalCatalogueEntry>;

export const PortalCatalogueEntryDetail = Type.Object({
  ...PortalCatalogueEntry.properties,
  /** Markdown written by the API owner. Untrusted: render it sanitised. */
  longDescription: Type.String(),
});
export type PortalCatalogueEntryDetail = Static<typeof PortalCatalogueEntryDetail>;

export const PortalCatalogueQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Searches name and short description' })),
    authMode: Type.Optional(AuthMode),
  },
  { additionalProperties: false },
);
export type PortalCatalogueQuery = Static<typeof PortalCatalogueQuery>;

export const PortalCatalogueList = Type.Object({
  items: Type.Array(PortalCatalogueEntry),
  total: Type.Integer({ minimum: 0 }),
});
export type PortalCatalogueList = Static<typeof PortalCatalogueList>;
