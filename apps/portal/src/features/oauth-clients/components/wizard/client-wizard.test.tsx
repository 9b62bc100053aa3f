import { redirectUriMessages } from '@portico/contracts';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { apiError, callsTo, json, makeSession, mutationCacheText, renderApp } from '@/testing/render-app';
import { client, entry, orders, payments } from '../../testing/fixtures';

const me = () => json(200, makeSession());
const catalogue = () => json(200, { items: [payments, orders], total: 2 });

describe('OAuth Clients list', () => {
  /** A list item: a draft of the Payments API. */
  const paymentsDraft = (id: string) => ({
    ...client({ id }),
    apis: [{ catalogueEntryId: 'pay', name: 'Payments API', status: 'active' }],
  });

  it('offers "Create first OAuth Client" when there are none, leading to step "Select APIs"', async () => {
    const { user, location } = renderApp('/oauth-clients', {
      'GET /api/auth/me': me,
      'GET /api/clients': () => json(200, { items: [] }),
      'GET /api/catalogue': catalogue,
    });
    await user.click(await screen.findByRole('link', { name: 'Create first OAuth Client' }));
    const heading = await screen.findByRole('heading', { level: 2, name: 'Select APIs' });
    expect(location.href).toBe('/oauth-clients/new');
    await waitFor(() => expect(document.activeElement).toBe(heading));
    const current = screen
      .getByRole('list', { name: 'OAuth client setup' })
      .querySelector('[aria-current="step"]');
    expect(current?.textContent).toContain('Select APIs');

    // Again, with the page's code already loaded: the layout must not take focus from the heading.
    await user.click(screen.getByRole('link', { name: 'Cancel' }));
    await user.click(await screen.findByRole('link', { name: 'Create first OAuth Client' }));
    const again = await screen.findByRole('heading', { level: 2, name: 'Select APIs' });
    await waitFor(() => expect(document.activeElement).toBe(again));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(document.activeElement).toBe(again);
  });

  it('lists clients with their APIs and status, and "Continue setup" for a draft', async () => {
    renderApp('/oauth-clients', {
      'GET /api/auth/me': me,
      'GET /api/clients': () =>
        json(200, {
          items: [
            paymentsDraft('d1'),
            {
              ...client({ id: 'c2', name: 'Shop', status: 'pending' }),
              apis: [{ catalogueEntryId: 'ord', name: 'Orders API', status: 'pending' }],
            },
          ],
        }),
    });
    const table = await screen.findByRole('table', { name: 'Your OAuth clients' });
    expect(within(table).getByRole('link', { name: 'Shop' }).getAttribute('href')).toBe('/oauth-clients/c2');
    expect(within(table).getByText('Pending approval')).toBeTruthy();
    expect(within(table).getByText('Orders API')).toBeTruthy();
    expect(
      within(table)
        .getByRole('link', { name: /^Continue setup of draft for Payments API/ })
        .getAttribute('href'),
    ).toBe('/oauth-clients/new?draft=d1');
    expect(screen.getByRole('link', { name: 'Create OAuth Client' })).toBeTruthy();
  });

  it('names each draft’s actions apart, by name or by APIs and start time', async () => {
    const summary = (id: string, name: string, apis: string[], createdAt: string) => ({
      ...client({ id, name, createdAt }),
      apis: apis.map((api) => ({ catalogueEntryId: api, name: api, status: 'active' })),
    });
    renderApp('/oauth-clients', {
      'GET /api/auth/me': me,
      'GET /api/clients': () =>
        json(200, {
          items: [
            summary('d1', '', ['Payments API'], '2025-03-01T10:00:00.000Z'),
            summary('d2', '', ['Payments API'], '2025-03-01T10:00:00.000Z'),
            summary('d3', '', ['Orders API'], '2025-03-01T10:00:00.000Z'),
            summary('d4', 'Shop', ['Orders API'], '2025-03-01T10:00:00.000Z'),
          ],
        }),
    });
    const table = await screen.findByRole('table', { name: 'Your OAuth clients' });
    const links = within(table).getAllByRole('link', { name: /^Continue setup of / });
    const names = links.map((link) => link.getAttribute('aria-label'));
    expect(names).toHaveLength(4);
    expect(new Set(names).size).toBe(4);
    expect(names[3]).toBe('Continue setup of draft Shop');
    expect(names[2]).toMatch(/Orders API, started Mar 1, 2025/);
    const discards = within(table).getAllByRole('button', { name: /^Discard draft/ });
    expect(new Set(discards.map((button) => button.getAttribute('aria-label'))).size).toBe(4);
  });

  it('discards a draft after confirmation, confirming with the draft’s (empty) name', async () => {
    let items = [
      {
        ...client({ id: 'd1' }),
        apis: [{ catalogueEntryId: 'pay', name: 'Payments API', status: 'active' }],
      },
      { ...client({ id: 'c2', name: 'Shop', status: 'active' }), apis: [] },
    ];
    const { user, fetch } = renderApp('/oauth-clients', {
      'GET /api/auth/me': me,
      'GET /api/clients': () => json(200, { items }),
      'DELETE /api/clients/d1': () => {
        items = items.filter((item) => item.id !== 'd1');
        return json(200, { deleted: true, revokedTokens: 0 });
      },
    });
    const table = await screen.findByRole('table', { name: 'Your OAuth clients' });
    await user.click(within(table).getByRole('button', { name: /^Discard draft for Payments API/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Discard this draft?' });
    // Cancel first: nothing is deleted.
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(callsTo(fetch, 'DELETE', '/api/clients/d1')).toHaveLength(0);

    await user.click(within(table).getByRole('button', { name: /^Discard draft for Payments API/ }));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Discard this draft?' })).getByRole('button', {
        name: 'Discard draft',
      }),
    );
    await waitFor(() => expect(within(table).queryByText('Untitled draft')).toBeNull());
    const [, init] = callsTo(fetch, 'DELETE', '/api/clients/d1')[0]!;
    expect(JSON.parse(String(init?.body))).toEqual({ confirmName: '' });
    expect(within(table).getByRole('link', { name: 'Shop' })).toBeTruthy();
    expect(screen.getByText('Draft discarded')).toBeTruthy();
  });

  it('says why a draft could not be discarded', async () => {
    const { user } = renderApp('/oauth-clients', {
      'GET /api/auth/me': me,
      'GET /api/clients': () =>
        json(200, {
          items: [paymentsDraft('d1')],
        }),
      'DELETE /api/clients/d1': () => apiError(500, 'internal', 'Something went wrong.'),
    });
    await user.click(await screen.findByRole('button', { name: /^Discard draft/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Discard this draft?' });
    await user.click(within(dialog).getByRole('button', { name: 'Discard draft' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('Something went wrong.');
  });
});

describe('step "Select APIs"', () => {
  /** A new client's first step, with the catalogue's OAuth 2.0 APIs listed. */
  async function openSelectApis() {
    const view = renderApp('/oauth-clients/new', { 'GET /api/auth/me': me, 'GET /api/catalogue': catalogue });
    return { ...view, available: await screen.findByRole('list', { name: 'Available APIs' }) };
  }

  it('asks the catalogue for OAuth 2.0 entries only', async () => {
    const { fetch } = renderApp('/oauth-clients/new', {
      'GET /api/auth/me': me,
      'GET /api/catalogue': catalogue,
    });
    await screen.findByText('Payments API');
    const [input] = callsTo(fetch, 'GET', '/api/catalogue')[0]!;
    expect(new URL(String(input), 'http://x').searchParams.get('authMode')).toBe('oauth2');
  });

  it('reveals "Select API" on hover or keyboard focus, and lists the selection with Remove', async () => {
    const { user, available } = await openSelectApis();
    const [paymentsItem, ordersItem] = within(available).getAllByRole('listitem');
    expect(screen.queryByRole('button', { name: 'Select API' })).toBeNull();

    await user.hover(paymentsItem!);
    await user.click(within(paymentsItem!).getByRole('button', { name: 'Select API' }));
    const selected = screen.getByRole('list', { name: 'Selected APIs' });
    expect(within(selected).getByText('Payments API')).toBeTruthy();
    expect(within(paymentsItem!).getByText('Selected')).toBeTruthy();
    await user.unhover(paymentsItem!);

    // Keyboard: focusing the entry reveals its button, and Tab reaches it.
    fireEvent.focus(ordersItem!);
    const select = within(ordersItem!).getByRole('button', { name: 'Select API' });
    fireEvent.blur(ordersItem!, { relatedTarget: select });
    expect(within(ordersItem!).getByRole('button', { name: 'Select API' })).toBeTruthy();
    await user.click(select);
    expect(within(selected).getByText('Orders API')).toBeTruthy();
    fireEvent.blur(ordersItem!, { relatedTarget: document.body });
    expect(screen.queryByRole('button', { name: 'Select API' })).toBeNull();

    await user.click(within(selected).getByRole('button', { name: 'Remove Payments API' }));
    expect(within(selected).queryByText('Payments API')).toBeNull();
    expect(within(paymentsItem!).queryByText('Selected')).toBeNull();
  });

  it('reveals "Select API" when tabbing onto an entry', async () => {
    const { user, available } = await openSelectApis();
    const [paymentsItem] = within(available).getAllByRole('listitem');
    paymentsItem!.focus();
    expect(document.activeElement).toBe(paymentsItem);
    const button = await within(paymentsItem!).findByRole('button', { name: 'Select API' });
    await user.tab();
    expect(document.activeElement).toBe(button);
    await user.keyboard('{Enter}');
    expect(
      within(screen.getByRole('list', { name: 'Selected APIs' })).getByText('Payments API'),
    ).toBeTruthy();
  });

  it('keeps keyboard focus on the page after "Select API" and Remove', async () => {
    const { user, available } = await openSelectApis();
    const [paymentsItem, ordersItem] = within(available).getAllByRole('listitem');
    for (const item of [paymentsItem!, ordersItem!]) {
      item.focus();
      await within(item).findByRole('button', { name: 'Select API' });
      await user.tab();
      await user.keyboard('{Enter}');
      // The button gave way to "Selected": focus is back on its entry.
      expect(document.activeElement).toBe(item);
    }

    const selected = screen.getByRole('list', { name: 'Selected APIs' });
    within(selected).getByRole('button', { name: 'Remove Payments API' }).focus();
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(within(selected).getByRole('button', { name: 'Remove Orders API' }));
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 3, name: 'Selected APIs' }));
  });

  it('needs one API, then saves a draft and moves on to "Application details"', async () => {
    const draft = client();
    const { user, fetch, location } = renderApp('/oauth-clients/new?api=pay', {
      'GET /api/auth/me': me,
      'GET /api/catalogue': catalogue,
      'POST /api/clients': () => json(201, draft),
      'GET /api/clients/c1': () => json(200, draft),
    });
    const selected = await screen.findByRole('list', { name: 'Selected APIs' });
    // Preselected from the catalogue's shortcut.
    await user.click(within(selected).getByRole('button', { name: 'Remove Payments API' }));
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(screen.getByRole('alert').textContent).toContain('Select at least one API.');
    expect(callsTo(fetch, 'POST', '/api/clients')).toHaveLength(0);

    const item = within(screen.getByRole('list', { name: 'Available APIs' })).getAllByRole('listitem')[0]!;
    await user.hover(item);
    await user.click(within(item).getByRole('button', { name: 'Select API' }));
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));

    const heading = await screen.findByRole('heading', { level: 2, name: 'Application details' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(location.href).toBe('/oauth-clients/new?draft=c1');
    const [, init] = callsTo(fetch, 'POST', '/api/clients')[0]!;
    expect(JSON.parse(String(init?.body))).toEqual({ catalogueEntryIds: ['pay'] });
  });

  it('drops a preselected API that an OAuth client cannot use, and says why', async () => {
    const { user, fetch } = renderApp('/oauth-clients/new?api=keyless-status', {
      'GET /api/auth/me': me,
      'GET /api/catalogue': catalogue,
    });
    const aside = (await screen.findByRole('heading', { level: 3, name: 'Selected APIs' })).parentElement!;
    expect(within(aside).getByText(/does not use OAuth 2.0, so an OAuth client cannot use it/)).toBeTruthy();
    expect(within(aside).queryByText('Unavailable API')).toBeNull();
    expect(within(aside).getByText(/None yet/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(screen.getByRole('alert').textContent).toContain('Select at least one API.');
    expect(callsTo(fetch, 'POST', '/api/clients')).toHaveLength(0);
  });

  it('shows the limit message from the server', async () => {
    const { user } = renderApp('/oauth-clients/new?api=pay', {
      'GET /api/auth/me': me,
      'GET /api/catalogue': catalogue,
      'POST /api/clients': () =>
        apiError(
          409,
          'conflict',
          'Payments API allows at most 1 OAuth client per developer, and you already have 1.',
        ),
    });
    await screen.findByRole('list', { name: 'Selected APIs' });
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect((await screen.findByRole('alert')).textContent).toContain('at most 1 OAuth client per developer');
  });
});

describe('step "Application details"', () => {
  const routes = (extra = {}) => ({
    'GET /api/auth/me': me,
    'GET /api/catalogue': catalogue,
    'GET /api/clients/c1': () => json(200, client()),
    ...extra,
  });

  it('resumes a draft from the URL', async () => {
    renderApp('/oauth-clients/new?draft=c1', routes());
    expect(await screen.findByRole('heading', { level: 2, name: 'Application details' })).toBeTruthy();
    expect(screen.getByText(/APIs: Payments API/)).toBeTruthy();
    const current = screen
      .getByRole('list', { name: 'OAuth client setup' })
      .querySelector('[aria-current="step"]');
    expect(current?.textContent).toContain('Application details');
  });

  it('shows redirect URL errors inline as soon as a field is left, and clears them when fixed', async () => {
    const { user } = renderApp('/oauth-clients/new?draft=c1', routes());
    const first = await screen.findByLabelText('Redirect URL 1');
    await user.type(first, 'http://shop.example.com/cb');
    await user.tab();
    expect(screen.getByText(redirectUriMessages.insecureHttp)).toBeTruthy();
    expect(first.getAttribute('aria-invalid')).toBe('true');

    await user.clear(first);
    await user.type(first, 'https://shop.example.com/cb');
    expect(screen.queryByText(redirectUriMessages.insecureHttp)).toBeNull();
    expect(first.getAttribute('aria-invalid')).toBeNull();
  });

  it('adds and removes redirect URL fields, focusing the new one', async () => {
    const { user } = renderApp('/oauth-clients/new?draft=c1', routes());
    await user.type(await screen.findByLabelText('Redirect URL 1'), 'https://a.example.com/cb');
    await user.click(screen.getByRole('button', { name: 'Add redirect URL' }));
    const second = screen.getByLabelText('Redirect URL 2');
    expect(document.activeElement).toBe(second);
    await user.type(second, 'https://a.example.com/cb#x');
    await user.tab();
    expect(screen.getByText(redirectUriMessages.fragment)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Remove redirect URL 2' }));
    expect(screen.queryByLabelText('Redirect URL 2')).toBeNull();
    expect(screen.queryByText(redirectUriMessages.fragment)).toBeNull();
    expect(screen.queryByRole('button', { name: /Remove redirect URL/ })).toBeNull();
  });

  it('hides redirect URLs for a machine-to-machine service', async () => {
    const { user } = renderApp('/oauth-clients/new?draft=c1', routes());
    await user.click(await screen.findByLabelText(/Machine-to-machine service/));
    expect(screen.queryByLabelText('Redirect URL 1')).toBeNull();
    expect(screen.getByText(/need no redirect URL/)).toBeTruthy();
  });

  it('validates on Create and focuses the first invalid field', async () => {
    const { user, fetch } = renderApp('/oauth-clients/new?draft=c1', routes());
    await user.click(await screen.findByRole('button', { name: 'Create' }));
    expect(screen.getByText('Enter a name.')).toBeTruthy();
    expect(screen.getByText(redirectUriMessages.required)).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText(/^Name/));
    expect(callsTo(fetch, 'POST', '/api/clients/c1/complete')).toHaveLength(0);
  });

  it('puts the server’s per-URL errors next to the right field', async () => {
    const { user } = renderApp(
      '/oauth-clients/new?draft=c1',
      routes({
        'POST /api/clients/c1/complete': () =>
          apiError(409, 'conflict', 'You already have an OAuth client with this name.', [
            {
              field: 'name',
              message: 'You already have an OAuth client called "Shop". Choose another name.',
            },
            { field: 'redirectUris/1', message: 'Registered elsewhere.' },
          ]),
      }),
    );
    await user.type(await screen.findByLabelText(/^Name/), 'Shop');
    await user.type(screen.getByLabelText('Redirect URL 1'), 'https://a.example.com/cb');
    await user.click(screen.getByRole('button', { name: 'Add redirect URL' }));
    await user.type(screen.getByLabelText('Redirect URL 2'), 'https://b.example.com/cb');
    await user.click(screen.getByRole('button', { name: 'Create' }));

    expect(await screen.findByText(/called "Shop"/)).toBeTruthy();
    const second = screen.getByLabelText('Redirect URL 2');
    expect(second.getAttribute('aria-invalid')).toBe('true');
    expect(
      document.getElementById(second.getAttribute('aria-describedby')!.split(' ').at(-1)!)?.textContent,
    ).toBe('Registered elsewhere.');
    expect(document.activeElement).toBe(screen.getByLabelText(/^Name/));
  });

  /** A draft server: PATCH merges into the draft (or fails with `failWith`), GET returns it. */
  function draftServer(failWith?: () => Response) {
    let saved = client();
    return {
      get saved() {
        return saved;
      },
      routes: routes({
        'GET /api/clients/c1': () => json(200, saved),
        'PATCH /api/clients/c1': ({ body }: { body: unknown }) => {
          const patch = body as { catalogueEntryIds?: string[] } & Partial<typeof saved>;
          if (failWith && !patch.catalogueEntryIds) return failWith();
          const { catalogueEntryIds: _ids, ...fields } = patch;
          saved = { ...saved, ...fields };
          return json(200, saved);
        },
      }),
    };
  }

  async function typeDetails(user: ReturnType<typeof renderApp>['user']) {
    await user.type(await screen.findByLabelText(/^Name/), 'Shop');
    await user.type(screen.getByLabelText(/^Description/), 'Sells things');
    await user.click(screen.getByLabelText(/Single-page or native app/));
    await user.type(screen.getByLabelText('Redirect URL 1'), 'https://shop.example.com/cb');
    await user.click(screen.getByRole('button', { name: 'Add redirect URL' }));
    await user.type(screen.getByLabelText('Redirect URL 2'), 'not a url');
  }

  async function backThenContinue(user: ReturnType<typeof renderApp>['user']) {
    await user.click(screen.getByRole('button', { name: 'Back' }));
    await screen.findByRole('heading', { level: 2, name: 'Select APIs' });
    await user.click(await screen.findByRole('button', { name: 'Save and continue' }));
    await screen.findByRole('heading', { level: 2, name: 'Application details' });
  }

  const value = (label: RegExp | string) => (screen.getByLabelText(label) as HTMLInputElement).value;

  it('keeps what was typed after Back and Save and continue, even when the draft cannot save it', async () => {
    const server = draftServer(() => apiError(500, 'internal', 'Something went wrong.'));
    const { user } = renderApp('/oauth-clients/new?draft=c1', server.routes);
    await typeDetails(user);
    await backThenContinue(user);

    expect(value(/^Name/)).toBe('Shop');
    expect(value(/^Description/)).toBe('Sells things');
    expect((screen.getByLabelText(/Single-page or native app/) as HTMLInputElement).checked).toBe(true);
    expect(value('Redirect URL 1')).toBe('https://shop.example.com/cb');
    expect(value('Redirect URL 2')).toBe('not a url');
  });

  it('saves the typed details on the draft when going Back, so a reload resumes them', async () => {
    const server = draftServer();
    const first = renderApp('/oauth-clients/new?draft=c1', server.routes);
    await typeDetails(first.user);
    await first.user.click(screen.getByRole('button', { name: 'Back' }));
    await screen.findByRole('heading', { level: 2, name: 'Select APIs' });

    // Only what a draft accepts: the invalid URL stays out.
    await waitFor(() => expect(callsTo(first.fetch, 'PATCH', '/api/clients/c1')).toHaveLength(1));
    const [, init] = callsTo(first.fetch, 'PATCH', '/api/clients/c1')[0]!;
    expect(JSON.parse(String(init?.body))).toEqual({
      name: 'Shop',
      description: 'Sells things',
      appType: 'spa_native',
      redirectUris: ['https://shop.example.com/cb'],
    });
    first.unmount();

    // Another tab (nothing kept in this one): a fresh app, reading the draft from the server.
    sessionStorage.clear();
    renderApp('/oauth-clients/new?draft=c1', server.routes);
    await screen.findByLabelText(/^Name/);
    expect(value(/^Name/)).toBe('Shop');
    expect(value(/^Description/)).toBe('Sells things');
    expect((screen.getByLabelText(/Single-page or native app/) as HTMLInputElement).checked).toBe(true);
    expect(value('Redirect URL 1')).toBe('https://shop.example.com/cb');
    expect(screen.queryByLabelText('Redirect URL 2')).toBeNull();
  });

  it('keeps everything typed across a reload of the details step, without going Back', async () => {
    const server = draftServer();
    const first = renderApp('/oauth-clients/new?draft=c1', server.routes);
    await typeDetails(first.user);
    first.unmount();

    // A reload: a fresh app in the same tab.
    const again = renderApp('/oauth-clients/new?draft=c1', server.routes);
    await screen.findByLabelText(/^Name/);
    expect(value(/^Name/)).toBe('Shop');
    expect(value(/^Description/)).toBe('Sells things');
    expect((screen.getByLabelText(/Single-page or native app/) as HTMLInputElement).checked).toBe(true);
    expect(value('Redirect URL 1')).toBe('https://shop.example.com/cb');
    expect(value('Redirect URL 2')).toBe('not a url');
    // Nothing was saved on the draft: it stays in this tab until the client is created.
    expect(callsTo(again.fetch, 'PATCH', '/api/clients/c1')).toHaveLength(0);
  });

  it('ignores unreadable details kept in the tab', async () => {
    sessionStorage.setItem('portico.wizard.details', '{"draftId":"c1","form":{"name":3}}');
    renderApp('/oauth-clients/new?draft=c1', draftServer().routes);
    await screen.findByLabelText(/^Name/);
    expect(value(/^Name/)).toBe('');
  });

  it('moves focus to the alert when Create fails for a reason no field explains', async () => {
    const { user } = renderApp(
      '/oauth-clients/new?draft=c1',
      routes({
        'POST /api/clients/c1/complete': () =>
          apiError(409, 'conflict', 'You have reached the limit of 100 OAuth clients.'),
      }),
    );
    await user.type(await screen.findByLabelText(/^Name/), 'Shop');
    await user.type(screen.getByLabelText('Redirect URL 1'), 'https://shop.example.com/cb');
    await user.click(screen.getByRole('button', { name: 'Create' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('You have reached the limit of 100 OAuth clients.');
    await waitFor(() => expect(document.activeElement).toBe(alert));
  });

  it('disables an app type whose flow a selected API does not allow', async () => {
    const reports = entry('pay', 'Payments API', {
      api: { ...payments.api, grantTypes: ['client_credentials'] },
    });
    renderApp(
      '/oauth-clients/new?draft=c1',
      routes({ 'GET /api/catalogue': () => json(200, { items: [reports], total: 1 }) }),
    );
    const web = await screen.findByLabelText(/Web application/);
    await waitFor(() => expect((web as HTMLInputElement).disabled).toBe(true));
    const service = screen.getByLabelText(/Machine-to-machine service/) as HTMLInputElement;
    expect(service.disabled).toBe(false);
    // The default moves to the first type the API allows, rather than staying on a disabled one.
    expect((web as HTMLInputElement).checked).toBe(false);
    expect(service.checked).toBe(true);
    expect(screen.queryByLabelText('Redirect URL 1')).toBeNull();
  });
});

describe('credentials', () => {
  /** Draft c1's details filled in as "Shop" with one redirect URL; Create answers with a secret. */
  async function fillShopDetails() {
    const created = client({ name: 'Shop', status: 'active', redirectUris: ['https://shop.example.com/cb'] });
    const view = renderApp('/oauth-clients/new?draft=c1', {
      'GET /api/auth/me': me,
      'GET /api/catalogue': catalogue,
      'GET /api/clients/c1': () => json(200, client()),
      'POST /api/clients/c1/complete': () =>
        json(200, { client: created, clientId: created.clientId, clientSecret: 'pcs_secret' }),
    });
    await view.user.type(await screen.findByLabelText(/^Name/), 'Shop');
    await view.user.type(screen.getByLabelText('Redirect URL 1'), 'https://shop.example.com/cb');
    return view;
  }

  it('shows the credentials once, with copy buttons and endpoints, and requires acknowledging the secret', async () => {
    const created = client({ name: 'Shop', status: 'active', redirectUris: ['https://shop.example.com/cb'] });
    let completed = false;
    const { user, location } = renderApp('/oauth-clients/new?draft=c1', {
      'GET /api/auth/me': me,
      'GET /api/catalogue': catalogue,
      'GET /api/clients': () => json(200, { items: [] }),
      'GET /api/clients/c1': () => json(200, completed ? created : client()),
      'POST /api/clients/c1/complete': () => {
        completed = true;
        return json(200, {
          client: created,
          clientId: created.clientId,
          clientSecret: 'pcs_the_secret_value',
        });
      },
    });
    await user.type(await screen.findByLabelText(/^Name/), 'Shop');
    await user.type(screen.getByLabelText('Redirect URL 1'), 'https://shop.example.com/cb');
    await user.click(screen.getByRole('button', { name: 'Create' }));

    const heading = await screen.findByRole('heading', { level: 2, name: 'Credentials' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByText('pc_test_client_id')).toBeTruthy();
    expect(screen.getByText('pcs_the_secret_value')).toBeTruthy();
    expect(screen.getByText(/you will not be able to see it again/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy client ID' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy client secret' })).toBeTruthy();
    expect(screen.getByText(`${window.location.origin}/oauth/token`)).toBeTruthy();
    expect(screen.getByText(`${window.location.origin}/oauth/revoke`)).toBeTruthy();

    // A real PKCE example: the authorize URL carries an S256 challenge of the verifier shown.
    const authorize = await screen.findByText(/code_challenge_method=S256/);
    const url = new URL(authorize.textContent ?? '');
    expect(url.searchParams.get('redirect_uri')).toBe('https://shop.example.com/cb');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const done = screen.getByRole('button', { name: 'Continue to the client' });
    expect((done as HTMLButtonElement).disabled).toBe(true);

    // Leaving through a link asks first.
    await user.click(screen.getByRole('link', { name: 'OAuth Clients' }));
    expect(await screen.findByRole('dialog', { name: 'Leave without the client secret?' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Stay' }));
    expect(location.href).toBe('/oauth-clients/new?draft=c1');

    await user.click(screen.getByLabelText('I have copied the client secret and stored it safely'));
    await user.click(done);
    await waitFor(() => expect(location.href).toBe('/oauth-clients/c1'));
  });

  it('leaves the wizard with one Back once finished, after Back and Save and continue inside it', async () => {
    const created = client({ name: 'Shop', status: 'active', redirectUris: ['https://shop.example.com/cb'] });
    let completed = false;
    const { user, location } = renderApp(['/oauth-clients', '/oauth-clients/new?api=pay'], {
      'GET /api/auth/me': me,
      'GET /api/catalogue': catalogue,
      'GET /api/clients': () => json(200, { items: [] }),
      'POST /api/clients': () => json(201, client()),
      'PATCH /api/clients/c1': () => json(200, client()),
      'GET /api/clients/c1': () => json(200, completed ? created : client()),
      'GET /api/clients/c1/secrets': () => json(200, { items: [] }),
      'GET /api/clients/c1/tokens/summary': () => json(200, { active: 0, accessTokens: 0, refreshTokens: 0 }),
      'POST /api/clients/c1/complete': () => {
        completed = true;
        return json(200, { client: created, clientId: created.clientId, clientSecret: 'pcs_secret' });
      },
    });
    await screen.findByRole('list', { name: 'Selected APIs' });
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    await user.click(await screen.findByRole('button', { name: 'Back' }));
    await user.click(await screen.findByRole('button', { name: 'Save and continue' }));
    await user.type(await screen.findByLabelText(/^Name/), 'Shop');
    await user.type(screen.getByLabelText('Redirect URL 1'), 'https://shop.example.com/cb');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    await user.click(await screen.findByLabelText('I have copied the client secret and stored it safely'));
    await user.click(screen.getByRole('button', { name: 'Continue to the client' }));
    await waitFor(() => expect(location.href).toBe('/oauth-clients/c1'));

    // The browser's Back: straight to where the wizard was opened from, not to a wizard URL that
    // redirects back to the client.
    act(() => {
      location.navigate(-1);
    });
    await waitFor(() => expect(location.href).toBe('/oauth-clients'));
    expect(await screen.findByRole('heading', { level: 1, name: 'OAuth Clients' })).toBeTruthy();
  });

  it('takes its extra history entry away once the secret is acknowledged', async () => {
    const { user } = await fillShopDetails();
    const push = vi.spyOn(window.history, 'pushState');
    const back = vi.spyOn(window.history, 'back');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    const acknowledge = await screen.findByLabelText('I have copied the client secret and stored it safely');
    // Guarded: one entry more, so the browser's Back asks first.
    expect(push).toHaveBeenCalledTimes(1);
    expect(back).not.toHaveBeenCalled();

    await user.click(acknowledge);
    await waitFor(() => expect(back).toHaveBeenCalledTimes(1));
    // Unticking guards again, with a new entry.
    await user.click(acknowledge);
    await waitFor(() => expect(push).toHaveBeenCalledTimes(2));
    push.mockRestore();
    back.mockRestore();
  });

  it('keeps the secret out of the mutation cache, and the mutation cache empty after logout', async () => {
    const created = client({ name: 'Shop', status: 'active', redirectUris: ['https://shop.example.com/cb'] });
    let completed = false;
    const { user, location, queryClient } = renderApp('/oauth-clients/new?draft=c1', {
      'GET /api/auth/me': me,
      'GET /api/catalogue': catalogue,
      'GET /api/clients': () => json(200, { items: [] }),
      'GET /api/clients/c1': () => json(200, completed ? created : client()),
      'GET /api/clients/c1/secrets': () => json(200, { items: [] }),
      'GET /api/clients/c1/tokens/summary': () => json(200, { active: 0, accessTokens: 0, refreshTokens: 0 }),
      'POST /api/clients/c1/complete': () => {
        completed = true;
        return json(200, {
          client: created,
          clientId: created.clientId,
          clientSecret: 'pcs_the_secret_value',
        });
      },
      'POST /api/auth/logout': () => new Response(null, { status: 204 }),
    });
    await user.type(await screen.findByLabelText(/^Name/), 'Shop');
    await user.type(screen.getByLabelText('Redirect URL 1'), 'https://shop.example.com/cb');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('pcs_the_secret_value')).toBeTruthy();
    await waitFor(() => expect(mutationCacheText(queryClient)).not.toContain('pcs_the_secret_value'));

    await user.click(screen.getByLabelText('I have copied the client secret and stored it safely'));
    await user.click(screen.getByRole('button', { name: 'Continue to the client' }));
    await waitFor(() => expect(location.href).toBe('/oauth-clients/c1'));
    await user.click(screen.getByRole('button', { name: /Ada Lovelace/ }));
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await waitFor(() => expect(location.href).toBe('/'));
    expect(queryClient.getMutationCache().getAll()).toEqual([]);
  });

  it('says why there is no PKCE example where the browser has no Web Crypto (plain HTTP)', async () => {
    const webCrypto = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: webCrypto.getRandomValues.bind(webCrypto) });
    try {
      const { user } = await fillShopDetails();
      await user.click(screen.getByRole('button', { name: 'Create' }));
      expect(await screen.findByText(/Open the portal over HTTPS to get a ready-made example/)).toBeTruthy();
      expect(screen.queryByText(/Preparing an example/)).toBeNull();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('gives a client-credentials example for a machine-to-machine service', async () => {
    const created = client({
      name: 'Job',
      status: 'active',
      appType: 'service',
      grantTypes: ['client_credentials'],
    });
    const { user } = renderApp('/oauth-clients/new?draft=c1', {
      'GET /api/auth/me': me,
      'GET /api/catalogue': catalogue,
      'GET /api/clients': () => json(200, { items: [] }),
      'GET /api/clients/c1': () => json(200, client()),
      'POST /api/clients/c1/complete': () =>
        json(200, { client: created, clientId: created.clientId, clientSecret: 'pcs_job_secret' }),
    });
    await user.type(await screen.findByLabelText(/^Name/), 'Job');
    await user.click(screen.getByLabelText(/Machine-to-machine service/));
    await user.click(screen.getByRole('button', { name: 'Create' }));
    const curl = await screen.findByText(/grant_type=client_credentials/);
    expect(curl.textContent).toContain(`-u 'pc_test_client_id:pcs_job_secret'`);
    expect(curl.textContent).toContain(`${window.location.origin}/oauth/token`);
  });
});
