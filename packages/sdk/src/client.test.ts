// @vitest-environment node
import type { SessionResponse } from '@portico/contracts';
import { describe, expect, it, vi } from 'vitest';
import { createPorticoClient } from './client.js';
import { fieldErrors, PorticoApiError } from './errors.js';

const session: SessionResponse = {
  user: {
    id: 'u1',
    email: 'ada@example.com',
    name: 'Ada',
    role: 'developer',
    status: 'active',
    createdAt: '2025-01-01T00:00:00.000Z',
    lastLoginAt: null,
  },
  csrfToken: 'csrf-1',
};

const json = (status: number, body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), {
    status,
    ...init,
    headers: { 'content-type': 'application/json; charset=utf-8', ...init.headers },
  });

/** A fetch mock answering from a queue, recording what it was called with. */
function mockFetch(...responses: Array<Response | (() => Response)>) {
  const fetch = vi.fn<typeof globalThis.fetch>(async () => {
    const next = responses.shift();
    if (!next) throw new Error('unexpected request');
    return typeof next === 'function' ? next() : next;
  });
  const call = (i: number) => {
    const [url, init] = fetch.mock.calls[i] ?? [];
    return { url: String(url), init: init ?? {}, headers: new Headers(init?.headers) };
  };
  return { fetch, call };
}

describe('request', () => {
  it('joins the base URL, sends JSON and the default credentials', async () => {
    const { fetch, call } = mockFetch(json(200, { ok: true }));
    const client = createPorticoClient({ baseUrl: 'https://portico.test/', fetch });

    await expect(client.http.post('/api/things', { a: 1 })).resolves.toEqual({ ok: true });

    const { url, init, headers } = call(0);
    expect(url).toBe('https://portico.test/api/things');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"a":1}');
    expect(init.credentials).toBe('same-origin');
    expect(headers.get('content-type')).toBe('application/json');
  });

  it('uses the configured credentials mode', async () => {
    const { fetch, call } = mockFetch(json(200, {}));
    await createPorticoClient({ fetch, credentials: 'include' }).http.get('/api/x');
    expect(call(0).init.credentials).toBe('include');
  });

  it('encodes query strings, repeating array keys and leaving out empty values', async () => {
    const { fetch, call } = mockFetch(json(200, []));
    await createPorticoClient({ fetch }).http.get('/api/search', {
      q: 'payments & orders/v2',
      page: 2,
      archived: false,
      scope: ['read:a', 'write b'],
      missing: undefined,
      none: null,
    });
    const url = new URL(call(0).url, 'http://x');
    expect(url.pathname).toBe('/api/search');
    expect(url.searchParams.get('q')).toBe('payments & orders/v2');
    expect(url.searchParams.get('page')).toBe('2');
    expect(url.searchParams.get('archived')).toBe('false');
    expect(url.searchParams.getAll('scope')).toEqual(['read:a', 'write b']);
    expect(url.searchParams.has('missing')).toBe(false);
    expect(url.searchParams.has('none')).toBe(false);
    expect(call(0).url).toContain('q=payments+%26+orders%2Fv2');
  });

  it('sends form bodies url-encoded', async () => {
    const { fetch, call } = mockFetch(json(200, {}));
    await createPorticoClient({ fetch }).http.request('/oauth/revoke', {
      method: 'POST',
      form: { token: 'a+b/c', token_type_hint: 'refresh_token', skipped: undefined },
    });
    expect(call(0).headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(call(0).init.body).toBe('token=a%2Bb%2Fc&token_type_hint=refresh_token');
  });

  it('resolves 204 No Content to undefined without parsing', async () => {
    const { fetch } = mockFetch(new Response(null, { status: 204 }));
    await expect(createPorticoClient({ fetch }).http.delete('/api/things/1')).resolves.toBeUndefined();
  });

  it('maps an error body to PorticoApiError with field errors', async () => {
    const { fetch } = mockFetch(
      json(400, {
        error: 'validation_failed',
        message: 'The request is invalid',
        details: [
          { field: 'email', message: 'must be an email address' },
          { field: '/redirectUris/1', message: 'must use https' },
          { field: 'email', message: 'second message is ignored' },
        ],
      }),
    );
    const error = await createPorticoClient({ fetch })
      .http.post('/api/things', {})
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PorticoApiError);
    const apiError = error as PorticoApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe('validation_failed');
    expect(apiError.message).toBe('The request is invalid');
    expect(apiError.isClientError).toBe(true);
    expect(apiError.fieldErrors()).toEqual({
      email: 'must be an email address',
      'redirectUris/1': 'must use https',
    });
    expect(fieldErrors(apiError)).toEqual(apiError.fieldErrors());
    expect(fieldErrors(new Error('other'))).toEqual({});
  });

  it('falls back to the status when the error body is not the API error shape', async () => {
    const { fetch } = mockFetch(
      new Response('<html>Bad gateway</html>', {
        status: 502,
        statusText: 'Bad Gateway',
        headers: { 'content-type': 'text/html' },
      }),
    );
    const error = (await createPorticoClient({ fetch })
      .http.get('/api/x')
      .catch((e: unknown) => e)) as PorticoApiError;
    expect(error).toBeInstanceOf(PorticoApiError);
    expect([error.status, error.code, error.message, error.details]).toEqual([
      502,
      'internal_error',
      'Bad Gateway',
      [],
    ]);
    expect(error.isClientError).toBe(false);
  });

  it('reports network failures as status 0 but lets aborts through', async () => {
    const failing = vi.fn<typeof globalThis.fetch>().mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const error = (await createPorticoClient({ fetch: failing })
      .http.get('/api/x')
      .catch((e: unknown) => e)) as PorticoApiError;
    expect([error.status, error.code]).toEqual([0, 'network_error']);

    const abort = new DOMException('The operation was aborted.', 'AbortError');
    const aborting = vi.fn<typeof globalThis.fetch>().mockRejectedValueOnce(abort);
    await expect(createPorticoClient({ fetch: aborting }).http.get('/api/x')).rejects.toBe(abort);
  });
});

