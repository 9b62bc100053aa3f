export { adminApi, type PorticoAdminApi } from './admin.js';
export { type AuthApi, authApi } from './auth.js';
export { type CatalogueApi, catalogueApi } from './catalogue.js';
export { createPorticoClient, type PorticoClient, type PorticoClientOptions } from './client.js';
export { type ClientsApi, clientsApi } from './clients.js';
export { fieldErrors, isPorticoApiError, PorticoApiError } from './errors.js';
export {
  buildUrl,
  createHttp,
  type HttpMethod,
  type HttpOptions,
  type PorticoHttp,
  type QueryParams,
  type RequestOptions,
} from './http.js';
export { type OAuthApi, oauthApi } from './oauth.js';
export { type TryItApi, type TryItInput, tryItApi } from './try-it.js';
export { type UsageApi, usageApi } from './usage.js';
