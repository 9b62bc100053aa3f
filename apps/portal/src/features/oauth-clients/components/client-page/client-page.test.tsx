import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  apiError,
  callsTo,
  json,
  type MockRoutes,
  makeSession,
  mutationCacheText,
  renderApp,
} from '@/testing/render-app';
import { client, orders, payments } from '../../testing/fixtures';

const active = client({ name: 'Shop', status: 'active', redirectUris: ['https://shop.example.com/cb'] });
const secret = (id: string, status: 'active' | 'expired' | 'revoked', expiresAt: string | null = null) => ({
  id,
  prefix: `pcs_${id}`,
  status,
  createdAt: '2025-03-01T10:00:00.000Z',
  expiresAt,
  lastUsedAt: null,
  revokedAt: status === 'revoked' ? '2025-03-02T10:00:00.000Z' : null,
});

function routes(extra: MockRoutes = {}) {
  return {
    'GET /api/auth/me': () => json(200, makeSession()),
    'GET /api/clients': () => json(200, { items: [] }),
    'GET /api/clients/c1': () => json(200, active),
    'GET /api/clients/c1/secrets': () => json(200, { items: [secret('one', 'active')] }),
    'GET /api/clients/c1/tokens/summary': () => json(200, { active: 3, accessTokens: 2, refreshTokens: 1 }),
    'GET /api/catalogue': () => json(200, { items: [payments, orders], total: 2 }),
    ...extra,
  };
}

