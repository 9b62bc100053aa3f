import type { ClientTokenList } from '@portico/contracts';
import { createPorticoClient } from '@portico/sdk';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppProvider, createAppQueryClient } from '@/app/provider';
import { callsTo, json, type MockRoutes, mockFetch } from '@/testing/render-app';
import { ClientTokensPanel } from './client-tokens-panel';

const LIST = '/api/clients/c1/tokens';

const tokens: ClientTokenList = {
  items: [
    {
      id: 'jti-1',
      type: 'access_token',
      subject: { kind: 'user', id: 'u-9', label: 'Erin End-User' },
      scopes: ['payments:read', 'payments:write'],
      issuedAt: '2025-05-01T10:00:00.000Z',
      expiresAt: '2025-05-01T11:00:00.000Z',
    },
    {
      id: 'rt-1',
      type: 'refresh_token',
      subject: { kind: 'user', id: 'u-9', label: 'Erin End-User' },
      scopes: ['payments:read'],
      issuedAt: '2025-05-01T09:59:00.000Z',
      expiresAt: '2025-05-31T10:00:00.000Z',
    },
    {
      id: 'jti-2',
      type: 'access_token',
      subject: { kind: 'client', id: 'pc_svc', label: 'Billing job' },
      scopes: [],
      issuedAt: '2025-05-01T09:00:00.000Z',
      expiresAt: '2025-05-01T10:00:00.000Z',
    },
  ],
  total: 3,
};

function renderPanel(routes: MockRoutes) {
  const fetch = mockFetch(routes);
  const user = userEvent.setup();
  render(
    <AppProvider client={createPorticoClient({ fetch })} queryClient={createAppQueryClient()}>
      <ClientTokensPanel clientId="c1" />
    </AppProvider>,
  );
  return { fetch, user };
}

describe('client tokens panel', () => {
  it('lists type, subject, scopes, issued and expires per token', async () => {
    renderPanel({ [`GET ${LIST}`]: () => json(200, tokens) });
    const table = await screen.findByRole('table', { name: 'Active tokens' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(within(rows[0]!).getByRole('rowheader').textContent).toBe('Access token');
    expect(rows[0]!.textContent).toContain('Erin End-User (user)');
    expect(within(rows[0]!).getByText('payments:write')).toBeTruthy();
    expect(within(rows[1]!).getByRole('rowheader').textContent).toBe('Refresh token');
    expect(rows[2]!.textContent).toContain('Billing job (this client)');
    expect(within(rows[2]!).getByText('none')).toBeTruthy();
    expect(within(table).getAllByRole('button', { name: /^Revoke / })).toHaveLength(3);
  });

  it('names every Revoke button apart, also for tokens issued in the same minute or second', async () => {
    const base = tokens.items[2]!;
    const batch: ClientTokenList = {
      items: [
        { ...base, id: 'a1b2c3d4e5f6', issuedAt: '2025-05-01T09:00:05.000Z' },
        { ...base, id: 'f6e5d4c3b2a1', issuedAt: '2025-05-01T09:00:40.000Z' },
        { ...base, id: '0123456789ab', issuedAt: '2025-05-01T09:00:40.000Z' },
      ],
      total: 3,
    };
    renderPanel({ [`GET ${LIST}`]: () => json(200, batch) });
    const table = await screen.findByRole('table', { name: 'Active tokens' });
    const names = within(table)
      .getAllByRole('button', { name: /^Revoke access token issued / })
      .map((button) => button.getAttribute('aria-label'));
    expect(names).toHaveLength(3);
    expect(new Set(names).size).toBe(3);
    expect(names[2]).toMatch(/for Billing job \(ID ending 6789ab\)$/);
  });

  it('revokes one token after confirmation and reloads the list', async () => {
    let list = tokens;
    const { user, fetch } = renderPanel({
      [`GET ${LIST}`]: () => json(200, list),
      [`DELETE ${LIST}/rt-1`]: () => {
        list = { items: tokens.items.filter((t) => t.id !== 'rt-1'), total: 2 };
        return new Response(null, { status: 204 });
      },
    });
    const table = await screen.findByRole('table', { name: 'Active tokens' });
    await user.click(within(table).getByRole('button', { name: /^Revoke refresh token/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke this refresh token?' });
    expect(dialog.textContent).toContain('every access token issued with it');
    await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));

    expect(await screen.findByText('The refresh token was revoked')).toBeTruthy();
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(3));
    expect(callsTo(fetch, 'DELETE', `${LIST}/rt-1`)).toHaveLength(1);
  });

  it('keeps keyboard focus in the list after a revoke, even of the last token', async () => {
    let list: ClientTokenList = { items: [tokens.items[0]!], total: 1 };
    const { user } = renderPanel({
      [`GET ${LIST}`]: () => json(200, list),
      [`DELETE ${LIST}/jti-1`]: () => {
        list = { items: [], total: 0 };
        return new Response(null, { status: 204 });
      },
    });
    const table = await screen.findByRole('table', { name: 'Active tokens' });
    await user.click(within(table).getByRole('button', { name: /^Revoke access token/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke this access token?' });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));

    const empty = await screen.findByText('This client has no active tokens.');
    await waitFor(() => expect(document.activeElement).toBe(empty.closest('.client-tokens')));
    expect(document.activeElement).not.toBe(document.body);
  });

  it('says when there are no active tokens', async () => {
    renderPanel({ [`GET ${LIST}`]: () => json(200, { items: [], total: 0 }) });
    expect(await screen.findByText('This client has no active tokens.')).toBeTruthy();
  });

  it('names a truncated list', async () => {
    renderPanel({ [`GET ${LIST}`]: () => json(200, { ...tokens, total: 250 }) });
    expect(
      await screen.findByRole('table', { name: 'Active tokens (the 3 most recent of 250)' }),
    ).toBeTruthy();
  });
});
