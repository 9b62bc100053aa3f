import type { OAuthClient, TryItResponse } from '@portico/contracts';
import { createPorticoClient } from '@portico/sdk';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppProvider, createAppQueryClient } from '@/app/provider';
import { apiError, callsTo, json, type MockRoutes, mockFetch, mutationCacheText } from '@/testing/render-app';
import { TryItPanel } from './try-it-panel';

function makeClient(overrides: Partial<OAuthClient> = {}): OAuthClient {
  return {
    id: 'c-1',
    clientId: 'pc_abc',
    name: 'Billing sync',
    description: '',
    appType: 'service',
    confidential: true,
    grantTypes: ['client_credentials'],
    redirectUris: [],
    status: 'active',
    rejectionReason: null,
    apis: [
      {
        catalogueEntryId: 'e-1',
        name: 'Payments',
        apiId: 'api-1',
        apiName: 'Payments API',
        authMode: 'oauth2',
        approval: 'auto',
        status: 'active',
        limits: {
          rateLimit: { requests: 100, perSeconds: 60 },
          quota: null,
          tokenLifetimeSeconds: 3600,
        },
        scopes: ['payments:read', 'payments:write'],
      },
    ],
    createdAt: '2030-01-01T00:00:00.000Z',
    updatedAt: '2030-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const answer: TryItResponse = {
  token: { accessToken: 'eyJ.x.y', tokenType: 'Bearer', scope: 'payments:read', expiresIn: 1800 },
  request: { method: 'GET', url: '/gw/payments/orders' },
  response: {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'ratelimit-remaining': '99' },
    body: '{"method":"GET","path":"/orders"}',
    truncated: false,
    durationMs: 12.3,
  },
};

function renderPanel(routes: MockRoutes) {
  const fetch = mockFetch(routes);
  const user = userEvent.setup();
  const queryClient = createAppQueryClient();
  render(
    <AppProvider client={createPorticoClient({ fetch })} queryClient={queryClient}>
      <TryItPanel clientId="c-1" />
    </AppProvider>,
  );
  return { fetch, user, queryClient };
}

describe('TryItPanel', () => {
  it('sends the request with the chosen scope and shows status, headers and body; the secret is cleared', async () => {
    const { fetch, user, queryClient } = renderPanel({
      'GET /api/clients/c-1': () => json(200, makeClient()),
      'POST /api/clients/c-1/try-it': () => json(200, answer),
    });
    await user.clear(await screen.findByLabelText('Path'));
    await user.type(screen.getByLabelText('Path'), '/orders');
    await user.click(screen.getByLabelText('payments:read'));
    await user.type(screen.getByLabelText('Client secret'), 'pcs_the-secret');
    await user.click(screen.getByRole('button', { name: 'Send request' }));

    const heading = await screen.findByRole('heading', { name: 'Response' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByTestId('try-it-status').textContent).toBe('200');
    expect(screen.getByRole('region', { name: 'Body' }).textContent).toBe(
      JSON.stringify({ method: 'GET', path: '/orders' }, null, 2),
    );
    expect(screen.getByText('ratelimit-remaining')).toBeTruthy();
    expect((screen.getByLabelText('Client secret') as HTMLInputElement).value).toBe('');
    // Nor does React Query's mutation cache keep the secret or the token.
    await waitFor(() => expect(queryClient.getMutationCache().getAll()).toEqual([]));
    expect(mutationCacheText(queryClient)).not.toContain('pcs_the-secret');

    const [call] = callsTo(fetch, 'POST', '/api/clients/c-1/try-it');
    expect(JSON.parse(String(call?.[1]?.body))).toEqual({
      apiId: 'api-1',
      clientSecret: 'pcs_the-secret',
      scopes: ['payments:read'],
      method: 'GET',
      path: '/orders',
    });
  });

  it('validates with the contract before sending: the secret is required', async () => {
    const { fetch, user } = renderPanel({ 'GET /api/clients/c-1': () => json(200, makeClient()) });
    await user.click(await screen.findByRole('button', { name: 'Send request' }));
    const secret = screen.getByLabelText('Client secret');
    expect(secret.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(secret);
    expect(callsTo(fetch, 'POST', '/api/clients/c-1/try-it')).toHaveLength(0);
  });

  it('shows a refused secret next to the field', async () => {
    const { user } = renderPanel({
      'GET /api/clients/c-1': () => json(200, makeClient()),
      'POST /api/clients/c-1/try-it': () =>
        apiError(400, 'token_request_failed', 'The client secret was not accepted (invalid_client).', [
          { field: 'clientSecret', message: 'was not accepted' },
        ]),
    });
    await user.type(await screen.findByLabelText('Client secret'), 'pcs_wrong');
    await user.click(screen.getByRole('button', { name: 'Send request' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Client secret').getAttribute('aria-invalid')).toBe('true'),
    );
    expect(screen.getByText('Was not accepted')).toBeTruthy();
  });

  it('explains why web and public clients cannot use it', async () => {
    renderPanel({
      'GET /api/clients/c-1': () =>
        json(200, makeClient({ appType: 'web', grantTypes: ['authorization_code', 'refresh_token'] })),
    });
    expect(await screen.findByText(/which only service clients use/i)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Send request' })).toBeNull();
  });
});
