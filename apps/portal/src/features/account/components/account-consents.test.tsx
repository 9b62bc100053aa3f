import type { AccountConsentList } from '@portico/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, callsTo, json, makeSession, renderApp } from '@/testing/render-app';

const consents: AccountConsentList = {
  items: [
    {
      id: 'consent-1',
      client: {
        clientId: 'pc_budget',
        name: 'Budget Buddy',
        description: 'Keeps an eye on your spending.',
        developerName: 'Dana Developer',
      },
      scopes: ['payments:read', 'orders:read'],
      apis: [
        { id: 'api-payments', name: 'Payments API' },
        { id: 'api-orders', name: 'Orders API' },
      ],
      grantedAt: '2025-03-04T10:00:00.000Z',
    },
  ],
};

const me = () => json(200, makeSession());

describe('account page: apps you allowed', () => {
  it('lists the apps with their developer, APIs and scopes', async () => {
    renderApp('/account', { 'GET /api/auth/me': me, 'GET /api/account/consents': () => json(200, consents) });
    const section = (await screen.findByRole('heading', { name: 'Apps you allowed' })).closest('section')!;
    expect(await within(section).findByRole('heading', { name: 'Budget Buddy' })).toBeTruthy();
    expect(within(section).getByText(/by Dana Developer/)).toBeTruthy();
    expect(within(section).getByText('APIs: Payments API, Orders API')).toBeTruthy();
    expect(within(section).getByText('payments:read')).toBeTruthy();
    expect(within(section).getByText('orders:read')).toBeTruthy();
  });

  it('shows the scopes allowed on each API', async () => {
    const [consent] = consents.items;
    const paired: AccountConsentList = {
      items: [
        {
          ...consent!,
          apis: [
            { id: 'api-payments', name: 'Payments API', scopes: ['payments:read'] },
            { id: 'api-status', name: 'Status API', scopes: [] },
          ],
        },
      ],
    };
    renderApp('/account', { 'GET /api/auth/me': me, 'GET /api/account/consents': () => json(200, paired) });
    const list = await screen.findByRole('list', { name: 'What Budget Buddy may use' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Payments API: payments:read', 'Status API: no specific scopes']);
  });

  it('revokes after confirmation and refreshes the list', async () => {
    let list = consents;
    const { user, fetch } = renderApp('/account', {
      'GET /api/auth/me': me,
      'GET /api/account/consents': () => json(200, list),
      'DELETE /api/account/consents/consent-1': () => {
        list = { items: [] };
        return new Response(null, { status: 204 });
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Revoke access for Budget Buddy' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke access for Budget Buddy?' });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke access' }));

    expect(await screen.findByText('Budget Buddy can no longer access your account')).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'You have not allowed any apps' })).toBeTruthy();
    expect(callsTo(fetch, 'DELETE', '/api/account/consents/consent-1')).toHaveLength(1);
  });

  it('cancelling the confirmation revokes nothing', async () => {
    const { user, fetch } = renderApp('/account', {
      'GET /api/auth/me': me,
      'GET /api/account/consents': () => json(200, consents),
    });
    await user.click(await screen.findByRole('button', { name: 'Revoke access for Budget Buddy' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(callsTo(fetch, 'DELETE', '/api/account/consents/consent-1')).toHaveLength(0);
  });

  it('shows a load error (after the app-wide retries for server errors)', { timeout: 10_000 }, async () => {
    renderApp('/account', {
      'GET /api/auth/me': me,
      'GET /api/account/consents': () => apiError(500, 'internal_error', 'Something went wrong on our side.'),
    });
    // Two retries with back-off (1 s, 2 s) come first.
    const alert = await screen.findByRole('alert', {}, { timeout: 6000 });
    expect(within(alert).getByText('The apps you allowed could not be loaded')).toBeTruthy();
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
