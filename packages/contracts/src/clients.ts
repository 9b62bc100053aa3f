import { type Static, Type } from 'typebox';
import { AuthMode, GrantType } from './admin-apis.js';
import { Approval, PortalPolicyLimits } from './catalogue.js';
import { Id, Timestamp } from './common.js';
import { displayNameProblem, displayTextProblem } from './display-name.js';
import type { FieldError } from './errors.js';
import { REDIRECT_URI_MAX_LENGTH, REDIRECT_URIS_MAX, redirectUriFieldErrors } from './redirect-uri.js';

/**
 * OAuth clients as developers see and manage them in the portal (`/api/clients/...`).
 * A client is created as a `draft` (step "Select APIs"), completed with its application details
 * (→ `active`, or `pending` when an entry needs manual approval), then managed on its own page.
 */

// ---------------------------------------------------------------------------------------------
// Enumerations and the rules derived from them

export const AppType = Type.Union([Type.Literal('web'), Type.Literal('spa_native'), Type.Literal('service')]);
export type AppType = Static<typeof AppType>;
export const APP_TYPES: readonly AppType[] = ['web', 'spa_native', 'service'];

export const ClientStatus = Type.Union([
  Type.Literal('draft'),
  Type.Literal('pending'),
  Type.Literal('active'),
  Type.Literal('rejected'),
]);
export type ClientStatus = Static<typeof ClientStatus>;

export const SubscriptionStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('active'),
  Type.Literal('rejected'),
]);
export type SubscriptionStatus = Static<typeof SubscriptionStatus>;

export interface AppTypeProfile {
  /** UI label, word for word from the product documentation. */
  label: string;
  /** Confidential clients authenticate with a secret (RFC 6749 §2.1); public ones cannot keep one. */
  confidential: boolean;
  grantTypes: readonly GrantType[];
  /** The grant an API must allow for this kind of client to use it. */
  primaryGrant: GrantType;
  redirectUris: 'required' | 'forbidden';
  /** Public clients must use PKCE (RFC 9700 §2.1.1); confidential code clients should too. */
  pkce: 'required' | 'recommended' | 'none';
}

export const APP_TYPE_PROFILES: Readonly<Record<AppType, AppTypeProfile>> = {
  web: {
    label: 'Web application',
    confidential: true,
    grantTypes: ['authorization_code', 'refresh_token'],
    primaryGrant: 'authorization_code',
    redirectUris: 'required',
    pkce: 'recommended',
  },
  spa_native: {
    label: 'Single-page or native app',
    confidential: false,
    grantTypes: ['authorization_code', 'refresh_token'],
    primaryGrant: 'authorization_code',
    redirectUris: 'required',
    pkce: 'required',
  },
  service: {
    label: 'Machine-to-machine service',
    confidential: true,
    // RFC 6749 §4.4.3: no refresh token for client credentials.
    grantTypes: ['client_credentials'],
    primaryGrant: 'client_credentials',
    redirectUris: 'forbidden',
    pkce: 'none',
  },
};

export const grantTypesFor = (appType: AppType): GrantType[] => [...APP_TYPE_PROFILES[appType].grantTypes];
export const isConfidential = (appType: AppType): boolean => APP_TYPE_PROFILES[appType].confidential;

/** Recognisable prefixes so leaked credentials are easy to find with secret scanners. */
export const CLIENT_ID_PREFIX = 'pc_';
export const CLIENT_SECRET_PREFIX = 'pcs_';

/** Paths of the authorization server endpoints, relative to the issuer origin. */
export const OAUTH_ENDPOINT_PATHS = {
  authorization: '/oauth/authorize',
  token: '/oauth/token',
  revocation: '/oauth/revoke',
} as const;

// ---------------------------------------------------------------------------------------------
// Field schemas

export const CLIENT_NAME_MAX = 100;
export const CLIENT_DESCRIPTION_MAX = 1000;
/** How many catalogue entries one client may use. */
export const CLIENT_APIS_MAX = 20;

export const ClientName = Type.String({ minLength: 1, maxLength: CLIENT_NAME_MAX });
export const ClientDescription = Type.String({ maxLength: CLIENT_DESCRIPTION_MAX });
/** Structural bounds only; `redirectUriFieldErrors` applies the URL rules with readable messages. */
export const RedirectUris = Type.Array(Type.String({ maxLength: REDIRECT_URI_MAX_LENGTH }), {
  maxItems: REDIRECT_URIS_MAX,
});
export const CatalogueEntryIds = Type.Array(Id, {
  minItems: 1,
  maxItems: CLIENT_APIS_MAX,
  uniqueItems: true,
});

