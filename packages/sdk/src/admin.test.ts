// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { createPorticoClient } from './client.js';
import { PorticoApiError } from './errors.js';

function recordingFetch(status = 200, body: unknown = {}) {
  const fetch = vi.fn<typeof globalThis.fetch>(async () =>
    status === 204
      ? new Response(null, { status })
      : new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );
  const call = (i = 0) => {
    const [url, init] = fetch.mock.calls[i] ?? [];
    return {
      url: String(url),
      method: init?.method,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      headers: new Headers(init?.headers),
    };
  };
  return { fetch, call };
}

describe('client.admin', () => {
  it('lists with the query string and escapes ids', async () => {
    const { fetch, call } = recordingFetch(200, { items: [], total: 0, page: 1, pageSize: 20 });
    const admin = createPorticoClient({ fetch }).admin;
    await admin.apis.list({ q: 'pay', sort: 'name', order: 'desc', page: 2, authMode: 'oauth2' });
    await admin.policies.get('a/b');
    await admin.audit.list({ action: 'api.', from: '2025-01-01T00:00:00.000Z' });
    await admin.developers.clients('u 1');
    expect([call(0).url, call(1).url, call(2).url, call(3).url]).toEqual([
      '/api/admin/apis?q=pay&sort=name&order=desc&page=2&authMode=oauth2',
      '/api/admin/policies/a%2Fb',
      '/api/admin/audit?action=api.&from=2025-01-01T00%3A00%3A00.000Z',
      '/api/admin/developers/u%201/clients',
    ]);
  });

  it('sends mutations with the CSRF token and the right verbs', async () => {
    const { fetch, call } = recordingFetch(200, {});
    const client = createPorticoClient({ fetch });
    client.http.setCsrfToken('csrf-1');
    await client.admin.apis.create({
      name: 'Payments',
      slug: 'payments',
      listenPath: '/payments/',
      upstreamUrl: 'https://up.example',
      authMode: 'keyless',
    });
    await client.admin.catalogue.update('e1', { visibility: 'hidden' });
    await client.admin.developers.deactivate('u1');
    await client.admin.approvals.reject('c1', 'Not yet');
    expect(call(0)).toMatchObject({ url: '/api/admin/apis', method: 'POST', body: { slug: 'payments' } });
    expect(call(0).headers.get('x-csrf-token')).toBe('csrf-1');
    expect(call(1)).toMatchObject({
      url: '/api/admin/catalogue/e1',
      method: 'PATCH',
      body: { visibility: 'hidden' },
    });
    expect(call(2)).toMatchObject({
      url: '/api/admin/developers/u1/deactivate',
      method: 'POST',
      body: undefined,
    });
    expect(call(3)).toMatchObject({ url: '/api/admin/approvals/c1/reject', body: { reason: 'Not yet' } });
  });

  it('asks for a cascade only when told to', async () => {
    const { fetch, call } = recordingFetch(200, { deleted: true });
    const admin = createPorticoClient({ fetch }).admin;
    await admin.apis.delete('a1');
    await admin.apis.delete('a1', { cascade: true });
    await admin.catalogue.delete('e1', { cascade: true });
    expect([call(0).url, call(1).url, call(2).url]).toEqual([
      '/api/admin/apis/a1',
      '/api/admin/apis/a1?cascade=true',
      '/api/admin/catalogue/e1?cascade=true',
    ]);
    expect(call(0).method).toBe('DELETE');
  });

  it('resolves a 204 policy delete to undefined', async () => {
    const { fetch } = recordingFetch(204);
    await expect(createPorticoClient({ fetch }).admin.policies.delete('p1')).resolves.toBeUndefined();
  });

  it('surfaces a 409 naming the dependants as PorticoApiError', async () => {
    const { fetch } = recordingFetch(409, {
      error: 'conflict',
      message: '"Payments" is used by catalogue entry "P".',
    });
    const error = await createPorticoClient({ fetch })
      .admin.apis.delete('a1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PorticoApiError);
    expect(error).toMatchObject({
      status: 409,
      code: 'conflict',
      message: '"Payments" is used by catalogue entry "P".',
    });
  });
});
