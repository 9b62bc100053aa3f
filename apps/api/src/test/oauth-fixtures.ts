import { createServer } from 'node:net';
import type { AppType } from '@portico/contracts';
import { eq } from 'drizzle-orm';
import { policyAccessRights } from '../db/schema.js';
import { s256Challenge } from '../oauth/pkce.js';
import {
  type BuildTestAppOptions,
  buildTestApp,
  createUser,
  type TestApp,
  type TestSession,
} from './helpers.js';
import { createEntry, type EntryFixture, type EntryFixtureOptions } from './portal-fixtures.js';

/**
 * Fixtures for the authorization server's tests: clients created through the real wizard service
 * (draft → complete, so secrets are generated and hashed as in production), and a browser-like
 * walk through authorize → consent → redirect.
 */

/** A free TCP port on the loopback interface, so the issuer can name the port the app will listen on. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** An app whose issuer is `http://127.0.0.1:<port>` and that listens there (for oauth4webapi). */
export async function buildListeningApp(
  options: BuildTestAppOptions = {},
): Promise<{ app: TestApp; issuer: string }> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const app = await buildTestApp({ ...options, env: { PORTICO_ISSUER: issuer, ...options.env } });
  await app.listen({ port, host: '127.0.0.1' });
  return { app, issuer };
}

export interface ClientFixture {
  /** Row id. */
  id: string;
  clientId: string;
  clientSecret: string | null;
  ownerId: string;
  redirectUris: string[];
  entries: EntryFixture[];
}

export interface ClientFixtureOptions {
  appType?: AppType;
  redirectUris?: string[];
  /** Catalogue entries to subscribe to; one fresh oauth2 entry when omitted. */
  entries?: EntryFixture[];
  entry?: EntryFixtureOptions;
  ownerId?: string;
  name?: string;
}

export async function createClient(app: TestApp, options: ClientFixtureOptions = {}): Promise<ClientFixture> {
  const appType = options.appType ?? 'web';
  const ownerId = options.ownerId ?? (await createUser(app, { name: 'App Developer' })).id;
  const entries = options.entries ?? [createEntry(app, options.entry)];
  const redirectUris =
    options.redirectUris ?? (appType === 'service' ? [] : ['https://app.example.com/callback']);
  const actor = { id: ownerId, ip: '127.0.0.1' };
  const draft = app.services.clients.createDraft(
    actor,
    entries.map((entry) => entry.entryId),
  );
  const credentials = app.services.clients.complete(actor, draft.id, {
    name: options.name ?? `App ${draft.id.slice(0, 8)}`,
    description: 'An application under test',
    appType,
    redirectUris,
  });
  return {
    id: draft.id,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    ownerId,
    redirectUris,
    entries,
  };
}

/** Narrows what a policy's access right allows on its API (empty = every scope the API defines). */
export function setAllowedScopes(app: TestApp, entry: EntryFixture, scopes: string[]): void {
  app.database.db
    .update(policyAccessRights)
    .set({ allowedScopes: scopes })
    .where(eq(policyAccessRights.policyId, entry.policyId))
    .run();
}

export const basicAuth = (clientId: string, secret: string): string =>
  `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;

export const TEST_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-with-more-entropy';
export const TEST_CHALLENGE = s256Challenge(TEST_VERIFIER);

export interface AuthorizeParams {
  client_id: string;
  redirect_uri?: string;
  response_type?: string;
  scope?: string;
  state?: string;
  code_challenge?: string;
  code_challenge_method?: string;
  /** Repeated parameters (RFC 8707 `resource`) as arrays. */
  [name: string]: string | string[] | undefined;
}

export function authorizeUrl(params: AuthorizeParams): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries({ response_type: 'code', ...params })) {
    for (const item of value === undefined ? [] : Array.isArray(value) ? value : [value])
      search.append(name, item);
  }
  return `/oauth/authorize?${search}`;
}

/** GET /oauth/authorize as a browser with `session` (or anonymously). */
export function authorize(app: TestApp, params: AuthorizeParams | string, session?: TestSession) {
  return app.inject({
    method: 'GET',
    url: typeof params === 'string' ? params : authorizeUrl(params),
    ...(session ? { headers: { cookie: session.cookie } } : {}),
  });
}

/** The request id from a redirect to the consent screen. */
export function consentRequestId(location: string | undefined): string {
  const url = new URL(location ?? '', 'http://portal.invalid');
  const id = url.searchParams.get('request');
  if (url.pathname !== '/consent' || id === null) throw new Error(`not a consent redirect: ${location}`);
  return id;
}

/** Walks authorize → consent (allow/deny) and returns the final client redirect as a URL. */
export async function authorizeWithConsent(
  app: TestApp,
  session: TestSession,
  params: AuthorizeParams,
  decision: 'allow' | 'deny' = 'allow',
): Promise<URL> {
  const res = await authorize(app, params, session);
  if (res.statusCode !== 302) throw new Error(`authorize answered ${res.statusCode}: ${res.body}`);
  const location = res.headers.location as string;
  if (!location.startsWith('/consent')) return new URL(location);
  const id = consentRequestId(location);
  const decided = await app.inject({
    method: 'POST',
    url: `/api/oauth/authorize-request/${id}/decision`,
    headers: session.headers,
    payload: { decision },
  });
  if (decided.statusCode !== 200) throw new Error(`decision answered ${decided.statusCode}: ${decided.body}`);
  return new URL((decided.json() as { redirectTo: string }).redirectTo);
}

/** POST a form to an OAuth endpoint. */
export function postForm(
  app: TestApp,
  url: string,
  form: Record<string, string | string[]>,
  headers: Record<string, string> = {},
) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  }
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: body.toString(),
  });
}

/**
 * Exchanges the code of an authorization callback (made with TEST_CHALLENGE) at the token endpoint:
 * Basic authentication for a confidential client, its client_id alone for a public one.
 */
export function exchangeCode(app: TestApp, client: ClientFixture, callback: URL) {
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`no code in ${callback.href}`);
  return postForm(
    app,
    '/oauth/token',
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: client.redirectUris[0]!,
      code_verifier: TEST_VERIFIER,
      ...(client.clientSecret ? {} : { client_id: client.clientId }),
    },
    client.clientSecret ? { authorization: basicAuth(client.clientId, client.clientSecret) } : {},
  );
}
