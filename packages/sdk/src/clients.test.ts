// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { createPorticoClient } from './client.js';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function setup() {
  const fetch = vi.fn<typeof globalThis.fetch>(async () => json(200, {}));
  const client = createPorticoClient({ fetch });
  client.http.setCsrfToken('csrf-1');
  const call = (i: number) => {
    const [url, init] = fetch.mock.calls[i] ?? [];
    return {
      url: String(url),
      method: init?.method,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      csrf: new Headers(init?.headers).get('x-csrf-token'),
    };
  };
  return { client, call };
}

describe('client.clients', () => {
  it('maps every method to its endpoint, with the CSRF header on mutations', async () => {
    const { client, call } = setup();
    const c = client.clients;
    await c.list();
    await c.get('a/b');
    await c.create({ catalogueEntryIds: ['e1'] });
    await c.update('c1', { name: 'New' });
    await c.complete('c1', { name: 'App', appType: 'service', redirectUris: [] });
    await c.addApi('c1', 'e2');
    await c.removeApi('c1', 'e2');
    await c.listSecrets('c1');
    await c.rotateSecret('c1', '7d');
    await c.revokeSecret('c1', 's1');
    await c.tokenSummary('c1');
    await c.revokeAllTokens('c1');
    await c.delete('c1', 'App');

    const calls = Array.from({ length: 13 }, (_, i) => call(i));
    expect(calls.map((x) => `${x.method} ${x.url}`)).toEqual([
      'GET /api/clients',
      'GET /api/clients/a%2Fb',
      'POST /api/clients',
      'PATCH /api/clients/c1',
      'POST /api/clients/c1/complete',
      'POST /api/clients/c1/apis',
      'DELETE /api/clients/c1/apis/e2',
      'GET /api/clients/c1/secrets',
      'POST /api/clients/c1/secrets/rotate',
      'DELETE /api/clients/c1/secrets/s1',
      'GET /api/clients/c1/tokens/summary',
      'POST /api/clients/c1/tokens/revoke-all',
      'DELETE /api/clients/c1',
    ]);
    expect(calls[2]?.body).toEqual({ catalogueEntryIds: ['e1'] });
    expect(calls[5]?.body).toEqual({ catalogueEntryId: 'e2' });
    expect(calls[8]?.body).toEqual({ gracePeriod: '7d' });
    expect(calls[12]?.body).toEqual({ confirmName: 'App' });
    expect(calls.filter((x) => x.method !== 'GET').every((x) => x.csrf === 'csrf-1')).toBe(true);
    expect(calls.filter((x) => x.method === 'GET').every((x) => x.csrf === null)).toBe(true);
  });
});

describe('client.catalogue', () => {
  it('passes the search and auth mode as query parameters', async () => {
    const { client, call } = setup();
    await client.catalogue.list({ q: 'pay ments', authMode: 'oauth2' });
    await client.catalogue.list();
    await client.catalogue.get('e 1');
    expect(call(0).url).toBe('/api/catalogue?q=pay+ments&authMode=oauth2');
    expect(call(1).url).toBe('/api/catalogue');
    expect(call(2).url).toBe('/api/catalogue/e%201');
  });
});
