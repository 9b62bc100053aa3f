import type { ClientTokenList } from '@portico/contracts';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { clientKeys } from './clients.js';
import {
  oauthKeys,
  useAuthorizeRequest,
  useClientTokens,
  useConsents,
  useRevokeClientToken,
  useRevokeConsent,
} from './oauth.js';
import { json, setupHooks } from './test-utils.js';

const tokens: ClientTokenList = { items: [], total: 0 };

describe('oauth hooks', () => {
  it('does not fetch an authorization request without an id', () => {
    const { fetch, wrapper } = setupHooks(() => json(200, {}));
    const { result } = renderHook(() => useAuthorizeRequest(undefined), { wrapper });
    expect(result.current.fetchStatus).toBe('idle');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('keys a client token list under the client, so client mutations refresh it', () => {
    expect(oauthKeys.clientTokens('c1').slice(0, clientKeys.detail('c1').length)).toEqual(
      clientKeys.detail('c1'),
    );
  });

  it('refreshes the consents after a revoke', async () => {
    let lists = 0;
    const { wrapper } = setupHooks((method) => {
      if (method === 'DELETE') return new Response(null, { status: 204 });
      lists += 1;
      return json(200, { items: [] });
    });
    const { result } = renderHook(() => ({ list: useConsents(), revoke: useRevokeConsent() }), { wrapper });
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true));
    await act(() => result.current.revoke.mutateAsync('consent-1'));
    await waitFor(() => expect(lists).toBe(2));
  });

  it('refreshes the token list after revoking one token', async () => {
    let lists = 0;
    const { wrapper } = setupHooks((method, url) => {
      if (method === 'DELETE') return new Response(null, { status: 204 });
      if (url === '/api/clients/c1/tokens') lists += 1;
      return json(200, tokens);
    });
    const { result } = renderHook(() => ({ list: useClientTokens('c1'), revoke: useRevokeClientToken() }), {
      wrapper,
    });
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true));
    await act(() => result.current.revoke.mutateAsync({ clientId: 'c1', tokenId: 'jti-1' }));
    await waitFor(() => expect(lists).toBe(2));
  });
});