describe('client page', () => {
  it('shows the overview, the APIs with their limits and the token count', async () => {
    renderApp('/oauth-clients/c1', routes());
    expect(await screen.findByRole('heading', { level: 1, name: 'Shop' })).toBeTruthy();
    const overview = screen.getByRole('region', { name: 'Overview' });
    expect(within(overview).getByText('pc_test_client_id')).toBeTruthy();
    expect(within(overview).getByText('Active')).toBeTruthy();
    expect(within(overview).getByText(/Web application/)).toBeTruthy();
    const apis = screen.getByRole('region', { name: 'APIs' });
    expect(within(apis).getByText('100 requests per minute')).toBeTruthy();
    expect(within(apis).getByText('10,000 requests per day')).toBeTruthy();
    const tokens = screen.getByRole('region', { name: 'Tokens' });
    expect((await within(tokens).findByText('3')).tagName).toBe('STRONG');
    expect(within(tokens).getByRole('button', { name: 'Revoke all tokens' })).toBeTruthy();
  });

  it('sends a draft back to the wizard', async () => {
    const { location } = renderApp(
      '/oauth-clients/c1',
      routes({ 'GET /api/clients/c1': () => json(200, client()) }),
    );
    await waitFor(() => expect(location.href).toBe('/oauth-clients/new?draft=c1'));
  });

  it('says when the client is not there (or not yours)', async () => {
    renderApp(
      '/oauth-clients/c1',
      routes({ 'GET /api/clients/c1': () => apiError(404, 'not_found', 'OAuth client not found.') }),
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'OAuth client not found' })).toBeTruthy();
  });

  it('rotates the secret with the chosen grace period and shows the new one until acknowledged', async () => {
    let rotated = false;
    const { user, fetch, queryClient } = renderApp(
      '/oauth-clients/c1',
      routes({
        'GET /api/clients/c1/secrets': () =>
          json(200, {
            items: rotated
              ? [secret('two', 'active'), secret('one', 'active', '2025-03-01T11:00:00.000Z')]
              : [secret('one', 'active')],
          }),
        'POST /api/clients/c1/secrets/rotate': () => {
          rotated = true;
          return json(201, { secret: secret('two', 'active'), clientSecret: 'pcs_brand_new', secrets: [] });
        },
      }),
    );
    const secrets = await screen.findByRole('region', { name: 'Client secrets' });
    await within(secrets).findByText('pcs_one…');
    await user.selectOptions(within(secrets).getByLabelText('Keep the current secret working'), '1 hour');
    await user.click(within(secrets).getByRole('button', { name: 'Rotate secret' }));

    const dialog = await screen.findByRole('dialog', { name: 'New client secret' });
    expect(within(dialog).getByText('pcs_brand_new')).toBeTruthy();
    // Shown from the dialog's state only: React Query's mutation cache does not keep a copy.
    await waitFor(() => expect(mutationCacheText(queryClient)).not.toContain('pcs_brand_new'));
    expect(within(dialog).getByText(/You will not be able to see it again/)).toBeTruthy();
    const done = within(dialog).getByRole('button', { name: 'Done' }) as HTMLButtonElement;
    expect(done.disabled).toBe(true);
    // Chrome and Firefox force-close a modal dialog on a second Escape: it stays until acknowledged.
    act(() => (dialog as HTMLDialogElement).close());
    expect((dialog as HTMLDialogElement).open).toBe(true);
    expect(within(dialog).getByText('pcs_brand_new')).toBeTruthy();
    await user.click(within(dialog).getByLabelText('I have copied the new secret and stored it safely'));
    await user.click(done);
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'New client secret' })).toBeNull());

    const [, init] = callsTo(fetch, 'POST', '/api/clients/c1/secrets/rotate')[0]!;
    expect(JSON.parse(String(init?.body))).toEqual({ gracePeriod: '1h' });
    // Two active secrets: the older can be revoked early, and a rotation now can only replace both.
    expect(await within(secrets).findByRole('button', { name: 'Revoke secret pcs_one' })).toBeTruthy();
    const keep = within(secrets).getByLabelText('Keep the current secret working') as HTMLSelectElement;
    expect([...keep.options].map((option) => option.textContent)).toEqual(['Immediately']);
    expect(within(secrets).getByText(/rotating now replaces both at once/)).toBeTruthy();
    await user.click(within(secrets).getByRole('button', { name: 'Rotate secret' }));
    const again = await screen.findByRole('dialog', { name: 'New client secret' });
    expect(within(again).getByText(/The previous secrets stopped working at once/)).toBeTruthy();
    const [, second] = callsTo(fetch, 'POST', '/api/clients/c1/secrets/rotate')[1]!;
    expect(JSON.parse(String(second?.body))).toEqual({ gracePeriod: 'immediately' });
  });

  it('says why the new-secret dialog stays open on Escape or × until the box is ticked', async () => {
    const { user } = renderApp(
      '/oauth-clients/c1',
      routes({
        'POST /api/clients/c1/secrets/rotate': () =>
          json(201, { secret: secret('two', 'active'), clientSecret: 'pcs_brand_new', secrets: [] }),
      }),
    );
    const secrets = await screen.findByRole('region', { name: 'Client secrets' });
    await within(secrets).findByText('pcs_one…');
    await user.click(within(secrets).getByRole('button', { name: 'Rotate secret' }));
    const dialog = await screen.findByRole('dialog', { name: 'New client secret' });
    const hint = /Tick the box above to close/;
    expect(within(dialog).queryByText(hint)).toBeNull();

    await user.click(within(dialog).getByRole('button', { name: 'Close dialog' }));
    expect((dialog as HTMLDialogElement).open).toBe(true);
    const status = within(dialog).getByText(hint);
    expect(status.getAttribute('role')).toBe('status');

    await user.click(within(dialog).getByLabelText('I have copied the new secret and stored it safely'));
    expect(within(dialog).queryByText(hint)).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Close dialog' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'New client secret' })).toBeNull());
  });

  it('says in text, tied to the disabled Remove button, why the only API cannot be removed', async () => {
    renderApp('/oauth-clients/c1', routes());
    const apis = await screen.findByRole('region', { name: 'APIs' });
    const remove = within(apis).getByRole('button', { name: 'Remove Payments API' }) as HTMLButtonElement;
    expect(remove.disabled).toBe(true);
    const note = document.getElementById(remove.getAttribute('aria-describedby') ?? '');
    expect(note?.textContent).toMatch(/A client needs at least one API/);
    expect(within(apis).getByText(/delete the client instead/)).toBe(note);
  });

  it('keeps keyboard focus in the section after revoking one of two secrets', async () => {
    let revoked = false;
    const { user } = renderApp(
      '/oauth-clients/c1',
      routes({
        'GET /api/clients/c1/secrets': () =>
          json(200, {
            items: revoked
              ? [secret('two', 'active'), secret('one', 'revoked')]
              : [secret('two', 'active'), secret('one', 'active', '2099-03-01T11:00:00.000Z')],
          }),
        'DELETE /api/clients/c1/secrets/one': () => {
          revoked = true;
          return json(200, secret('one', 'revoked'));
        },
      }),
    );
    const secrets = await screen.findByRole('region', { name: 'Client secrets' });
    await user.click(await within(secrets).findByRole('button', { name: 'Revoke secret pcs_one' }));
    const dialog = await screen.findByRole('dialog', { name: /Revoke secret pcs_one/ });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke secret' }));

    await waitFor(() => expect(within(secrets).queryByRole('button', { name: /^Revoke secret/ })).toBeNull());
    await waitFor(() =>
      expect(document.activeElement).toBe(within(secrets).getByRole('heading', { name: 'Client secrets' })),
    );
  });

  it('tells the current secret from the old one, and warns before revoking the current one', async () => {
    const conflict =
      'This is the current secret: the client would stop working when the other one expires. Revoke the expiring secret instead, or rotate with "Immediately" to replace both.';
    const { user, fetch } = renderApp(
      '/oauth-clients/c1',
      routes({
        'GET /api/clients/c1/secrets': () =>
          json(200, {
            items: [secret('two', 'active'), secret('one', 'active', '2099-03-01T11:00:00.000Z')],
          }),
        'DELETE /api/clients/c1/secrets/two': () => apiError(409, 'conflict', conflict),
      }),
    );
    const secrets = await screen.findByRole('region', { name: 'Client secrets' });
    const table = await within(secrets).findByRole('table', { name: 'Client secrets' });
    const [, current, old] = within(table).getAllByRole('row');
    expect(within(current!).getByText('pcs_two…')).toBeTruthy();
    expect(within(current!).getByText('Current')).toBeTruthy();
    expect(within(old!).getByText(/^Old — expires .*2099/)).toBeTruthy();

    // Revoking the old secret leaves the current one: no warning.
    await user.click(within(old!).getByRole('button', { name: 'Revoke secret pcs_one' }));
    let dialog = await screen.findByRole('dialog', { name: /Revoke secret pcs_one/ });
    expect(within(dialog).queryByText('The client would stop authenticating')).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    // Revoking the current one would leave only the expiring one: say so, then show the API's refusal.
    await user.click(within(current!).getByRole('button', { name: 'Revoke secret pcs_two' }));
    dialog = await screen.findByRole('dialog', { name: /Revoke secret pcs_two/ });
    expect(within(dialog).getByText('The client would stop authenticating')).toBeTruthy();
    expect(dialog.textContent).toMatch(/The only secret left expires on .*2099/);
    await user.click(within(dialog).getByRole('button', { name: 'Revoke secret' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(conflict);
    expect((dialog as HTMLDialogElement).open).toBe(true);
    expect(callsTo(fetch, 'DELETE', '/api/clients/c1/secrets/two')).toHaveLength(1);
  });

  it('deletes only after the name is typed, saying every token will be revoked', async () => {
    const { user, fetch, location } = renderApp(
      '/oauth-clients/c1',
      routes({ 'DELETE /api/clients/c1': () => json(200, { deleted: true, revokedTokens: 3 }) }),
    );
    const section = await screen.findByRole('region', { name: 'Delete this client' });
    await user.click(within(section).getByRole('button', { name: 'Delete client' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Shop?' });
    expect(dialog.textContent).toContain(
      'Every access and refresh token of this client will be revoked at once',
    );
    const confirm = within(dialog).getByRole('button', { name: 'Delete client' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    await user.type(within(dialog).getByLabelText(/Type the client name/), 'shop');
    expect(confirm.disabled).toBe(true);
    await user.clear(within(dialog).getByLabelText(/Type the client name/));
    await user.type(within(dialog).getByLabelText(/Type the client name/), 'Shop');
    await user.click(confirm);

    await waitFor(() => expect(location.href).toBe('/oauth-clients'));
    expect(await screen.findByText('Shop deleted')).toBeTruthy();
    const [, init] = callsTo(fetch, 'DELETE', '/api/clients/c1')[0]!;
    expect(JSON.parse(String(init?.body))).toEqual({ confirmName: 'Shop' });
  });

  it('sends one DELETE when Enter is pressed twice in the confirm field', async () => {
    let release = () => {};
    const { user, fetch, location } = renderApp(
      '/oauth-clients/c1',
      routes({
        // A second request would find the client gone and answer 404.
        'DELETE /api/clients/c1': () =>
          callsTo(fetch, 'DELETE', '/api/clients/c1').length > 1
            ? apiError(404, 'not_found', 'OAuth client not found')
            : new Promise<Response>((resolve) => {
                release = () => resolve(json(200, { deleted: true, revokedTokens: 0 }));
              }),
      }),
    );
    const section = await screen.findByRole('region', { name: 'Delete this client' });
    await user.click(within(section).getByRole('button', { name: 'Delete client' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Shop?' });
    await user.type(within(dialog).getByLabelText(/Type the client name/), 'Shop');
    await user.keyboard('{Enter}{Enter}');
    await user.keyboard('{Enter}');
    expect(callsTo(fetch, 'DELETE', '/api/clients/c1')).toHaveLength(1);

    release();
    await waitFor(() => expect(location.href).toBe('/oauth-clients'));
    expect(await screen.findByText('Shop deleted')).toBeTruthy();
    expect(screen.queryByText('The client could not be deleted')).toBeNull();
    expect(callsTo(fetch, 'DELETE', '/api/clients/c1')).toHaveLength(1);
  });

  it('saves edited details and shows server errors next to the redirect URL', async () => {
    let attempts = 0;
    const { user } = renderApp(
      '/oauth-clients/c1',
      routes({
        'PATCH /api/clients/c1': () => {
          attempts += 1;
          return attempts === 1
            ? apiError(400, 'validation_failed', 'Check the highlighted fields.', [
                {
                  field: 'redirectUris/1',
                  message: 'Use https: http is only allowed for 127.0.0.1, [::1] and localhost.',
                },
              ])
            : json(200, { ...active, name: 'Shop 2' });
        },
      }),
    );
    const details = await screen.findByRole('region', { name: 'Details and redirect URLs' });
    await user.click(within(details).getByRole('button', { name: 'Add redirect URL' }));
    await user.type(within(details).getByLabelText('Redirect URL 2'), 'https://two.example.com/cb');
    await user.click(within(details).getByRole('button', { name: 'Save changes' }));
    const second = within(details).getByLabelText('Redirect URL 2');
    await waitFor(() => expect(second.getAttribute('aria-invalid')).toBe('true'));

    await user.clear(within(details).getByLabelText(/^Name/));
    await user.type(within(details).getByLabelText(/^Name/), 'Shop 2');
    await user.click(within(details).getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Changes saved')).toBeTruthy();
  });
});