// ---------------------------------------------------------------------------------------------
// Responses

/** One catalogue entry a client uses, with the limits its policy grants. */
export const ClientApi = Type.Object({
  catalogueEntryId: Id,
  name: Type.String(),
  apiId: Id,
  apiName: Type.String(),
  authMode: AuthMode,
  approval: Approval,
  /** `pending` while an administrator has not approved a `manual` entry. */
  status: SubscriptionStatus,
  limits: PortalPolicyLimits,
  scopes: Type.Array(Type.String()),
});
export type ClientApi = Static<typeof ClientApi>;

export const OAuthClient = Type.Object({
  id: Id,
  /** The public `client_id` (RFC 6749 §2.2). */
  clientId: Type.String(),
  /** Empty while the client is a draft. */
  name: Type.String(),
  description: Type.String(),
  /** A draft reports the type saved on it: `web`, the wizard's default choice, until one is. */
  appType: AppType,
  confidential: Type.Boolean(),
  grantTypes: Type.Array(GrantType),
  redirectUris: Type.Array(Type.String()),
  status: ClientStatus,
  /** Why an administrator rejected the client, when `status` is `rejected`. */
  rejectionReason: Type.Union([Type.String(), Type.Null()]),
  apis: Type.Array(ClientApi),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type OAuthClient = Static<typeof OAuthClient>;

export const OAuthClientSummary = Type.Object({
  id: Id,
  clientId: Type.String(),
  name: Type.String(),
  appType: AppType,
  status: ClientStatus,
  apis: Type.Array(Type.Object({ catalogueEntryId: Id, name: Type.String(), status: SubscriptionStatus })),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type OAuthClientSummary = Static<typeof OAuthClientSummary>;

export const OAuthClientList = Type.Object({ items: Type.Array(OAuthClientSummary) });
export type OAuthClientList = Static<typeof OAuthClientList>;

// ---------------------------------------------------------------------------------------------
// Requests

/** `POST /api/clients`: step "Select APIs" → a draft. */
export const CreateClientBody = Type.Object(
  { catalogueEntryIds: CatalogueEntryIds },
  { additionalProperties: false },
);
export type CreateClientBody = Static<typeof CreateClientBody>;

/**
 * `PATCH /api/clients/:id`: any subset. `catalogueEntryIds` only while the client is a draft
 * (afterwards APIs are added and removed one at a time, because removing one revokes tokens).
 */
export const UpdateClientBody = Type.Object(
  {
    name: Type.Optional(ClientName),
    description: Type.Optional(ClientDescription),
    redirectUris: Type.Optional(RedirectUris),
    catalogueEntryIds: Type.Optional(CatalogueEntryIds),
    /** Drafts only (the wizard's Back): a set-up client keeps the type it was created with. */
    appType: Type.Optional(AppType),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateClientBody = Static<typeof UpdateClientBody>;

/** `POST /api/clients/:id/complete`: step "Application details". */
export const CompleteClientBody = Type.Object(
  {
    name: ClientName,
    description: Type.Optional(ClientDescription),
    appType: AppType,
    redirectUris: RedirectUris,
  },
  { additionalProperties: false },
);
export type CompleteClientBody = Static<typeof CompleteClientBody>;

/** The one response that carries the secret: it is never returned again. */
export const ClientCredentials = Type.Object({
  client: OAuthClient,
  clientId: Type.String(),
  /** `null` for public clients (Single-page or native app), which have no secret. */
  clientSecret: Type.Union([Type.String(), Type.Null()]),
});
export type ClientCredentials = Static<typeof ClientCredentials>;

/** `POST /api/clients/:id/apis`. */
export const AddClientApiBody = Type.Object({ catalogueEntryId: Id }, { additionalProperties: false });
export type AddClientApiBody = Static<typeof AddClientApiBody>;

export const ClientApiParams = Type.Object({ id: Id, entryId: Id });
export type ClientApiParams = Static<typeof ClientApiParams>;

export const ClientApiChange = Type.Object({
  client: OAuthClient,
  /** Tokens revoked because they covered a removed API (0 when adding). */
  revokedTokens: Type.Integer({ minimum: 0 }),
});
export type ClientApiChange = Static<typeof ClientApiChange>;

/** `DELETE /api/clients/:id`: the user types the client's name to confirm (drafts: the empty name). */
export const DeleteClientBody = Type.Object(
  { confirmName: Type.String({ maxLength: CLIENT_NAME_MAX }) },
  { additionalProperties: false },
);
export type DeleteClientBody = Static<typeof DeleteClientBody>;

export const DeleteClientResult = Type.Object({
  deleted: Type.Literal(true),
  revokedTokens: Type.Integer({ minimum: 0 }),
});
export type DeleteClientResult = Static<typeof DeleteClientResult>;

// ---------------------------------------------------------------------------------------------
// Secrets

export const SecretStatus = Type.Union([
  Type.Literal('active'),
  Type.Literal('expired'),
  Type.Literal('revoked'),
]);
export type SecretStatus = Static<typeof SecretStatus>;

/** A secret's metadata. The secret itself is only ever in `ClientCredentials` / `RotateSecretResult`. */
export const ClientSecretInfo = Type.Object({
  id: Id,
  /** The first characters, so developers can tell secrets apart (`pcs_AbCd…`). */
  prefix: Type.String(),
  status: SecretStatus,
  createdAt: Timestamp,
  /** When a rotated-out secret stops working; `null` while it has no end date. */
  expiresAt: Type.Union([Timestamp, Type.Null()]),
  lastUsedAt: Type.Union([Timestamp, Type.Null()]),
  revokedAt: Type.Union([Timestamp, Type.Null()]),
});
export type ClientSecretInfo = Static<typeof ClientSecretInfo>;

export const ClientSecretList = Type.Object({ items: Type.Array(ClientSecretInfo) });
export type ClientSecretList = Static<typeof ClientSecretList>;

export const GracePeriod = Type.Union([
  Type.Literal('immediately'),
  Type.Literal('1h'),
  Type.Literal('24h'),
  Type.Literal('7d'),
]);
export type GracePeriod = Static<typeof GracePeriod>;

/** How long the previous secret keeps working after a rotation, with the UI labels. */
export const GRACE_PERIODS: Readonly<Record<GracePeriod, { seconds: number; label: string }>> = {
  immediately: { seconds: 0, label: 'Immediately' },
  '1h': { seconds: 3_600, label: '1 hour' },
  '24h': { seconds: 86_400, label: '24 hours' },
  '7d': { seconds: 604_800, label: '7 days' },
};

export const RotateSecretBody = Type.Object({ gracePeriod: GracePeriod }, { additionalProperties: false });
export type RotateSecretBody = Static<typeof RotateSecretBody>;

export const RotateSecretResult = Type.Object({
  secret: ClientSecretInfo,
  /** Shown once. */
  clientSecret: Type.String(),
  /** Every secret of the client after the rotation (the previous one with its new expiry). */
  secrets: Type.Array(ClientSecretInfo),
});
export type RotateSecretResult = Static<typeof RotateSecretResult>;

export const ClientSecretParams = Type.Object({ id: Id, secretId: Id });
export type ClientSecretParams = Static<typeof ClientSecretParams>;

// ---------------------------------------------------------------------------------------------
// Tokens

export const TokenSummary = Type.Object({
  /** Access and refresh tokens that are neither expired nor revoked. */
  active: Type.Integer({ minimum: 0 }),
  accessTokens: Type.Integer({ minimum: 0 }),
  refreshTokens: Type.Integer({ minimum: 0 }),
});
export type TokenSummary = Static<typeof TokenSummary>;

// `POST /api/clients/:id/tokens/revoke-all` answers with `RevokeTokensResponse` from `./oauth.js`.

// ---------------------------------------------------------------------------------------------
// Rules beyond the schema, shared by the server and the wizard form

export interface ClientDetailsInput {
  name?: string | undefined;
  description?: string | undefined;
  appType: AppType;
  redirectUris: readonly string[];
}

/**
 * Per-field errors the JSON schema cannot express: a name with nothing visible or with hidden
 * characters (`displayNameProblem`), a description with hidden characters, and the redirect URL
 * rules (each URL, duplicates, count, and "required"/"none" by app type). Same `{ field, message }`
 * shape the API returns, so the form shows server and client errors alike.
 */
export function clientDetailsErrors(input: ClientDetailsInput): FieldError[] {
  const errors: FieldError[] = [];
  const nameProblem = input.name === undefined ? undefined : displayNameProblem(input.name);
  if (nameProblem !== undefined) errors.push({ field: 'name', message: nameProblem });
  const descriptionProblem =
    input.description === undefined ? undefined : displayTextProblem(input.description);
  if (descriptionProblem !== undefined) errors.push({ field: 'description', message: descriptionProblem });
  errors.push(
    ...redirectUriFieldErrors(input.redirectUris, {
      presence: APP_TYPE_PROFILES[input.appType].redirectUris,
    }),
  );
  return errors;
}
