import type {
  AdminApi,
  AdminCatalogueEntry,
  AdminClient,
  AdminClientList,
  AdminDeveloper,
  AdminOverview,
  AdminPolicy,
  ApiDeleteResult,
  ApiDependants,
  ApiInput,
  ApiListQuery,
  ApiPage,
  ApiPatch,
  ApiUpdateResult,
  ApprovalListQuery,
  ApprovalPage,
  AuditListQuery,
  AuditPage,
  CatalogueDeleteResult,
  CatalogueEntryInput,
  CatalogueEntryPatch,
  CatalogueListQuery,
  CataloguePage,
  CatalogueUpdateResult,
  DeveloperCreateBody,
  DeveloperListQuery,
  DeveloperPage,
  DeveloperPatch,
  DeveloperStatusResult,
  PolicyInput,
  PolicyListQuery,
  PolicyPage,
  PolicyPatch,
  PolicyUpdateResult,
  UserListQuery,
  UserListResponse,
} from '@portico/contracts';
import type { PorticoHttp } from './http.js';

const id = encodeURIComponent;
const cascadeQuery = (cascade: boolean | undefined) => (cascade ? { cascade: true } : undefined);

/**
 * `client.admin`: the Dashboard's REST API (`/api/admin/...`, admins only — a developer gets 403).
 * One sub-namespace per area; list methods take the area's query (search `q`, `sort`, `order`,
 * `page`, `pageSize`, filters) and return a `Page` (`items`, `total`, `page`, `pageSize`).
 */
export function adminApi(http: PorticoHttp) {
  return {
    /** Counts and recent audit events for the Dashboard home. */
    overview: () => http.get<AdminOverview>('/api/admin/overview'),

    /** All accounts (admins included); the developer pages use `developers`. */
    users: {
      list: (query: UserListQuery = {}) => http.get<UserListResponse>('/api/admin/users', query),
    },

    apis: {
      list: (query: ApiListQuery = {}) => http.get<ApiPage>('/api/admin/apis', query),
      get: (apiId: string) => http.get<AdminApi>(`/api/admin/apis/${id(apiId)}`),
      /** The listen path is normalised by the server (`Payments` → `/payments/`). */
      create: (body: ApiInput) => http.post<AdminApi>('/api/admin/apis', body),
      /** `revokedTokens`: tokens that a narrowing change (scopes, listen path, mode, active) revoked. */
      update: (apiId: string, body: ApiPatch) =>
        http.patch<ApiUpdateResult>(`/api/admin/apis/${id(apiId)}`, body),
      /** What a delete would remove and revoke; show it in the confirmation. */
      dependants: (apiId: string) => http.get<ApiDependants>(`/api/admin/apis/${id(apiId)}/dependants`),
      /** Throws `PorticoApiError` 409 naming the dependants unless `cascade` is true. */
      delete: (apiId: string, options: { cascade?: boolean } = {}) =>
        http.delete<ApiDeleteResult>(`/api/admin/apis/${id(apiId)}`, {
          query: cascadeQuery(options.cascade),
        }),
    },

    policies: {
      list: (query: PolicyListQuery = {}) => http.get<PolicyPage>('/api/admin/policies', query),
      get: (policyId: string) => http.get<AdminPolicy>(`/api/admin/policies/${id(policyId)}`),
      create: (body: PolicyInput) => http.post<AdminPolicy>('/api/admin/policies', body),
      /** Narrowing the access rights (or deactivating) revokes the tokens that exceed them. */
      update: (policyId: string, body: PolicyPatch) =>
        http.patch<PolicyUpdateResult>(`/api/admin/policies/${id(policyId)}`, body),
      /** 409 while a catalogue entry uses the policy. */
      delete: (policyId: string) => http.delete<void>(`/api/admin/policies/${id(policyId)}`),
    },

    catalogue: {
      list: (query: CatalogueListQuery = {}) => http.get<CataloguePage>('/api/admin/catalogue', query),
      get: (entryId: string) => http.get<AdminCatalogueEntry>(`/api/admin/catalogue/${id(entryId)}`),
      /** 400 when the policy does not grant the entry's API. */
      create: (body: CatalogueEntryInput) => http.post<AdminCatalogueEntry>('/api/admin/catalogue', body),
      update: (entryId: string, body: CatalogueEntryPatch) =>
        http.patch<CatalogueUpdateResult>(`/api/admin/catalogue/${id(entryId)}`, body),
      /** 409 while OAuth clients use the entry, unless `cascade` is true. */
      delete: (entryId: string, options: { cascade?: boolean } = {}) =>
        http.delete<CatalogueDeleteResult>(`/api/admin/catalogue/${id(entryId)}`, {
          query: cascadeQuery(options.cascade),
        }),
    },

    developers: {
      list: (query: DeveloperListQuery = {}) => http.get<DeveloperPage>('/api/admin/developers', query),
      get: (userId: string) => http.get<AdminDeveloper>(`/api/admin/developers/${id(userId)}`),
      /** With a temporary password (the registration password policy applies). */
      create: (body: DeveloperCreateBody) => http.post<AdminDeveloper>('/api/admin/developers', body),
      update: (userId: string, body: DeveloperPatch) =>
        http.patch<AdminDeveloper>(`/api/admin/developers/${id(userId)}`, body),
      /** Ends their sessions at once and revokes their clients' tokens. */
      deactivate: (userId: string) =>
        http.post<DeveloperStatusResult>(`/api/admin/developers/${id(userId)}/deactivate`),
      reactivate: (userId: string) =>
        http.post<DeveloperStatusResult>(`/api/admin/developers/${id(userId)}/reactivate`),
      clients: (userId: string) => http.get<AdminClientList>(`/api/admin/developers/${id(userId)}/clients`),
    },

    approvals: {
      list: (query: ApprovalListQuery = {}) => http.get<ApprovalPage>('/api/admin/approvals', query),
      approve: (clientId: string) => http.post<AdminClient>(`/api/admin/approvals/${id(clientId)}/approve`),
      /** The reason is shown to the client's developer. */
      reject: (clientId: string, reason: string) =>
        http.post<AdminClient>(`/api/admin/approvals/${id(clientId)}/reject`, { reason }),
    },

    audit: {
      list: (query: AuditListQuery = {}) => http.get<AuditPage>('/api/admin/audit', query),
    },
  };
}

export type PorticoAdminApi = ReturnType<typeof adminApi>;
