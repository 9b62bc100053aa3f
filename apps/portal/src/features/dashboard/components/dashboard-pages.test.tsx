import type { AdminApi, AdminClient, ApiDependants, ApiPage, PolicyPage } from '@portico/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, callsTo, json, makeSession, renderApp } from '@/testing/render-app';

const admin = () => json(200, makeSession({ role: 'admin' }));

function api(overrides: Partial<AdminApi>): AdminApi {
  return {
    id: 'a1',
    name: 'Payments API',
    slug: 'payments',
    listenPath: '/payments/',
    upstreamUrl: 'https://up.example',
    authMode: 'oauth2',
    active: true,
    grantTypes: ['authorization_code'],
    scopes: [{ name: 'payments:read', description: 'Read' }],
    accessTokenTtl: 3600,
    refreshTokenTtl: 86_400,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** A pending single-page app of developer Bo (u-2), as the admin API lists it. */
function adminClient(overrides: Partial<AdminClient>): AdminClient {
  return {
    id: 'c1',
    clientId: 'pc_shop',
    name: 'Shop',
    description: '',
    appType: 'spa_native',
    status: 'pending',
    rejectionReason: null,
    owner: { id: 'u-2', email: 'bo@example.com', name: 'Bo' },
    subscriptions: [],
    redirectUris: [],
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** Generous waits: these tests render the whole app, and CI machines are shared. */
const slow = { timeout: 4000 };

const page = <T,>(items: T[], total = items.length) => ({ items, total, page: 1, pageSize: 20 });

describe('Dashboard overview', () => {
  it('pluralises its totals, and links only those a page lists', async () => {
    renderApp('/dashboard', {
      'GET /api/auth/me': admin,
      'GET /api/admin/overview': () =>
        json(200, {
          counts: {
            apis: 1,
            policies: 2,
            catalogueEntries: 1,
            developers: 1,
            clients: 3,
            pendingApprovals: 0,
          },
          recentEvents: [],
        }),
    });
    const totals = await screen.findByRole('list', { name: 'Totals' }, slow);
    const items = within(totals)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(items).toEqual([
      '1 API',
      '2 Policies',
      '1 Catalogue entry',
      '1 Developer',
      '3 OAuth clients',
      '0 Waiting for approval',
    ]);
    expect(within(totals).getByRole('link', { name: '1 Developer' }).getAttribute('href')).toBe(
      '/dashboard/developers',
    );
    // No dashboard page lists every OAuth client: not a link to the Developers page.
    expect(within(totals).queryByRole('link', { name: /OAuth clients/ })).toBeNull();
  });
});

describe('APIs list', () => {
  it('shows the APIs in a table, searches and sorts through the API, keeping the state in the URL', async () => {
    const { fetch, user, location } = renderApp('/dashboard/apis', {
      'GET /api/auth/me': admin,
      'GET /api/admin/apis': ({ url }) =>
        json(
          200,
          url.searchParams.get('q') === 'ord'
            ? page([api({ id: 'a2', name: 'Orders API', listenPath: '/orders/' })])
            : (page([
                api({}),
                api({ id: 'a3', name: 'Status API', authMode: 'keyless', active: false }),
              ]) satisfies ApiPage),
        ),
    });

    const table = await screen.findByRole('table', { name: 'APIs' }, slow);
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(
      within(rows[1] as HTMLElement)
        .getByRole('link', { name: 'Payments API' })
        .getAttribute('href'),
    ).toBe('/dashboard/apis/a1');
    expect(within(rows[2] as HTMLElement).getByText('Keyless')).toBeTruthy();
    expect(within(rows[2] as HTMLElement).getByText('Inactive')).toBeTruthy();

    await user.click(within(table).getByRole('button', { name: /Name/ }));
    await waitFor(() => expect(location.href).toBe('/dashboard/apis?sort=name&order=desc'));
    await waitFor(() =>
      expect(
        callsTo(fetch, 'GET', '/api/admin/apis').some(([input]) => String(input).includes('order=desc')),
      ).toBe(true),
    );
    expect(within(table).getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe(
      'descending',
    );

    await user.type(screen.getByRole('searchbox', { name: 'Search APIs' }), 'ord{Enter}');
    expect(await screen.findByRole('link', { name: 'Orders API' }, slow)).toBeTruthy();
    expect(location.href).toBe('/dashboard/apis?sort=name&order=desc&q=ord');
  });

  it('points to the next step when there are no APIs yet', async () => {
    renderApp('/dashboard/apis', {
      'GET /api/auth/me': admin,
      'GET /api/admin/apis': () => json(200, page([])),
    });
    expect(await screen.findByRole('heading', { name: 'No APIs yet' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Create the first API' }).getAttribute('href')).toBe(
      '/dashboard/apis/new',
    );
  });

  it('goes back to the last page when the page asked for is past the end', async () => {
    const all = Array.from({ length: 25 }, (_, i) => api({ id: `a${i}`, name: `API ${i + 1}` }));
    const { location } = renderApp('/dashboard/apis?q=api&page=9', {
      'GET /api/auth/me': admin,
      'GET /api/admin/apis': ({ url }) => {
        const number = Number(url.searchParams.get('page'));
        return json(200, {
          items: all.slice((number - 1) * 20, number * 20),
          total: 25,
          page: number,
          pageSize: 20,
        });
      },
    });
    await waitFor(() => expect(location.href).toBe('/dashboard/apis?q=api&page=2'), slow);
    expect(await screen.findByRole('link', { name: 'API 25' }, slow)).toBeTruthy();
    expect(screen.getByText('Page 2 of 2')).toBeTruthy();
  });

  it('shows an error with a retry when the list fails', async () => {
    let fail = true;
    const { user } = renderApp('/dashboard/apis', {
      'GET /api/auth/me': admin,
      'GET /api/admin/apis': () =>
        fail
          ? json(400, { error: 'validation_failed', message: 'The list query is not valid.' })
          : json(200, page([api({})])),
    });
    expect(await screen.findByText('The list query is not valid.')).toBeTruthy();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'Payments API' })).toBeTruthy();
  });
});

describe('Policies list', () => {
  it('says how to start when there are none', async () => {
    renderApp('/dashboard/policies', {
      'GET /api/auth/me': admin,
      'GET /api/admin/policies': () => json(200, page([]) satisfies PolicyPage),
    });
    expect(await screen.findByText(/No policies yet — create one to publish an API/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Create the first policy' })).toBeTruthy();
  });
});

describe('Deleting an API', () => {
  it('confirms with what will be removed and revoked, then deletes with cascade', async () => {
    const dependants: ApiDependants = {
      catalogueEntries: [{ id: 'e1', name: 'Payments for partners' }],
      policies: [{ id: 'p1', name: 'Gold' }],
      clients: [{ id: 'c1', name: 'Shop' }],
      activeTokens: 3,
    };
    const { fetch, user, location } = renderApp('/dashboard/apis/a1', {
      'GET /api/auth/me': admin,
      'GET /api/admin/apis/a1': () => json(200, api({})),
      'GET /api/admin/apis/a1/dependants': () => json(200, dependants),
      'DELETE /api/admin/apis/a1': () => json(200, { deleted: true, removed: dependants, revokedTokens: 3 }),
      'GET /api/admin/apis': () => json(200, page([])),
    });
    await user.click(await screen.findByRole('button', { name: 'Delete' }, slow));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Payments API?' }, slow);
    expect(await within(dialog).findByText(/Payments for partners/, {}, slow)).toBeTruthy();
    expect(within(dialog).getByText(/removes it from 1 policy: Gold/)).toBeTruthy();
    expect(within(dialog).getByText(/revokes 3 active access tokens/)).toBeTruthy();
    // Destructive: Cancel has the first focus.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));

    await user.click(within(dialog).getByRole('button', { name: 'Delete API and revoke access' }));
    await waitFor(() => expect(location.href).toBe('/dashboard/apis'), slow);
    const [call] = callsTo(fetch, 'DELETE', '/api/admin/apis/a1');
    expect(String(call?.[0])).toContain('cascade=true');
    expect(await screen.findByText('API "Payments API" deleted', {}, slow)).toBeTruthy();
  });
});

describe('Detail pages', () => {
  it('say when the item is not there, with a way back instead of "Try again"', async () => {
    renderApp('/dashboard/apis/gone', {
      'GET /api/auth/me': admin,
      'GET /api/admin/apis/gone': () => apiError(404, 'not_found', 'API not found'),
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'API not found' }, slow)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Back to APIs' }).getAttribute('href')).toBe('/dashboard/apis');
  });

  it("show a developer's clients with the same labels as the rest of the app", async () => {
    const shopClient = adminClient({
      subscriptions: [
        { catalogueEntryId: 'e1', name: 'Payments', approval: 'auto', status: 'active' },
        { catalogueEntryId: 'e2', name: 'Orders', approval: 'manual', status: 'pending' },
      ],
    });
    renderApp('/dashboard/developers/u-2', {
      'GET /api/auth/me': admin,
      'GET /api/admin/developers/u-2': () =>
        json(200, {
          ...makeSession({ id: 'u-2', name: 'Bo', email: 'bo@example.com' }).user,
          clientCount: 1,
        }),
      'GET /api/admin/developers/u-2/clients': () => json(200, { items: [shopClient] }),
    });
    const table = await screen.findByRole('table', { name: 'OAuth clients of this developer' }, slow);
    const [, row] = within(table).getAllByRole('row');
    const cells = within(row!)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells).toContain('Single-page or native app');
    expect(cells).toContain('Pending approval');
    expect(cells).toContain('Payments, Orders (pending approval)');
    expect(table.textContent).not.toContain('spa_native');
  });

  it('labels the approval queue the same way', async () => {
    const waiting = adminClient({
      id: 'c9',
      name: 'Till',
      subscriptions: [{ catalogueEntryId: 'e2', name: 'Orders', approval: 'manual', status: 'pending' }],
    });
    renderApp('/dashboard/approvals', {
      'GET /api/auth/me': admin,
      'GET /api/admin/approvals': () => json(200, page([waiting])),
    });
    const card = (await screen.findByRole('heading', { name: 'Till' }, slow)).closest('li') as HTMLElement;
    expect(within(card).getByText(/Single-page or native app by/)).toBeTruthy();
    expect(within(card).getByText('Pending approval')).toBeTruthy();
    expect(card.textContent).not.toContain('spa_native');
  });

  it('keeps keyboard focus on the page after rejecting a client, whose card leaves the queue', async () => {
    let rejected = false;
    const waiting = adminClient({ id: 'c9', name: 'Till' });
    const { user } = renderApp('/dashboard/approvals', {
      'GET /api/auth/me': admin,
      'GET /api/admin/approvals': () => json(200, page(rejected ? [] : [waiting])),
      'POST /api/admin/approvals/c9/reject': () => {
        rejected = true;
        return json(200, { ...waiting, status: 'rejected', rejectionReason: 'Not yet' });
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Reject Till' }, slow));
    const dialog = await screen.findByRole('dialog', { name: 'Reject Till?' });
    await user.type(within(dialog).getByLabelText(/^Reason/), 'Not yet');
    await user.click(within(dialog).getByRole('button', { name: 'Reject client' }));

    expect(await screen.findByText('Nothing to approve', {}, slow)).toBeTruthy();
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Approvals' })),
    );
  });
});
