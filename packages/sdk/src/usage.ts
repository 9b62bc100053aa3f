import type {
  ApiUsageResponse,
  ClientUsageResponse,
  DeveloperUsageResponse,
  UsageRange,
} from '@portico/contracts';
import type { PorticoHttp } from './http.js';

const id = encodeURIComponent;

/**
 * `client.usage`: gateway traffic reports. `client(id)` is the signed-in developer's view of one of
 * their OAuth clients; `api(id)` and `developer(id)` are the dashboard's (admins only).
 * `range` is `'24h'` (15-minute steps) or `'7d'` (2-hour steps); the series is zero-filled.
 */
export function usageApi(http: PorticoHttp) {
  return {
    /** Requests, status classes, 429s, p50/p95 latency, and per API the limits and remaining quota. */
    client: (clientId: string, range: UsageRange = '24h') =>
      http.get<ClientUsageResponse>(`/api/clients/${id(clientId)}/usage`, { range }),

    /** One API's traffic and its busiest clients (admin). */
    api: (apiId: string, range: UsageRange = '24h') =>
      http.get<ApiUsageResponse>(`/api/admin/usage/apis/${id(apiId)}`, { range }),

    /** All traffic of one developer's clients, per client and per API (admin). */
    developer: (userId: string, range: UsageRange = '24h') =>
      http.get<DeveloperUsageResponse>(`/api/admin/usage/developers/${id(userId)}`, { range }),
  };
}

export type UsageApi = ReturnType<typeof usageApi>;
