import type {
  ApiInput,
  ApiListQuery,
  ApiPatch,
  ApprovalListQuery,
  AuditListQuery,
  CatalogueEntryInput,
  CatalogueEntryPatch,
  CatalogueListQuery,
  DeveloperCreateBody,
  DeveloperListQuery,
  DeveloperPatch,
  PolicyInput,
  PolicyListQuery,
  PolicyPatch,
} from '@portico/contracts';
import {
  keepPreviousData,
  type QueryClient,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { PorticoClient } from '../client.js';
import { catalogueKeys } from './catalogue.js';
import { usePorticoClient } from './provider.js';

const root = ['admin'] as const;

/**
 * Query keys of `client.admin`, one branch per Dashboard area. Admin changes ripple across areas
 * (deleting an API removes catalogue entries and policy rights; every change lands in the audit
 * log and the overview counts), so every admin mutation invalidates `adminKeys.all`, and those
 * that change what developers see also the portal catalogue (`catalogueKeys.all`).
 */
export const adminKeys = {
  all: root,
  overview: () => [...root, 'overview'] as const,
  apis: {
    all: [...root, 'apis'] as const,
    list: (query: ApiListQuery = {}) => [...root, 'apis', 'list', query] as const,
    detail: (id: string) => [...root, 'apis', 'detail', id] as const,
    dependants: (id: string) => [...root, 'apis', 'detail', id, 'dependants'] as const,
  },
  policies: {
    all: [...root, 'policies'] as const,
    list: (query: PolicyListQuery = {}) => [...root, 'policies', 'list', query] as const,
    detail: (id: string) => [...root, 'policies', 'detail', id] as const,
  },
  catalogue: {
    all: [...root, 'catalogue'] as const,
    list: (query: CatalogueListQuery = {}) => [...root, 'catalogue', 'list', query] as const,
    detail: (id: string) => [...root, 'catalogue', 'detail', id] as const,
  },
  developers: {
    all: [...root, 'developers'] as const,
    list: (query: DeveloperListQuery = {}) => [...root, 'developers', 'list', query] as const,
    detail: (id: string) => [...root, 'developers', 'detail', id] as const,
    clients: (id: string) => [...root, 'developers', 'detail', id, 'clients'] as const,
  },
  approvals: {
    all: [...root, 'approvals'] as const,
    list: (query: ApprovalListQuery = {}) => [...root, 'approvals', 'list', query] as const,
  },
  audit: {
    all: [...root, 'audit'] as const,
    list: (query: AuditListQuery = {}) => [...root, 'audit', 'list', query] as const,
  },
};

// ---------------------------------------------------------------------------------------------
// Query options (for loaders, prefetching and tests) and hooks

export const adminOverviewQueryOptions = (client: PorticoClient) =>
  queryOptions({ queryKey: adminKeys.overview(), queryFn: () => client.admin.overview() });

export const adminApisQueryOptions = (client: PorticoClient, query: ApiListQuery = {}) =>
  queryOptions({
    queryKey: adminKeys.apis.list(query),
    queryFn: () => client.admin.apis.list(query),
    // Keep the previous page on screen while the next one (or a new search) loads.
    placeholderData: keepPreviousData,
  });

export const adminApiQueryOptions = (client: PorticoClient, id: string) =>
  queryOptions({ queryKey: adminKeys.apis.detail(id), queryFn: () => client.admin.apis.get(id) });

export const adminApiDependantsQueryOptions = (client: PorticoClient, id: string) =>
  queryOptions({ queryKey: adminKeys.apis.dependants(id), queryFn: () => client.admin.apis.dependants(id) });

export const adminPoliciesQueryOptions = (client: PorticoClient, query: PolicyListQuery = {}) =>
  queryOptions({
    queryKey: adminKeys.policies.list(query),
    queryFn: () => client.admin.policies.list(query),
    placeholderData: keepPreviousData,
  });

export const adminPolicyQueryOptions = (client: PorticoClient, id: string) =>
  queryOptions({ queryKey: adminKeys.policies.detail(id), queryFn: () => client.admin.policies.get(id) });

export const adminCatalogueQueryOptions = (client: PorticoClient, query: CatalogueListQuery = {}) =>
  queryOptions({
    queryKey: adminKeys.catalogue.list(query),
    queryFn: () => client.admin.catalogue.list(query),
    placeholderData: keepPreviousData,
  });

export const adminCatalogueEntryQueryOptions = (client: PorticoClient, id: string) =>
  queryOptions({ queryKey: adminKeys.catalogue.detail(id), queryFn: () => client.admin.catalogue.get(id) });

export const adminDevelopersQueryOptions = (client: PorticoClient, query: DeveloperListQuery = {}) =>
  queryOptions({
    queryKey: adminKeys.developers.list(query),
    queryFn: () => client.admin.developers.list(query),
    placeholderData: keepPreviousData,
  });

export const adminDeveloperQueryOptions = (client: PorticoClient, id: string) =>
  queryOptions({ queryKey: adminKeys.developers.detail(id), queryFn: () => client.admin.developers.get(id) });

export const adminDeveloperClientsQueryOptions = (client: PorticoClient, id: string) =>
  queryOptions({
    queryKey: adminKeys.developers.clients(id),
    queryFn: () => client.admin.developers.clients(id),
  });

export const approvalsQueryOptions = (client: PorticoClient, query: ApprovalListQuery = {}) =>
  queryOptions({
    queryKey: adminKeys.approvals.list(query),
    queryFn: () => client.admin.approvals.list(query),
    placeholderData: keepPreviousData,
  });

export const auditLogQueryOptions = (client: PorticoClient, query: AuditListQuery = {}) =>
  queryOptions({
    queryKey: adminKeys.audit.list(query),
    queryFn: () => client.admin.audit.list(query),
    placeholderData: keepPreviousData,
  });

export const useAdminOverview = () => useQuery(adminOverviewQueryOptions(usePorticoClient()));
export const useAdminApis = (query: ApiListQuery = {}) =>
  useQuery(adminApisQueryOptions(usePorticoClient(), query));
export const useAdminApi = (id: string) => useQuery(adminApiQueryOptions(usePorticoClient(), id));

/** Loads only while `enabled` (e.g. while the delete confirmation is open). */
export function useAdminApiDependants(id: string, enabled = true) {
  return useQuery({ ...adminApiDependantsQueryOptions(usePorticoClient(), id), enabled });
}

export const useAdminPolicies = (query: PolicyListQuery = {}) =>
  useQuery(adminPoliciesQueryOptions(usePorticoClient(), query));
export const useAdminPolicy = (id: string) => useQuery(adminPolicyQueryOptions(usePorticoClient(), id));
export const useAdminCatalogue = (query: CatalogueListQuery = {}) =>
  useQuery(adminCatalogueQueryOptions(usePorticoClient(), query));
export const useAdminCatalogueEntry = (id: string) =>
  useQuery(adminCatalogueEntryQueryOptions(usePorticoClient(), id));
export const useAdminDevelopers = (query: DeveloperListQuery = {}) =>
  useQuery(adminDevelopersQueryOptions(usePorticoClient(), query));
export const useAdminDeveloper = (id: string) => useQuery(adminDeveloperQueryOptions(usePorticoClient(), id));
export const useAdminDeveloperClients = (id: string) =>
  useQuery(adminDeveloperClientsQueryOptions(usePorticoClient(), id));
export const useApprovals = (query: ApprovalListQuery = {}) =>
  useQuery(approvalsQueryOptions(usePorticoClient(), query));
export const useAuditLog = (query: AuditListQuery = {}) =>
  useQuery(auditLogQueryOptions(usePorticoClient(), query));

// ---------------------------------------------------------------------------------------------
// Mutations

function invalidateAdmin(queryClient: QueryClient, options: { portalCatalogue?: boolean } = {}) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: adminKeys.all }),
    options.portalCatalogue ? queryClient.invalidateQueries({ queryKey: catalogueKeys.all }) : undefined,
  ]);
}

