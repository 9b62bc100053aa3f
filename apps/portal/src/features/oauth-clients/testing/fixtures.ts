import type { OAuthClient, PortalCatalogueEntry } from '@portico/contracts';

/** Catalogue entries and clients shaped like the API's answers, for the feature's component tests. */

const limits = {
  rateLimit: { requests: 100, perSeconds: 60 },
  quota: { max: 10_000, renewalSeconds: 86_400 },
  tokenLifetimeSeconds: 3600,
};

export function entry(
  id: string,
  name: string,
  overrides: Partial<PortalCatalogueEntry> = {},
): PortalCatalogueEntry {
  return {
    id,
    name,
    shortDescription: `${name} for tests`,
    api: {
      id: `api-${id}`,
      name,
      authMode: 'oauth2',
      listenPath: `/${id}/`,
      grantTypes: ['authorization_code', 'client_credentials', 'refresh_token'],
    },
    approval: 'auto',
    maxClientsPerDeveloper: null,
    limits,
    scopes: [{ name: `${id}:read`, description: 'Read' }],
    ...overrides,
  };
}

export const payments = entry('pay', 'Payments API');
export const orders = entry('ord', 'Orders API', { approval: 'manual' });

export function client(overrides: Partial<OAuthClient> = {}): OAuthClient {
  return {
    id: 'c1',
    clientId: 'pc_test_client_id',
    name: '',
    description: '',
    appType: 'web',
    confidential: true,
    grantTypes: ['authorization_code', 'refresh_token'],
    redirectUris: [],
    status: 'draft',
    rejectionReason: null,
    apis: [
      {
        catalogueEntryId: 'pay',
        name: 'Payments API',
        apiId: 'api-pay',
        apiName: 'Payments API',
        authMode: 'oauth2',
        approval: 'auto',
        status: 'active',
        limits,
        scopes: ['pay:read'],
      },
    ],
    createdAt: '2025-03-01T10:00:00.000Z',
    updatedAt: '2025-03-01T10:00:00.000Z',
    ...overrides,
  };
}
