import type { TryItBody, TryItResponse } from '@portico/contracts';
import type { PorticoHttp } from './http.js';

/** What "Try it" sends; `scopes` (default: all the client may have) and `path` (default `/`) are optional. */
export type TryItInput = Omit<TryItBody, 'scopes' | 'path'> & Partial<Pick<TryItBody, 'scopes' | 'path'>>;

/** `client.tryIt`: one real call through the gateway from the client page. */
export function tryItApi(http: PorticoHttp) {
  return {
    /**
     * Gets a `client_credentials` token with the pasted secret (used for this call only, never stored)
     * and sends one request through the gateway to one of the client's APIs.
     */
    run: (clientId: string, input: TryItInput) =>
      http.post<TryItResponse>(`/api/clients/${encodeURIComponent(clientId)}/try-it`, {
        scopes: [],
        path: '/',
        ...input,
      }),
  };
}

export type TryItApi = ReturnType<typeof tryItApi>;
