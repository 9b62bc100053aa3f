import type {
  ClientApiChange,
  ClientCredentials,
  ClientSecretInfo,
  ClientSecretList,
  CompleteClientBody,
  CreateClientBody,
  DeleteClientResult,
  GracePeriod,
  OAuthClient,
  OAuthClientList,
  RevokeTokensResponse,
  RotateSecretResult,
  TokenSummary,
  UpdateClientBody,
} from '@portico/contracts';
import type { PorticoHttp } from './http.js';

const base = (id: string) => `/api/clients/${encodeURIComponent(id)}`;

/**
 * `client.clients`: the signed-in developer's OAuth clients (`/api/clients/...`).
 * Secrets appear only in the results of `complete` and `rotateSecret`; store them right away.
 */
export function clientsApi(http: PorticoHttp) {
  return {
    /** The developer's clients, newest first (drafts included). */
    list: () => http.get<OAuthClientList>('/api/clients'),

    /** One client with its APIs and their policy limits. */
    get: (id: string) => http.get<OAuthClient>(base(id)),

    /** Step "Select APIs": creates a draft client using the given catalogue entries (201). */
    create: (body: CreateClientBody) => http.post<OAuthClient>('/api/clients', body),

    /** Name, description, redirect URIs; a draft also takes a new `catalogueEntryIds` list. */
    update: (id: string, body: UpdateClientBody) => http.patch<OAuthClient>(base(id), body),

    /** Step "Application details": activates the draft (or leaves it pending approval) and returns the credentials once. */
    complete: (id: string, body: CompleteClientBody) =>
      http.post<ClientCredentials>(`${base(id)}/complete`, body),

    /** Adds a catalogue entry to a client. */
    addApi: (id: string, catalogueEntryId: string) =>
      http.post<ClientApiChange>(`${base(id)}/apis`, { catalogueEntryId }),

    /** Removes a catalogue entry; the tokens that covered its API are revoked. */
    removeApi: (id: string, catalogueEntryId: string) =>
      http.delete<ClientApiChange>(`${base(id)}/apis/${encodeURIComponent(catalogueEntryId)}`),

    /** Secret metadata (prefix, created, expires, last used) — never the secrets themselves. */
    listSecrets: (id: string) => http.get<ClientSecretList>(`${base(id)}/secrets`),

    /** Issues a new secret (returned once) and keeps the current one working for `gracePeriod`. */
    rotateSecret: (id: string, gracePeriod: GracePeriod) =>
      http.post<RotateSecretResult>(`${base(id)}/secrets/rotate`, { gracePeriod }),

    /** Revokes a secret before its grace period ends. */
    revokeSecret: (id: string, secretId: string) =>
      http.delete<ClientSecretInfo>(`${base(id)}/secrets/${encodeURIComponent(secretId)}`),

    /** How many access and refresh tokens of the client still work. */
    tokenSummary: (id: string) => http.get<TokenSummary>(`${base(id)}/tokens/summary`),

    /** Revokes every access and refresh token of the client. */
    revokeAllTokens: (id: string) => http.post<RevokeTokensResponse>(`${base(id)}/tokens/revoke-all`),

    /** Deletes the client; `confirmName` must equal its name. Every token stops working at once. */
    delete: (id: string, confirmName: string) =>
      http.delete<DeleteClientResult>(base(id), { body: { confirmName } }),
  };
}

export type ClientsApi = ReturnType<typeof clientsApi>;
