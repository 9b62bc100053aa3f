import { createPorticoClient, isPorticoApiError, type PorticoClient } from '@portico/sdk';
import { authKeys, forgetSession, PorticoProvider } from '@portico/sdk/react';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorBoundary } from '@/components/ui/error-boundary';
import { ToastProvider } from '@/components/ui/toast';
import { markSessionEnded } from '@/features/auth/lib/session-ended';

/** Retrying cannot fix a refused request (4xx); network blips and 5xx get two more tries. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isPorticoApiError(error) && error.isClientError) return false;
  return failureCount < 2;
}

export function createAppQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
    // A 401 anywhere means the session ended (expired, revoked, signed out in another tab): drop
    // what was cached for it and mark it signed out, so the route guard sends the user to log in
    // (saying that their session ended).
    queryCache: new QueryCache({ onError: (error) => onUnauthorized(error) }),
    mutationCache: new MutationCache({ onError: (error) => onUnauthorized(error) }),
  });
  function onUnauthorized(error: unknown) {
    if (isPorticoApiError(error) && error.status === 401 && queryClient.getQueryData(authKeys.me())) {
      forgetSession(queryClient);
      // After forgetting, which drops every other cached entry: the login page says why it shows.
      markSessionEnded(queryClient);
    }
  }
  return queryClient;
}

export interface AppProviderProps {
  children?: ReactNode;
  /** Injected by tests; the app uses a same-origin client. */
  client?: PorticoClient;
  queryClient?: QueryClient;
}

export function AppProvider({ children, client, queryClient }: AppProviderProps) {
  const [portico] = useState(() => client ?? createPorticoClient());
  const [queries] = useState(() => queryClient ?? createAppQueryClient());
  return (
    <ErrorBoundary fallback={({ reset }) => <AppCrashed onReset={reset} />}>
      <QueryClientProvider client={queries}>
        <PorticoProvider client={portico}>
          <ToastProvider>{children}</ToastProvider>
        </PorticoProvider>
      </QueryClientProvider>
    </ErrorBoundary>
  );
}

/** Last resort outside the router's own error handling: no layout, no data, just a way out. */
function AppCrashed({ onReset }: { onReset: () => void }) {
  return (
    <main className="crash" id="main">
      <h1>Portico stopped working</h1>
      <p>Something unexpected broke this page. Reloading usually fixes it.</p>
      <div className="crash__actions">
        <Button onClick={() => window.location.reload()}>Reload</Button>
        <Button variant="secondary" onClick={onReset}>
          Try again
        </Button>
      </div>
    </main>
  );
}
