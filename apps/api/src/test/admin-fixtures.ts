import { randomUUID } from 'node:crypto';
import type {
  AdminApi,
  AdminCatalogueEntry,
  AdminPolicy,
  ApiInput,
  CatalogueEntryInput,
  PolicyInput,
} from '@portico/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import { accessTokens, type ClientStatus, type SubscriptionStatus } from '../db/schema.js';
import { apiAudience } from '../oauth/scopes.js';
import { ClientsRepository } from '../repositories/clients.js';
import { buildTestApp, createUser, login, type TestApp, type TestSession } from './helpers.js';

/**
 * Fixtures for the Dashboard's route tests. APIs, policies and catalogue entries are created through
 * the admin REST API itself; clients and tokens (written by other features) are inserted through
 * their repositories, as the authorization server would.
 */

export async function adminSession(app: TestApp): Promise<TestSession> {
  const admin = await createUser(app, { role: 'admin', name: 'Ada Admin' });
  return login(app, admin.email, admin.password);
}

export interface AdminTestApp {
  app: TestApp;
  /** Ada Admin, signed in. */
  admin: TestSession;
}

/**
 * One app per test file, on its own database, with a signed-in admin: registers the file's
 * `beforeAll` (which hands both to `ready`, e.g. `setupAdminApp((s) => ({ app, admin } = s))`) and
 * the `afterAll` that closes the app.
 */
export function setupAdminApp(ready: (setup: AdminTestApp) => void): void {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await buildTestApp();
    ready({ app, admin: await adminSession(app) });
  });
  afterAll(async () => {
    await app?.close();
  });
}

const suffix = () => randomUUID().slice(0, 8);

export function apiBody(overrides: Partial<ApiInput> = {}): ApiInput {
  const id = suffix();
  return {
    name: `Payments ${id}`,
    slug: `payments-${id}`,
    listenPath: `/payments-${id}/`,
    upstreamUrl: 'https://upstream.example/v1',
    authMode: 'oauth2',
    grantTypes: ['authorization_code', 'client_credentials', 'refresh_token'],
    scopes: [
      { name: 'payments:read', description: 'Read payments' },
      { name: 'payments:write', description: 'Create payments' },
    ],
    ...overrides,
  };
}

async function send<T>(
  app: TestApp,
  session: TestSession,
  method: 'POST' | 'PATCH',
  url: string,
  payload: object,
): Promise<T> {
  const res = await app.inject({ method, url, headers: session.headers, payload });
  if (res.statusCode >= 300) throw new Error(`${method} ${url} failed: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

export const createApi = (app: TestApp, session: TestSession, overrides: Partial<ApiInput> = {}) =>
  send<AdminApi>(app, session, 'POST', '/api/admin/apis', apiBody(overrides));

export const createPolicy = (
  app: TestApp,
  session: TestSession,
  apiIds: string[] | { apiId: string; allowedScopes: string[] }[],
  overrides: Partial<PolicyInput> = {},
) =>
  send<AdminPolicy>(app, session, 'POST', '/api/admin/policies', {
    name: `Gold ${suffix()}`,
    accessRights: apiIds.map((right) =>
      typeof right === 'string' ? { apiId: right, allowedScopes: [] } : right,
    ),
    rateLimit: { requests: 100, perSeconds: 60 },
    quota: { max: 10_000, renewalSeconds: 86_400 },
    ...overrides,
  });

export const createEntry = (
  app: TestApp,
  session: TestSession,
  values: Pick<CatalogueEntryInput, 'apiId' | 'policyId'> & Partial<CatalogueEntryInput>,
) =>
  send<AdminCatalogueEntry>(app, session, 'POST', '/api/admin/catalogue', {
    name: `Entry ${suffix()}`,
    shortDescription: 'Published for tests',
    ...values,
  });

export interface ClientOptions {
  ownerId?: string;
  name?: string;
  status?: ClientStatus;
  subscriptions: { entryId: string; status?: SubscriptionStatus }[];
}

/** An OAuth client row with subscriptions, as the wizard leaves it. */
export async function insertClient(
  app: TestApp,
  options: ClientOptions,
): Promise<{ id: string; ownerId: string }> {
  const clients = new ClientsRepository(app.database.db);
  const ownerId = options.ownerId ?? (await createUser(app, { name: 'Client Owner' })).id;
  const draft = clients.createDraft({
    ownerId,
    clientId: `pc_${randomUUID().replaceAll('-', '')}`,
    appType: 'web',
    grantTypes: ['authorization_code', 'refresh_token'],
    catalogueEntryIds: [],
  });
  clients.update(draft.id, {
    name: options.name ?? `App ${suffix()}`,
    status: options.status ?? 'active',
    redirectUris: ['https://app.example/callback'],
  });
  clients.replaceSubscriptions(
    draft.id,
    options.subscriptions.map((s) => ({ catalogueEntryId: s.entryId, status: s.status ?? 'active' })),
  );
  return { id: draft.id, ownerId };
}

/**
 * A live access token row for a client (`clientId` is the row id), as the token endpoint writes it.
 * Written straight into the table: the fixture must not depend on how the authorization server
 * batches its own writes.
 */
export function insertAccessToken(
  app: TestApp,
  values: { clientId: string; listenPaths: string[]; scopes: string[]; userId?: string },
): string {
  const jti = randomUUID();
  const now = Date.now();
  app.database.db
    .insert(accessTokens)
    .values({
      jti,
      clientId: values.clientId,
      subject: values.userId ?? `client:${values.clientId}`,
      userId: values.userId ?? null,
      audience: values.listenPaths.map((path) => apiAudience(app.config.issuer, path)),
      scopes: values.scopes,
      issuedAt: new Date(now),
      expiresAt: new Date(now + 3_600_000),
    })
    .run();
  return jti;
}

export function isRevoked(app: TestApp, jti: string): boolean {
  const row = app.database.db.select().from(accessTokens).where(eq(accessTokens.jti, jti)).get();
  if (!row) throw new Error(`no token ${jti}`);
  return row.revokedAt !== null;
}
