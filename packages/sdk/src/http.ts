import type { CSRF_HEADER } from '@portico/contracts';
import { PorticoApiError } from './errors.js';

/**
 * The header name from contracts, checked by the compiler rather than imported: a runtime import
 * of `@portico/contracts` would pull every TypeBox schema (and TypeBox itself) into the portal's
 * first chunk. If contracts renames the header, this line stops compiling.
 */
const CSRF_HEADER_NAME: typeof CSRF_HEADER = 'x-csrf-token';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type QueryScalar = string | number | boolean;
/** Query parameters; `undefined`/`null` are left out, arrays repeat the key (`?scope=a&scope=b`). */
export type QueryParams = Record<string, QueryScalar | readonly QueryScalar[] | null | undefined>;

export interface RequestOptions {
  method?: HttpMethod;
  query?: QueryParams;
  /** JSON request body (sent as `application/json`). */
  body?: unknown;
  /** Form body (sent as `application/x-www-form-urlencoded`), as the OAuth endpoints expect (RFC 6749 §4.1.3). */
  form?: URLSearchParams | Record<string, string | undefined>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface HttpOptions {
  /** Origin (and optional path prefix) of the Portico server; `''` means the page's own origin. */
  baseUrl?: string;
  /** The fetch implementation; defaults to the global one, looked up at call time. */
  fetch?: typeof globalThis.fetch;
  /**
   * Cookie policy for requests. The session is an HttpOnly cookie, so the default `same-origin`
   * is right for the portal; use `include` when the SDK runs on another origin that the server allows.
   */
  credentials?: RequestCredentials;
}

/**
 * The transport every feature namespace is built on. It knows nothing about features: it sends
 * JSON, maps failures to `PorticoApiError` and keeps the CSRF token that cookie-authenticated
 * state-changing requests must echo.
 */
export interface PorticoHttp {
  request<T>(path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, query?: QueryParams, options?: Omit<RequestOptions, 'method' | 'query'>): Promise<T>;
  post<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>;
  put<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>;
  patch<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>;
  delete<T = void>(path: string, options?: Omit<RequestOptions, 'method'>): Promise<T>;
  /** The CSRF token from the last `SessionResponse`, or `null` when signed out. */
  getCsrfToken(): string | null;
  setCsrfToken(token: string | null): void;
}

/** Requests that change state; only these carry the CSRF header (safe methods must not need it). */
const MUTATING_METHODS = new Set<HttpMethod>(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Where a fresh CSRF token can be read when the server rejects a stale one. */
const SESSION_PATH = '/api/auth/me';
const CSRF_FAILED = 'csrf_failed';

export function createHttp(options: HttpOptions = {}): PorticoHttp {
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
  const credentials = options.credentials ?? 'same-origin';
  // Resolved per call so a fetch replaced after the client was created (tests, polyfills) is used.
  const doFetch: typeof globalThis.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let csrfToken: string | null = null;

  async function send(path: string, opts: RequestOptions): Promise<Response> {
    const method = opts.method ?? 'GET';
    const headers = new Headers({ accept: 'application/json' });
    let body: string | undefined;
    if (opts.body !== undefined && opts.form !== undefined) {
      throw new TypeError('Pass either a JSON body or a form body, not both');
    }
    if (opts.body !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(opts.body);
    } else if (opts.form !== undefined) {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      body = toSearchParams(opts.form).toString();
    }
    if (MUTATING_METHODS.has(method) && csrfToken !== null) headers.set(CSRF_HEADER_NAME, csrfToken);
    for (const [name, value] of Object.entries(opts.headers ?? {})) headers.set(name, value);

    try {
      return await doFetch(buildUrl(baseUrl, path, opts.query), {
        method,
        headers,
        body,
        credentials,
        signal: opts.signal,
      });
    } catch (error) {
      // Cancellation is not a failure of the API: let React Query and callers see the AbortError.
      if (error instanceof Error && error.name === 'AbortError') throw error;
      throw new PorticoApiError(
        0,
        'network_error',
        'Could not reach the Portico server. Check your connection and try again.',
      );
    }
  }

  async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
    let response = await send(path, opts);
    let error = response.ok ? null : await toError(response);

    // The token is per session: another tab may have signed in again since we read ours.
    // Fetch the current one once and replay the request rather than failing the user's action.
    if (error?.status === 403 && error.code === CSRF_FAILED && MUTATING_METHODS.has(opts.method ?? 'GET')) {
      const session = await send(SESSION_PATH, {});
      if (session.ok) {
        const fresh = (await readBody(session)) as { csrfToken?: unknown } | undefined;
        if (typeof fresh?.csrfToken === 'string' && fresh.csrfToken !== csrfToken) {
          csrfToken = fresh.csrfToken;
          response = await send(path, opts);
          error = response.ok ? null : await toError(response);
        }
      }
    }
    if (error) throw error;
    return (await readBody(response)) as T;
  }

  return {
    request,
    get: (path, query, o) => request(path, { ...o, method: 'GET', query }),
    post: (path, body, o) => request(path, { ...o, method: 'POST', body }),
    put: (path, body, o) => request(path, { ...o, method: 'PUT', body }),
    patch: (path, body, o) => request(path, { ...o, method: 'PATCH', body }),
    delete: (path, o) => request(path, { ...o, method: 'DELETE' }),
    getCsrfToken: () => csrfToken,
    setCsrfToken: (token) => {
      csrfToken = token;
    },
  };
}

export function buildUrl(baseUrl: string, path: string, query?: QueryParams): string {
  const search = query ? toSearchParams(query).toString() : '';
  return `${baseUrl}${path}${search ? `${path.includes('?') ? '&' : '?'}${search}` : ''}`;
}

function toSearchParams(params: QueryParams | URLSearchParams): URLSearchParams {
  if (params instanceof URLSearchParams) return params;
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) out.append(key, String(item));
    else out.append(key, String(value));
  }
  return out;
}

async function readBody(response: Response): Promise<unknown> {
  // 204/205 have no body by definition (RFC 9110 §15.3.5, §15.3.6).
  if (response.status === 204 || response.status === 205) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!/[/+]json\b/i.test(type)) return text;
  return JSON.parse(text) as unknown;
}

async function toError(response: Response): Promise<PorticoApiError> {
  let body: unknown;
  try {
    body = await readBody(response);
  } catch {
    // A proxy's HTML error page or a truncated body: fall back to the status line.
    body = undefined;
  }
  return PorticoApiError.fromResponse(response.status, response.statusText, body);
}
