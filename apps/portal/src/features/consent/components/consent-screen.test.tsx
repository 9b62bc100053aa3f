import type { AuthorizeRequestView } from '@portico/contracts';
import { createPorticoClient } from '@portico/sdk';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { AppProvider, createAppQueryClient } from '@/app/provider';
import {
  apiError,
  callsTo,
  json,
  type MockRoutes,
  makeSession,
  mockFetch,
  renderApp,
  unauthorized,
} from '@/testing/render-app';
import { ConsentScreen } from './consent-screen';

const REQUEST = 'req-123';
const PATH = `/api/oauth/authorize-request/${REQUEST}`;

function view(overrides: Partial<AuthorizeRequestView> = {}): AuthorizeRequestView {
  return {
    id: REQUEST,
    client: {
      clientId: 'pc_budget',
      name: 'Budget Buddy',
      description: 'Keeps an eye on your spending.',
      developerName: 'Dana Developer',
    },
    apis: [
      {
        id: 'api-payments',
        name: 'Payments API',
        scopes: [
          { name: 'payments:read', description: 'Read payments and refunds' },
          { name: 'payments:write', description: 'Create payments' },
        ],
      },
      { id: 'api-status', name: 'Status API', scopes: [] },
    ],
    scopes: ['payments:read', 'payments:write'],
    redirectOrigin: 'https://budget.example.com',
    alreadyGranted: false,
    previouslyAllowed: false,
    expiresAt: '2030-01-01T00:00:00.000Z',
    ...overrides,
  };
}

function renderConsent(routes: MockRoutes, search = `?request=${REQUEST}`) {
  const fetch = mockFetch({ 'GET /api/auth/me': () => json(200, makeSession()), ...routes });
  const navigate = vi.fn<(url: string) => void>();
  const user = userEvent.setup();
  render(
    <AppProvider client={createPorticoClient({ fetch })} queryClient={createAppQueryClient()}>
      <MemoryRouter initialEntries={[`/consent${search}`]}>
        <ConsentScreen navigate={navigate} />
      </MemoryRouter>
    </AppProvider>,
  );
  return { fetch, navigate, user };
}

describe('consent screen', () => {
  it('shows the application, its developer, the APIs and scopes', async () => {
    renderConsent({ [`GET ${PATH}`]: () => json(200, view()) });

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Allow Budget Buddy to access your account?' }),
    ).toBeTruthy();
    expect(screen.getByText('by Dana Developer')).toBeTruthy();
    expect(screen.getByText('Keeps an eye on your spending.')).toBeTruthy();
    const scopes = screen.getByRole('list', { name: 'Scopes for Payments API' });
    expect(within(scopes).getByText('payments:read')).toBeTruthy();
    expect(within(scopes).getByText(/Read payments and refunds/)).toBeTruthy();
    expect(screen.getByText('Status API')).toBeTruthy();
    expect(screen.getByText('https://budget.example.com')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Allow' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Deny' })).toBeTruthy();
  });

  it('sends Allow and goes back to the application', async () => {
    const redirectTo = 'https://budget.example.com/cb?code=pac_x&state=s&iss=http%3A%2F%2Fportico.test';
    const { user, fetch, navigate } = renderConsent({
      [`GET ${PATH}`]: () => json(200, view()),
      [`POST ${PATH}/decision`]: () => json(200, { redirectTo }),
    });
    await user.click(await screen.findByRole('button', { name: 'Allow' }));

    await waitFor(() => expect(navigate).toHaveBeenCalledWith(redirectTo));
    const [, init] = callsTo(fetch, 'POST', `${PATH}/decision`)[0]!;
    expect(JSON.parse(String(init?.body))).toEqual({ decision: 'allow' });
  });

  it('sends Deny', async () => {
    const { user, fetch, navigate } = renderConsent({
      [`GET ${PATH}`]: () => json(200, view()),
      [`POST ${PATH}/decision`]: () =>
        json(200, { redirectTo: 'https://budget.example.com/cb?error=access_denied' }),
    });
    await user.click(await screen.findByRole('button', { name: 'Deny' }));
    await waitFor(() =>
      expect(navigate).toHaveBeenCalledWith('https://budget.example.com/cb?error=access_denied'),
    );
    const [, init] = callsTo(fetch, 'POST', `${PATH}/decision`)[0]!;
    expect(JSON.parse(String(init?.body))).toEqual({ decision: 'deny' });
  });

  it('continues without asking when the user already granted every scope', async () => {
    const { navigate, fetch } = renderConsent({
      [`GET ${PATH}`]: () => json(200, view({ alreadyGranted: true })),
      [`POST ${PATH}/decision`]: () => json(200, { redirectTo: 'https://budget.example.com/cb?code=c' }),
    });
    expect(await screen.findByText('You already allowed Budget Buddy. Returning to it…')).toBeTruthy();
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('https://budget.example.com/cb?code=c'));
    expect(callsTo(fetch, 'POST', `${PATH}/decision`)).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Allow' })).toBeNull();
  });

  it('asks again, saying why, when a public app was allowed before', async () => {
    const { fetch } = renderConsent({
      [`GET ${PATH}`]: () => json(200, view({ previouslyAllowed: true })),
    });
    expect(await screen.findByText('You allowed Budget Buddy before')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Allow' })).toBeTruthy();
    expect(callsTo(fetch, 'POST', `${PATH}/decision`)).toHaveLength(0);
  });

  it('explains an expired or answered request without offering a retry', async () => {
    renderConsent({
      [`GET ${PATH}`]: () =>
        apiError(404, 'not_found', 'This sign-in request has expired or was already answered.'),
    });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('This sign-in request has expired or was already answered')).toBeTruthy();
    expect(within(alert).queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('shows a failed decision and lets the user answer again', async () => {
    let attempts = 0;
    const { user, navigate } = renderConsent({
      [`GET ${PATH}`]: () => json(200, view()),
      [`POST ${PATH}/decision`]: () => {
        attempts += 1;
        return attempts === 1
          ? apiError(500, 'internal_error', 'Something went wrong on our side.')
          : json(200, { redirectTo: 'https://budget.example.com/cb?code=c' });
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Allow' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Something went wrong on our side.');
    await user.click(screen.getByRole('button', { name: 'Allow' }));
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1));
  });

  it('says so when there is no request in the URL', async () => {
    renderConsent({}, '');
    expect(
      await screen.findByRole('heading', { name: 'There is no sign-in request to answer' }),
    ).toBeTruthy();
  });
});

describe('consent route', () => {
  it('sends a signed-out user to log in and back to the same request', async () => {
    const { location } = renderApp(`/consent?request=${REQUEST}`, { 'GET /api/auth/me': unauthorized });
    await waitFor(() => expect(location.current?.pathname).toBe('/login'));
    expect(new URLSearchParams(location.current?.search).get('redirectTo')).toBe(
      `/consent?request=${REQUEST}`,
    );
    // The login page says why the user is there, not "manage your OAuth clients".
    expect(
      await screen.findByText(
        'An application is asking for access to your account. Log in to review its request.',
      ),
    ).toBeTruthy();
  });
});
