import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { callsTo, json, makeSession, renderApp, unauthorized } from '@/testing/render-app';

describe('AppLayout', () => {
  it('shows the Dashboard menu item to admins', async () => {
    renderApp('/', {
      'GET /api/auth/me': () => json(200, makeSession({ role: 'admin', name: 'Grace Hopper' })),
    });
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Catalogue' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'OAuth Clients' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Dashboard' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Grace Hopper' })).toBeTruthy();
  });

  it('hides the Dashboard menu item from developers', async () => {
    renderApp('/', { 'GET /api/auth/me': () => json(200, makeSession({ role: 'developer' })) });
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'OAuth Clients' })).toBeTruthy();
    expect(within(nav).queryByRole('link', { name: 'Dashboard' })).toBeNull();
  });

  it('marks the current section and offers a skip link', async () => {
    renderApp('/catalogue', { 'GET /api/auth/me': () => json(200, makeSession()) });
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await screen.findByRole('heading', { level: 1, name: 'API catalogue' });
    expect(within(nav).getByRole('link', { name: 'Catalogue' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('link', { name: 'OAuth Clients' }).getAttribute('aria-current')).toBeNull();
    expect(screen.getByRole('link', { name: 'Skip to content' }).getAttribute('href')).toBe('#main');
  });

  it('moves focus to the new page after navigation, also from the Dashboard section menu', async () => {
    const { user } = renderApp('/catalogue', {
      'GET /api/auth/me': () => json(200, makeSession({ role: 'admin' })),
    });
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await user.click(within(nav).getByRole('link', { name: 'Dashboard' }));
    const main = screen.getByRole('main');
    await waitFor(() => expect(document.activeElement).toBe(main));

    // The section menu is inside <main>, and rendered anew for the next section.
    const sections = await screen.findByRole('navigation', { name: 'Dashboard' });
    await user.click(within(sections).getByRole('link', { name: 'APIs' }));
    await screen.findByRole('heading', { level: 1, name: 'APIs' }, { timeout: 4000 });
    expect(document.activeElement).toBe(main);
  });

  it('logs out from the account menu', async () => {
    let signedIn = true;
    const { user, fetch, location } = renderApp('/account', {
      'GET /api/auth/me': () => (signedIn ? json(200, makeSession()) : unauthorized()),
      'POST /api/auth/logout': () => {
        signedIn = false;
        return new Response(null, { status: 204 });
      },
    });
    const menuButton = await screen.findByRole('button', { name: 'Ada Lovelace' });
    expect(menuButton.getAttribute('aria-expanded')).toBe('false');
    await user.click(menuButton);
    expect(menuButton.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('link', { name: 'Account' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Log out' }));

    expect(await within(screen.getByRole('banner')).findByRole('link', { name: 'Log in' })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
    expect(location.current?.pathname).toBe('/');
    expect(await screen.findByText('You are logged out')).toBeTruthy();
    const [, init] = callsTo(fetch, 'POST', '/api/auth/logout')[0]!;
    expect(new Headers(init?.headers).get('x-csrf-token')).toBe('csrf-token-1');
  });

  it('closes the account menu when keyboard focus moves on past it', async () => {
    const { user } = renderApp('/account', { 'GET /api/auth/me': () => json(200, makeSession()) });
    const menuButton = await screen.findByRole('button', { name: 'Ada Lovelace' });
    await user.click(menuButton);
    // Moving inside the panel keeps it open.
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('link', { name: 'Account' }));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Log out' }));
    expect(menuButton.getAttribute('aria-expanded')).toBe('true');

    await user.tab();
    expect(document.activeElement).not.toBe(document.body);
    expect(menuButton.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('button', { name: 'Log out' })).toBeNull();
  });

  it('offers log in and registration when signed out', async () => {
    renderApp('/', { 'GET /api/auth/me': unauthorized });
    expect(await screen.findByRole('heading', { level: 1, name: 'Build on our APIs' })).toBeTruthy();
    expect(screen.getAllByRole('link', { name: 'Create account' }).length).toBeGreaterThan(0);
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
  });
});
