import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, makeSession, queryCacheText, renderApp, unauthorized } from '@/testing/render-app';

describe('RequireAuth', () => {
  it('sends a signed-out visitor to log in and back to the page they wanted', async () => {
    let signedIn = false;
    const { user, location } = renderApp('/oauth-clients?tab=all', {
      'GET /api/auth/me': () => (signedIn ? json(200, makeSession()) : unauthorized()),
      'POST /api/auth/login': () => {
        signedIn = true;
        return json(200, makeSession());
      },
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Log in' })).toBeTruthy();
    expect(location.href).toBe('/login?redirectTo=%2Foauth-clients%3Ftab%3Dall');
    // Never signed in: nothing ended.
    expect(screen.queryByText('Your session ended')).toBeNull();

    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery staple');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'OAuth Clients' })).toBeTruthy();
    expect(location.href).toBe('/oauth-clients?tab=all');
  });

  it('ignores a redirect target on another site', async () => {
    const { user, location } = renderApp('/login?redirectTo=https%3A%2F%2Fevil.example', {
      'GET /api/auth/me': unauthorized,
      'POST /api/auth/login': () => json(200, makeSession()),
    });
    await user.type(await screen.findByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery staple');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(location.current?.pathname).toBe('/'));
  });
});

describe('RequireAdmin', () => {
  it('tells a developer the dashboard is not for them', async () => {
    renderApp('/dashboard/apis', { 'GET /api/auth/me': () => json(200, makeSession({ role: 'developer' })) });
    expect(await screen.findByRole('heading', { level: 1, name: 'Not allowed' })).toBeTruthy();
    expect(screen.queryByRole('heading', { level: 1, name: 'APIs' })).toBeNull();
  });

  it('lets an admin in', async () => {
    renderApp('/dashboard/apis', { 'GET /api/auth/me': () => json(200, makeSession({ role: 'admin' })) });
    expect(await screen.findByRole('heading', { level: 1, name: 'APIs' })).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Dashboard' })).toBeTruthy();
  });
});

const partnerEntry = {
  id: 'partner',
  name: 'Private Partner API',
  shortDescription: 'Only for partners.',
  api: {
    id: 'a1',
    name: 'Private Partner API',
    authMode: 'oauth2',
    listenPath: '/partner/',
    grantTypes: ['client_credentials'],
  },
  approval: 'auto',
  maxClientsPerDeveloper: 5,
  limits: { rateLimit: { requests: 100, perSeconds: 60 }, quota: null, tokenLifetimeSeconds: 3600 },
  scopes: [],
};

describe('a session that ends on the server', () => {
  it('sends the user to log in and forgets what was loaded for them', async () => {
    let sessionLive = true;
    const { user, location, queryClient } = renderApp('/catalogue', {
      'GET /api/auth/me': () => (sessionLive ? json(200, makeSession()) : unauthorized()),
      'GET /api/catalogue': () =>
        sessionLive ? json(200, { items: [partnerEntry], total: 1 }) : unauthorized(),
    });
    await screen.findByRole('heading', { level: 1, name: 'API catalogue' });
    await waitFor(() => expect(queryCacheText(queryClient)).toContain('Private Partner API'));

    // Expired or revoked server-side: the next request is refused.
    sessionLive = false;
    await user.type(screen.getByRole('searchbox'), 'x');

    expect(await screen.findByRole('heading', { level: 1, name: 'Log in' })).toBeTruthy();
    expect(location.current?.pathname).toBe('/login');
    expect(queryCacheText(queryClient)).not.toContain('Private Partner API');
    // Said so, rather than a bare login page.
    const notice = screen.getByRole('status');
    expect(notice.textContent).toContain('Your session ended');
    expect(notice.textContent).toContain('Log in again to continue.');
  });

  it('says nothing of the kind after logging out, or on a plain visit to the login page', async () => {
    const { user, location } = renderApp('/catalogue', {
      'GET /api/auth/me': () => json(200, makeSession()),
      'GET /api/catalogue': () => json(200, { items: [partnerEntry], total: 1 }),
      'POST /api/auth/logout': () => new Response(null, { status: 204 }),
    });
    await screen.findByRole('heading', { level: 1, name: 'API catalogue' });
    await user.click(screen.getByRole('button', { name: /Ada Lovelace/ }));
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await waitFor(() => expect(location.href).toBe('/'));
    await user.click((await screen.findAllByRole('link', { name: 'Log in' }))[0]!);
    expect(await screen.findByRole('heading', { level: 1, name: 'Log in' })).toBeTruthy();
    expect(screen.queryByText('Your session ended')).toBeNull();
  });
});