describe('CSRF', () => {
  it('sends the token from the last session on mutations only', async () => {
    const { fetch, call } = mockFetch(
      json(200, session),
      json(200, { items: [] }),
      json(201, {}),
      json(200, {}),
      json(200, {}),
      new Response(null, { status: 204 }),
    );
    const client = createPorticoClient({ fetch });
    await client.auth.login({ email: 'ada@example.com', password: 'correct horse battery' });
    expect(call(0).headers.has('x-csrf-token')).toBe(false);

    await client.http.get('/api/things');
    await client.http.post('/api/things', {});
    await client.http.put('/api/things/1', {});
    await client.http.patch('/api/things/1', {});
    await client.http.delete('/api/things/1');

    expect(call(1).headers.has('x-csrf-token')).toBe(false);
    for (const i of [2, 3, 4, 5]) expect(call(i).headers.get('x-csrf-token')).toBe('csrf-1');
  });

  it('forgets the token on logout', async () => {
    const { fetch, call } = mockFetch(json(200, session), new Response(null, { status: 204 }), json(401, {}));
    const client = createPorticoClient({ fetch });
    await client.auth.login({ email: 'ada@example.com', password: 'x' });
    await client.auth.logout();
    expect(call(1).headers.get('x-csrf-token')).toBe('csrf-1');
    expect(client.http.getCsrfToken()).toBeNull();
    await client.http.post('/api/things', {}).catch(() => undefined);
    expect(call(2).headers.has('x-csrf-token')).toBe(false);
  });

  it('refreshes a stale token once and replays the request', async () => {
    const { fetch, call } = mockFetch(
      json(403, { error: 'csrf_failed', message: 'CSRF token missing or invalid' }),
      json(200, { ...session, csrfToken: 'csrf-2' }),
      json(201, { id: 'c1' }),
    );
    const client = createPorticoClient({ fetch });
    client.http.setCsrfToken('stale');

    await expect(client.http.post('/api/things', { a: 1 })).resolves.toEqual({ id: 'c1' });
    expect(call(1).url).toBe('/api/auth/me');
    expect(call(2).headers.get('x-csrf-token')).toBe('csrf-2');
    expect(call(2).init.body).toBe('{"a":1}');
  });

  it('gives up when the refreshed token is the same', async () => {
    const { fetch } = mockFetch(
      json(403, { error: 'csrf_failed', message: 'CSRF token missing or invalid' }),
      json(200, session),
    );
    const client = createPorticoClient({ fetch });
    client.http.setCsrfToken('csrf-1');
    await expect(client.http.post('/api/things', {})).rejects.toMatchObject({ code: 'csrf_failed' });
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});

describe('auth', () => {
  it('me() returns the session, or null on 401', async () => {
    const { fetch, call } = mockFetch(
      json(200, session),
      json(401, { error: 'unauthorized', message: 'Sign in first' }),
    );
    const client = createPorticoClient({ fetch });
    await expect(client.auth.me()).resolves.toEqual(session);
    expect(client.http.getCsrfToken()).toBe('csrf-1');
    expect(call(0)).toMatchObject({ url: '/api/auth/me', init: { method: 'GET' } });

    await expect(client.auth.me()).resolves.toBeNull();
    expect(client.http.getCsrfToken()).toBeNull();
  });

  it('me() still throws other errors', async () => {
    const { fetch } = mockFetch(json(500, { error: 'internal_error', message: 'Internal Server Error' }));
    await expect(createPorticoClient({ fetch }).auth.me()).rejects.toMatchObject({ status: 500 });
  });

  it('register posts the body and remembers the token', async () => {
    const { fetch, call } = mockFetch(json(201, session));
    const client = createPorticoClient({ fetch });
    const body = { email: 'ada@example.com', name: 'Ada', password: 'a long enough password' };
    await expect(client.auth.register(body)).resolves.toEqual(session);
    expect(call(0).url).toBe('/api/auth/register');
    expect(JSON.parse(String(call(0).init.body))).toEqual(body);
    expect(client.http.getCsrfToken()).toBe('csrf-1');
  });

  it('login surfaces the server error', async () => {
    const { fetch } = mockFetch(
      json(401, { error: 'unauthorized', message: 'Email or password is incorrect' }),
    );
    await expect(
      createPorticoClient({ fetch }).auth.login({ email: 'a@b.c', password: 'nope' }),
    ).rejects.toMatchObject({ status: 401, code: 'unauthorized', message: 'Email or password is incorrect' });
  });
});
