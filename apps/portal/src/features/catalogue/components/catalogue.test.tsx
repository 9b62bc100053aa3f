import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, callsTo, json, makeSession, renderApp } from '@/testing/render-app';

const base = {
  api: {
    id: 'a1',
    name: 'Payments API',
    authMode: 'oauth2',
    listenPath: '/payments/',
    grantTypes: ['authorization_code'],
  },
  approval: 'auto',
  maxClientsPerDeveloper: 5,
  limits: { rateLimit: { requests: 100, perSeconds: 60 }, quota: null, tokenLifetimeSeconds: 3600 },
  scopes: [{ name: 'payments:read', description: 'Read payments' }],
};
const payments = { ...base, id: 'pay', name: 'Payments API', shortDescription: 'Take card payments.' };
const status = {
  ...base,
  id: 'status',
  name: 'Status API',
  shortDescription: 'Service status.',
  api: {
    ...base.api,
    id: 'a2',
    name: 'Status API',
    authMode: 'keyless',
    listenPath: '/status/',
    grantTypes: [],
  },
  scopes: [],
};

const me = () => json(200, makeSession());

describe('catalogue', () => {
  it('lists entries and searches as the developer types', async () => {
    const { user, fetch, location } = renderApp('/catalogue', {
      'GET /api/auth/me': me,
      'GET /api/catalogue': ({ url }) =>
        json(
          200,
          url.searchParams.get('q') ? { items: [status], total: 1 } : { items: [payments, status], total: 2 },
        ),
    });
    expect(await screen.findByRole('link', { name: 'Payments API' })).toBeTruthy();
    expect(screen.getByText('Keyless')).toBeTruthy();
    expect(screen.getAllByText('100 requests per minute · Quota: Unlimited')).toHaveLength(2);

    await user.type(screen.getByRole('searchbox', { name: 'Search APIs' }), 'status');
    await waitFor(() => expect(location.href).toBe('/catalogue?q=status'));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Payments API' })).toBeNull());
    const last = callsTo(fetch, 'GET', '/api/catalogue').at(-1)!;
    expect(new URL(String(last[0]), 'http://x').searchParams.get('q')).toBe('status');
  });

  it('announces the result count, and an empty result, in one live region that stays mounted', async () => {
    const { user } = renderApp('/catalogue', {
      'GET /api/auth/me': me,
      'GET /api/catalogue': ({ url }) =>
        json(
          200,
          url.searchParams.get('q') ? { items: [], total: 0 } : { items: [payments, status], total: 2 },
        ),
    });
    await screen.findByRole('link', { name: 'Payments API' });
    const live = screen.getAllByRole('status').find((element) => element.textContent === '2 APIs');
    expect(live).toBeTruthy();

    await user.type(screen.getByRole('searchbox', { name: 'Search APIs' }), 'zzz');
    expect(await screen.findByRole('heading', { name: 'No API matches “zzz”' })).toBeTruthy();
    // The same element, so screen readers announce the change.
    expect(live!.isConnected).toBe(true);
    expect(live!.textContent).toBe('No API matches “zzz”');
  });

  it('shows an entry with its Markdown rendered safely and a shortcut into the wizard', async () => {
    renderApp('/catalogue/pay', {
      'GET /api/auth/me': me,
      'GET /api/catalogue/pay': () =>
        json(200, {
          ...payments,
          longDescription:
            '## Getting started\n\n- one\n- two\n\n<script>alert(1)</script> [x](javascript:alert(1))',
        }),
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Payments API' })).toBeTruthy();
    const docs = screen.getByRole('region', { name: 'Documentation' });
    expect(await within(docs).findByRole('heading', { name: 'Getting started' })).toBeTruthy();
    expect(within(docs).getAllByRole('listitem')).toHaveLength(2);
    expect(docs.querySelector('script')).toBeNull();
    expect(docs.textContent).toContain('<script>alert(1)</script>');
    expect(docs.querySelector('a[href^="javascript"]')).toBeNull();

    const access = screen.getByRole('region', { name: 'Access' });
    expect(within(access).getByText('/gw/payments/')).toBeTruthy();
    expect(within(access).getByText('1 hour')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Scopes' }).textContent).toContain('payments:read');
    expect(screen.getByRole('link', { name: 'Create OAuth Client' }).getAttribute('href')).toBe(
      '/oauth-clients/new?api=pay',
    );
  });

  it('offers no OAuth client for an API that does not use OAuth 2.0', async () => {
    renderApp('/catalogue/status', {
      'GET /api/auth/me': me,
      'GET /api/catalogue/status': () => json(200, { ...status, longDescription: '' }),
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Status API' })).toBeTruthy();
    expect(screen.getByText(/needs no credentials/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Create OAuth Client' })).toBeNull();
  });

  it('says an unknown or hidden entry is not in the catalogue, once, without a retry', async () => {
    renderApp('/catalogue/gone', {
      'GET /api/auth/me': me,
      'GET /api/catalogue/gone': () => apiError(404, 'not_found', 'This API is not in the catalogue.'),
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'API not found' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'This API is not in the catalogue' })).toBeTruthy();
    expect(screen.getByText(/removed or hidden by the portal's administrators/)).toBeTruthy();
    expect(screen.queryByText('This API is not in the catalogue.')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Back to the catalogue' })).toBeTruthy();
  });
});
