import type { AdminApi, ApiInput } from '@portico/contracts';
import { PorticoApiError } from '@portico/sdk';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiForm } from './api-form';

function setup(onSubmit = vi.fn(async (_body: ApiInput) => undefined), api?: AdminApi) {
  const user = userEvent.setup();
  render(<ApiForm api={api} submitLabel="Create API" onSubmit={onSubmit} />);
  return { user, onSubmit };
}

const field = (name: string) => screen.getByRole('textbox', { name: new RegExp(`^${name}`) });
const errorOf = (input: HTMLElement) => {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ');
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
};

describe('ApiForm', () => {
  it('validates with the contracts schema on submit and focuses the first invalid field', async () => {
    const { user, onSubmit } = setup();
    await user.click(screen.getByRole('button', { name: 'Create API' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(field('Name').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field('Name'));
    expect(errorOf(field('Upstream URL'))).toMatch(/required|http/i);
  });

  it('suggests slug and listen path from the name and shows where the gateway serves it', async () => {
    const { user } = setup();
    await user.type(field('Name'), 'Payments API');
    expect(field('Slug')).toHaveProperty('value', 'payments-api');
    expect(field('Listen path')).toHaveProperty('value', '/payments-api/');
    expect(screen.getByText('/gw/payments-api/')).toBeTruthy();
  });

  it('applies the cross-field rules: upstream scheme, listen path, grant types, scope names', async () => {
    const { user, onSubmit } = setup();
    await user.type(field('Name'), 'Payments');
    await user.clear(field('Listen path'));
    await user.type(field('Listen path'), '/a/../b');
    await user.type(field('Upstream URL'), 'ftp://files.example');
    await user.click(screen.getByRole('checkbox', { name: 'Authorization code' }));
    await user.click(screen.getByRole('button', { name: 'Add scope' }));
    // Focus moves to the new scope's name field.
    expect(document.activeElement).toBe(field('Scope 1 name'));
    await user.keyboard('Payments:Read');
    await user.click(screen.getByRole('button', { name: 'Create API' }));

    expect(onSubmit).not.toHaveBeenCalled();
    expect(errorOf(field('Listen path'))).toMatch(/must not contain \. or \.\. segments/i);
    expect(errorOf(field('Upstream URL'))).toMatch(/http/);
    expect(screen.getByText('Refresh_token needs authorization_code')).toBeTruthy();
    expect(errorOf(field('Scope 1 name'))).toContain('Start with a lower-case letter');
  });

  it('submits a clean body: trimmed, numbers as numbers, grant types in canonical order', async () => {
    const { user, onSubmit } = setup();
    await user.type(field('Name'), ' Orders ');
    await user.type(field('Upstream URL'), 'https://orders.internal.example');
    await user.click(screen.getByRole('checkbox', { name: 'Client credentials' }));
    await user.click(screen.getByRole('button', { name: 'Add scope' }));
    await user.keyboard('orders:read');
    await user.type(field('Scope 1 description'), 'Read orders');
    await user.clear(field('Access token lifetime'));
    await user.type(field('Access token lifetime'), '900');
    await user.click(screen.getByRole('button', { name: 'Create API' }));

    expect(onSubmit).toHaveBeenCalledWith({
      name: 'Orders',
      slug: 'orders',
      listenPath: '/orders/',
      upstreamUrl: 'https://orders.internal.example',
      authMode: 'oauth2',
      active: true,
      grantTypes: ['authorization_code', 'client_credentials', 'refresh_token'],
      scopes: [{ name: 'orders:read', description: 'Read orders' }],
      accessTokenTtl: 900,
      refreshTokenTtl: 2_592_000,
    });
  });

  it('drops the OAuth settings for a keyless API', async () => {
    const { user, onSubmit } = setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Authentication' }), 'keyless');
    expect(screen.queryByRole('group', { name: 'Grant types' })).toBeNull();
    await user.type(field('Name'), 'Status');
    await user.type(field('Upstream URL'), 'http://status.internal:8080');
    await user.click(screen.getByRole('button', { name: 'Create API' }));
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ authMode: 'keyless', grantTypes: [], scopes: [] }),
    );
  });

  it('shows the server’s conflict next to the field it names', async () => {
    const onSubmit = vi.fn(async () => {
      throw new PorticoApiError(409, 'conflict', 'Another API already uses this slug or listen path.', [
        { field: 'slug', message: '"orders" is already used by another API' },
      ]);
    });
    const { user } = setup(onSubmit);
    await user.type(field('Name'), 'Orders');
    await user.type(field('Upstream URL'), 'https://orders.example');
    await user.click(screen.getByRole('button', { name: 'Create API' }));
    expect(errorOf(field('Slug'))).toContain('"orders" is already used by another API');
    expect(document.activeElement).toBe(field('Slug'));
  });

  it('edits an existing API and removes a scope by its labelled button', async () => {
    const api: AdminApi = {
      id: 'a1',
      name: 'Payments',
      slug: 'payments',
      listenPath: '/payments/',
      upstreamUrl: 'https://up.example',
      authMode: 'oauth2',
      active: true,
      grantTypes: ['client_credentials'],
      scopes: [
        { name: 'payments:read', description: 'Read' },
        { name: 'payments:write', description: 'Write' },
      ],
      accessTokenTtl: 3600,
      refreshTokenTtl: 86_400,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    };
    const { user, onSubmit } = setup(undefined, api);
    expect(screen.getByText(/Removing a scope revokes the tokens that carry it/)).toBeTruthy();
    const scopes = screen.getByRole('group', { name: 'Scopes' });
    await user.click(within(scopes).getByRole('button', { name: 'Remove scope 2 (payments:write)' }));
    await user.click(screen.getByRole('button', { name: 'Create API' }));
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ slug: 'payments', scopes: [{ name: 'payments:read', description: 'Read' }] }),
    );
  });
});
