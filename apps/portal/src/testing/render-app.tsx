import type { ErrorResponse, SessionResponse, User } from '@portico/contracts';
import { createPorticoClient } from '@portico/sdk';
import type { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  type Location,
  MemoryRouter,
  type NavigateFunction,
  useLocation,
  useNavigate,
} from 'react-router-dom';
import { vi } from 'vitest';
import { AppProvider, createAppQueryClient } from '@/app/provider';
import { AppRoutes } from '@/app/router';

export interface MockRequest {
  url: URL;
  method: string;
  headers: Headers;
  body: unknown;
}

/** `'POST /api/auth/login'` → answer. Unlisted requests get a 404 in the API's error shape. */
export type MockRoutes = Record<string, (request: MockRequest) => Response | Promise<Response>>;

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export const apiError = (
  status: number,
  error: string,
  message: string,
  details?: ErrorResponse['details'],
) => json(status, { error, message, ...(details ? { details } : {}) } satisfies ErrorResponse);

export const unauthorized = () => apiError(401, 'unauthorized', 'Sign in to continue');

export function makeSession(overrides: Partial<User> = {}): SessionResponse {
  return {
    user: {
      id: 'u-1',
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      role: 'developer',
      status: 'active',
      createdAt: '2025-01-01T10:00:00.000Z',
      lastLoginAt: null,
      ...overrides,
    },
    csrfToken: 'csrf-token-1',
  };
}

/** A fetch double that routes by method and path, the way the real server would answer. */
export function mockFetch(routes: MockRoutes) {
  return vi.fn<typeof globalThis.fetch>(async (input, init = {}) => {
    const url = new URL(String(input), 'http://portico.test');
    const method = (init.method ?? 'GET').toUpperCase();
    const handler = routes[`${method} ${url.pathname}`];
    if (!handler) return apiError(404, 'not_found', `No mock for ${method} ${url.pathname}`);
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    return handler({ url, method, headers: new Headers(init.headers), body });
  });
}

/** Where the app currently is, for assertions on redirects. */
export interface LocationRef {
  current: Location | null;
  /** `pathname + search` */
  readonly href: string;
  /** The router's navigate, e.g. `navigate(-1)` for the browser's Back button. */
  navigate: NavigateFunction;
}

function LocationProbe({ into }: { into: LocationRef }) {
  into.current = useLocation();
  into.navigate = useNavigate();
  return null;
}

/**
 * Mounts the real app (providers, routes, SDK client) at `path`, with the network mocked at fetch.
 * Several paths make a history (the last is current), for tests of the browser's Back button.
 */
export function renderApp(path: string | readonly string[], routes: MockRoutes) {
  const fetch = mockFetch(routes);
  const client = createPorticoClient({ fetch });
  const queryClient = createAppQueryClient();
  const location: LocationRef = {
    current: null,
    get href() {
      return this.current ? `${this.current.pathname}${this.current.search}` : '';
    },
    navigate: () => {
      throw new Error('the app is not rendered yet');
    },
  };
  const user = userEvent.setup();
  const view = render(
    <AppProvider client={client} queryClient={queryClient}>
      <MemoryRouter initialEntries={typeof path === 'string' ? [path] : [...path]}>
        <AppRoutes />
        <LocationProbe into={location} />
      </MemoryRouter>
    </AppProvider>,
  );
  return { ...view, fetch, location, user, queryClient };
}

/** Everything React Query's mutation cache holds (variables, results), as text to search for secrets. */
export function mutationCacheText(queryClient: QueryClient) {
  return JSON.stringify(
    queryClient
      .getMutationCache()
      .getAll()
      .map((mutation) => mutation.state),
  );
}

/** Everything React Query's query cache holds, as text to search for data that must be gone. */
export function queryCacheText(queryClient: QueryClient) {
  return JSON.stringify(
    queryClient
      .getQueryCache()
      .getAll()
      .map((query) => query.state.data),
  );
}

/** Calls the fetch double received for one endpoint. */
export function callsTo(fetch: ReturnType<typeof mockFetch>, method: string, pathname: string) {
  return fetch.mock.calls.filter(([input, init]) => {
    const url = new URL(String(input), 'http://portico.test');
    return url.pathname === pathname && (init?.method ?? 'GET').toUpperCase() === method;
  });
}
