import { adminApi } from './admin.js';
import { authApi } from './auth.js';
import { catalogueApi } from './catalogue.js';
import { clientsApi } from './clients.js';
import { createHttp, type HttpOptions, type PorticoHttp } from './http.js';
import { oauthApi } from './oauth.js';
import { tryItApi } from './try-it.js';
import { usageApi } from './usage.js';

export type PorticoClientOptions = HttpOptions;

/**
 * Feature namespaces, one per API area. Each is a small factory that receives the shared
 * transport and returns plain async functions:
 *
 * ```ts
 * // src/clients.ts
 * export function clientsApi(http: PorticoHttp) {
 *   return { list: (query?: PageQuery) => http.get<ClientPage>('/api/clients', query) };
 * }
 * export type ClientsApi = ReturnType<typeof clientsApi>;
 * ```
 *
 * then add `clients: clientsApi` below and export the file from `index.ts`; `client.clients.list()`
 * is typed from here on. Namespaces never call each other: they share only `http` (and with it the
 * CSRF token).
 */
const namespaces = {
  auth: authApi,
  oauth: oauthApi,
  usage: usageApi,
  tryIt: tryItApi,
  clients: clientsApi,
  catalogue: catalogueApi,
  admin: adminApi,
} satisfies Record<string, (http: PorticoHttp) => object>;

type Namespaces = typeof namespaces;

export type PorticoClient = { readonly [K in keyof Namespaces]: ReturnType<Namespaces[K]> } & {
  /** The underlying transport, for endpoints no namespace covers yet. */
  readonly http: PorticoHttp;
};

/**
 * Creates a typed client for the Portico API.
 *
 * @example
 * const portico = createPorticoClient();               // same origin, e.g. in the portal
 * const session = await portico.auth.login({ email, password });
 */
export function createPorticoClient(options: PorticoClientOptions = {}): PorticoClient {
  const http = createHttp(options);
  const client: Record<string, unknown> = { http };
  for (const [name, factory] of Object.entries(namespaces)) client[name] = factory(http);
  return client as PorticoClient;
}
