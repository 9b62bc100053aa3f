// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { createPorticoClient } from './client.js';
import { PorticoApiError } from './errors.js';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function setup(response: () => Response) {
  const fetch = vi.fn<typeof globalThis.fetch>(async () => response());
  const client = createPorticoClient({ fetch });
  const call = (i = 0) => {
    const [url, init] = fetch.mock.calls[i] ?? [];
    return { url: String(url), method: init?.method ?? 'GET', body: init?.body };
  };
  return { client, call };
}

describe('client.oauth', () => {
  it('reads the discovery documents', async () => {
    const { client, call } = setup(() => json(200, { keys: [] }));
    await client.oauth.jwks();
    expect(call().url).toBe('/.well-known/jwks.json');
    await client.oauth.metadata();
    expect(call(1).url).toBe('/.well-known/oauth-authorization-server');
  });

  it('reads and answers an authorization request, encoding its id', async () => {
    const { client, call } = setup(() => json(200, { redirectTo: 'https://app.example/cb?code=x' }));
    await client.oauth.authorizeRequest('a/b');
    expect(call().url).toBe('/api/oauth/authorize-request/a%2Fb');
    await expect(client.oauth.decide('r1', 'deny')).resolves.toEqual({
      redirectTo: 'https://app.example/cb?code=x',
    });
    expect(call(1)).toEqual({
      url: '/api/oauth/authorize-request/r1/decision',
      method: 'POST',
      body: '{"decision":"deny"}',
    });
  });

  it('lists and revokes consents and client tokens', async () => {
    const { client, call } = setup(() => new Response(null, { status: 204 }));
    await expect(client.oauth.revokeConsent('c 1')).resolves.toBeUndefined();
    expect(call()).toMatchObject({ url: '/api/account/consents/c%201', method: 'DELETE' });
    await client.oauth.revokeClientToken('client-1', 'jti-1');
    expect(call(1)).toMatchObject({ url: '/api/clients/client-1/tokens/jti-1', method: 'DELETE' });
  });

  it('throws PorticoApiError for an expired request', async () => {
    const { client } = setup(() =>
      json(404, { error: 'not_found', message: 'This sign-in request has expired.' }),
    );
    await expect(client.oauth.authorizeRequest('gone')).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
    });
    await expect(client.oauth.authorizeRequest('gone')).rejects.toBeInstanceOf(PorticoApiError);
  });
});
