import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { createPorticoClient } from '../client.js';
import { PorticoProvider } from './provider.js';

/** Test helpers for the hooks' tests (excluded from the build, like the tests themselves). */

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * A fresh QueryClient (no retries, so a failure shows at once) and a `renderHook` wrapper providing it
 * and a Portico client that sends its requests to `fetch`.
 */
export function createWrapper(fetch: typeof globalThis.fetch) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <PorticoProvider client={createPorticoClient({ fetch })}>{children}</PorticoProvider>
    </QueryClientProvider>
  );
  return { queryClient, wrapper };
}

/** A mocked `fetch` answered by `handler` (method and URL), with the QueryClient and wrapper around it. */
export function setupHooks(handler: (method: string, url: string) => Response) {
  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init) =>
    handler(init?.method ?? 'GET', String(input)),
  );
  return { fetch, ...createWrapper(fetch) };
}

/** Everything the mutation cache holds (variables, results, errors), as text to search for secrets. */
export const mutationCacheText = (queryClient: QueryClient) =>
  JSON.stringify(
    queryClient
      .getMutationCache()
      .getAll()
      .map((mutation) => mutation.state),
  );
