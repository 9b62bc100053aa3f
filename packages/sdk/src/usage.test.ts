// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { createPorticoClient } from './client.js';
import { PorticoApiError } from './errors.js';

function recordingFetch(status = 200, body: unknown = {}) {
  const fetch = vi.fn<typeof globalThis.fetch>(
    async () =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );
  const call = (i = 0) => {
    const [url, init] = fetch.mock.calls[i] ?? [];
    return { url: String(url), init: init ?? {}, headers: new Headers(init?.headers) };
  };
  return { fetch, call };
}

describe('client.usage', () => {
  it('reads a client usage report with the range as query, escaping the id', async () => {
    const { fetch, call } = recordingFetch(200, { clientId: 'a/b' });
    const client = createPorticoClient({ fetch });
    await expect(client.usage.client('a/b', '7d')).resolves.toEqual({ clientId: 'a/b' });
    expect(call().url).toBe('/api/clients/a%2Fb/usage?range=7d');
    expect(call().init.method).toBe('GET');
  });

  it('defaults to the last 24 hours and reaches the admin reports', async () => {
    const { fetch, call } = recordingFetch();
    const client = createPorticoClient({ fetch });
    await client.usage.client('c1');
    await client.usage.api('api-1');
    await client.usage.developer('u-1', '7d');
    expect([call(0).url, call(1).url, call(2).url]).toEqual([
      '/api/clients/c1/usage?range=24h',
      '/api/admin/usage/apis/api-1?range=24h',
      '/api/admin/usage/developers/u-1?range=7d',
    ]);
  });

  it('throws PorticoApiError for another developer’s client (404)', async () => {
    const { fetch } = recordingFetch(404, { error: 'not_found', message: 'OAuth client not found.' });
    await expect(createPorticoClient({ fetch }).usage.client('x')).rejects.toMatchObject({
      constructor: PorticoApiError,
      status: 404,
      code: 'not_found',
    });
  });
});

describe('client.tryIt', () => {
  it('posts the request with defaults for scopes and path, and the CSRF header', async () => {
    const { fetch, call } = recordingFetch(200, { token: {}, request: {}, response: {} });
    const client = createPorticoClient({ fetch });
    client.http.setCsrfToken('csrf-1');
    await client.tryIt.run('c1', { apiId: 'api-1', clientSecret: 'pcs_secret', method: 'GET' });
    expect(call().url).toBe('/api/clients/c1/try-it');
    expect(call().init.method).toBe('POST');
    expect(call().headers.get('x-csrf-token')).toBe('csrf-1');
    expect(JSON.parse(String(call().init.body))).toEqual({
      scopes: [],
      path: '/',
      apiId: 'api-1',
      clientSecret: 'pcs_secret',
      method: 'GET',
    });
  });
});