/**
 * A mutation whose success refreshes the Dashboard (and, for publishing changes, the portal catalogue).
 * `holdsSecret` (e.g. a temporary password in the variables) drops the mutation from the mutation cache
 * as soon as no component observes it, instead of keeping it for the default `gcTime`.
 */
function useAdminMutation<TVariables, TResult>(
  mutationFn: (client: PorticoClient, variables: TVariables) => Promise<TResult>,
  options: { portalCatalogue?: boolean; holdsSecret?: boolean } = {},
) {
  const client = usePorticoClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (variables: TVariables) => mutationFn(client, variables),
    onSuccess: () => invalidateAdmin(queryClient, options),
    ...(options.holdsSecret ? { gcTime: 0 } : {}),
  });
}

const publishing = { portalCatalogue: true };

export const useCreateAdminApi = () =>
  useAdminMutation((c, body: ApiInput) => c.admin.apis.create(body), publishing);
export const useUpdateAdminApi = () =>
  useAdminMutation(
    (c, { id, body }: { id: string; body: ApiPatch }) => c.admin.apis.update(id, body),
    publishing,
  );
/** `mutate({ id, cascade })`; without `cascade` a used API fails with a 409 naming its dependants. */
export const useDeleteAdminApi = () =>
  useAdminMutation(
    (c, { id, cascade }: { id: string; cascade?: boolean }) => c.admin.apis.delete(id, { cascade }),
    publishing,
  );

export const useCreatePolicy = () =>
  useAdminMutation((c, body: PolicyInput) => c.admin.policies.create(body), publishing);
export const useUpdatePolicy = () =>
  useAdminMutation(
    (c, { id, body }: { id: string; body: PolicyPatch }) => c.admin.policies.update(id, body),
    publishing,
  );
export const useDeletePolicy = () =>
  useAdminMutation((c, id: string) => c.admin.policies.delete(id), publishing);

export const useCreateCatalogueEntry = () =>
  useAdminMutation((c, body: CatalogueEntryInput) => c.admin.catalogue.create(body), publishing);
export const useUpdateCatalogueEntry = () =>
  useAdminMutation(
    (c, { id, body }: { id: string; body: CatalogueEntryPatch }) => c.admin.catalogue.update(id, body),
    publishing,
  );
export const useDeleteCatalogueEntry = () =>
  useAdminMutation(
    (c, { id, cascade }: { id: string; cascade?: boolean }) => c.admin.catalogue.delete(id, { cascade }),
    publishing,
  );

/** The body holds the developer's temporary password. */
export const useCreateDeveloper = () =>
  useAdminMutation((c, body: DeveloperCreateBody) => c.admin.developers.create(body), { holdsSecret: true });
export const useUpdateDeveloper = () =>
  useAdminMutation((c, { id, body }: { id: string; body: DeveloperPatch }) =>
    c.admin.developers.update(id, body),
  );
export const useDeactivateDeveloper = () =>
  useAdminMutation((c, id: string) => c.admin.developers.deactivate(id));
export const useReactivateDeveloper = () =>
  useAdminMutation((c, id: string) => c.admin.developers.reactivate(id));

export const useApproveClient = () => useAdminMutation((c, id: string) => c.admin.approvals.approve(id));
export const useRejectClient = () =>
  useAdminMutation((c, { id, reason }: { id: string; reason: string }) =>
    c.admin.approvals.reject(id, reason),
  );
