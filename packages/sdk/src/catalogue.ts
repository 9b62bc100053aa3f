import type {
  PortalCatalogueEntryDetail,
  PortalCatalogueList,
  PortalCatalogueQuery,
} from '@portico/contracts';
import type { PorticoHttp } from './http.js';

/** `client.catalogue`: the public API catalogue developers browse (`/api/catalogue`). */
export function catalogueApi(http: PorticoHttp) {
  return {
    /** Public entries; `q` searches names and descriptions, `authMode: 'oauth2'` keeps what OAuth clients can use. */
    list: (query: PortalCatalogueQuery = {}) => http.get<PortalCatalogueList>('/api/catalogue', query),

    /** One public entry with its Markdown long description (untrusted: render it sanitised). */
    get: (id: string) => http.get<PortalCatalogueEntryDetail>(`/api/catalogue/${encodeURIComponent(id)}`),
  };
}

export type CatalogueApi = ReturnType<typeof catalogueApi>;
