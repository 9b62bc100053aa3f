import type {
  AccountConsentList,
  AuthorizationServerMetadata,
  AuthorizeDecision,
  AuthorizeDecisionResponse,
  AuthorizeRequestView,
  ClientTokenList,
  JwksResponse,
} from '@portico/contracts';
import type { PorticoHttp } from './http.js';

const authorizeRequest = (id: string) => `/api/oauth/authorize-request/${encodeURIComponent(id)}`;

/**
 * `client.oauth`: the portal side of the authorization server — the consent screen, the user's
 * consents on the account page, a client's tokens on the client page — plus the public discovery
 * documents. The protocol endpoints themselves (`/oauth/token`, ...) are for OAuth client libraries
 * (e.g. oauth4webapi) and answer with OAuth errors, not `PorticoApiError` bodies.
 */
export function oauthApi(http: PorticoHttp) {
  return {
    /** RFC 8414 metadata: endpoints, grant types, scopes. */
    metadata: () => http.get<AuthorizationServerMetadata>('/.well-known/oauth-authorization-server'),

    /** The public keys that verify access tokens. */
    jwks: () => http.get<JwksResponse>('/.well-known/jwks.json'),

    /** The pending authorization request the consent screen shows (404 once expired or answered). */
    authorizeRequest: (id: string) => http.get<AuthorizeRequestView>(authorizeRequest(id)),

    /** Allow or deny; navigate the browser to `redirectTo` afterwards (it leaves the portal). */
    decide: (id: string, decision: AuthorizeDecision) =>
      http.post<AuthorizeDecisionResponse>(`${authorizeRequest(id)}/decision`, { decision }),

    /** Applications the signed-in user has allowed. */
    consents: () => http.get<AccountConsentList>('/api/account/consents'),

    /** Revokes a consent; the application's tokens for this user stop working at once. */
    revokeConsent: (consentId: string) =>
      http.delete<void>(`/api/account/consents/${encodeURIComponent(consentId)}`),

    /** A client's working access and refresh tokens (owner only). */
    clientTokens: (clientId: string) =>
      http.get<ClientTokenList>(`/api/clients/${encodeURIComponent(clientId)}/tokens`),

    /** Revokes one token of a client (a refresh token revokes its whole grant). */
    revokeClientToken: (clientId: string, tokenId: string) =>
      http.delete<void>(`/api/clients/${encodeURIComponent(clientId)}/tokens/${encodeURIComponent(tokenId)}`),
  };
}

export type OAuthApi = ReturnType<typeof oauthApi>;
