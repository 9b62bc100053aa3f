import type { APIRequestContext, APIResponse } from '@playwright/test';
import type { CSRF_HEADER, LoginBody, RegisterBody, SessionResponse } from '@portico/contracts';

// Kept as a literal so the suite loads without a built @portico/contracts; the type ties it to the contract.
const csrfHeader: typeof CSRF_HEADER = 'x-csrf-token';

/** Credentials of a user the suite created, enough to sign in through the browser. */
export type UserCredentials = RegisterBody;

/**
 * Seeds and reads data through Portico's HTTP API, the way immich's e2e utils do: tests
 * prepare state over HTTP and keep the browser for what they actually check.
 * One instance holds one session (the request context's cookie jar) and its CSRF token.
 */
export class PorticoApi {
  private csrfToken: string | undefined;

  constructor(readonly request: APIRequestContext) {}

  async register(body: RegisterBody): Promise<SessionResponse> {
    return this.remember(await this.request.post('/api/auth/register', { data: body }));
  }

  async login(body: LoginBody): Promise<SessionResponse> {
    return this.remember(await this.request.post('/api/auth/login', { data: body }));
  }

  async me(): Promise<SessionResponse> {
    return this.remember(await this.request.get('/api/auth/me'));
  }

  async logout(): Promise<void> {
    await expectOk(await this.request.post('/api/auth/logout', { headers: this.csrfHeaders() }));
    this.csrfToken = undefined;
  }

  /** A read on behalf of the signed-in user; the raw response, so tests can check refusals. */
  async get(url: string): Promise<APIResponse> {
    return this.request.get(url);
  }

  /** A state-changing call on behalf of the signed-in user (sends the CSRF header). */
  async post<T>(url: string, data?: unknown): Promise<T> {
    const response = await this.request.post(url, { data, headers: this.csrfHeaders() });
    await expectOk(response);
    return (await response.json()) as T;
  }

  private csrfHeaders(): Record<string, string> {
    return this.csrfToken ? { [csrfHeader]: this.csrfToken } : {};
  }

  private async remember(response: APIResponse): Promise<SessionResponse> {
    await expectOk(response);
    const session = (await response.json()) as SessionResponse;
    this.csrfToken = session.csrfToken;
    return session;
  }
}

async function expectOk(response: APIResponse): Promise<void> {
  if (response.ok()) return;
  const url = new URL(response.url());
  throw new Error(`${url.pathname} answered ${response.status()}: ${await response.text()}`);
}
