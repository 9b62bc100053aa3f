import { randomUUID } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import {
  type AuthMode,
  apis,
  catalogueEntries,
  type GrantType,
  policies,
  policyAccessRights,
  type ScopeDefinition,
} from '../db/schema.js';
import { apiAudience } from '../oauth/scopes.js';
import type { TestApp, TestSession } from './helpers.js';

/**
 * Catalogue fixtures for the portal's route tests: one API + policy + catalogue entry per call,
 * written the way the demo seed writes them (the admin CRUD is another feature's surface).
 */

export interface EntryFixtureOptions {
  name?: string;
  authMode?: AuthMode;
  grantTypes?: GrantType[];
  scopes?: ScopeDefinition[];
  approval?: 'auto' | 'manual';
  visibility?: 'public' | 'hidden';
  maxClientsPerDeveloper?: number | null;
  apiActive?: boolean;
  longDescription?: string;
  /** Publish an existing API again (another entry, another policy). */
  apiId?: string;
}

export interface EntryFixture {
  entryId: string;
  apiId: string;
  policyId: string;
  listenPath: string;
  audience: string;
  name: string;
}

export function createEntry(app: TestApp, options: EntryFixtureOptions = {}): EntryFixture {
  const db = app.database.db;
  const suffix = randomUUID().slice(0, 8);
  const name = options.name ?? `API ${suffix}`;
  const authMode = options.authMode ?? 'oauth2';
  const now = new Date();
  const scopes =
    options.scopes ?? (authMode === 'oauth2' ? [{ name: `s${suffix}:read`, description: 'Read' }] : []);
  let apiId = options.apiId;
  let listenPath: string;
  if (apiId) {
    listenPath = db
      .select()
      .from(apis)
      .all()
      .find((row) => row.id === apiId)!.listenPath;
  } else {
    apiId = randomUUID();
    listenPath = `/t-${suffix}/`;
    db.insert(apis)
      .values({
        id: apiId,
        name,
        slug: `t-${suffix}`,
        listenPath,
        upstreamUrl: 'http://127.0.0.1:9/upstream',
        authMode,
        active: options.apiActive ?? true,
        grantTypes:
          options.grantTypes ??
          (authMode === 'oauth2' ? ['authorization_code', 'client_credentials', 'refresh_token'] : []),
        scopes,
        createdAt: now,
        updatedAt: now,
      })
      .run();
  }
  const policyId = randomUUID();
  db.insert(policies)
    .values({
      id: policyId,
      name: `Policy ${suffix}`,
      rateLimit: 100,
      rateLimitPer: 60,
      quotaMax: 1000,
      quotaRenewal: 86_400,
      tokenExpiry: 1800,
      createdAt: now,
      updatedAt: now,
    })
    .run();
  db.insert(policyAccessRights).values({ policyId, apiId, allowedScopes: [] }).run();
  const entryId = randomUUID();
  db.insert(catalogueEntries)
    .values({
      id: entryId,
      apiId,
      policyId,
      name,
      shortDescription: `Short description of ${name}`,
      longDescription: options.longDescription ?? `# ${name}\n\nDocs.`,
      visibility: options.visibility ?? 'public',
      approval: options.approval ?? 'auto',
      maxClientsPerDeveloper: options.maxClientsPerDeveloper ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .run();
  return { entryId, apiId, policyId, listenPath, audience: apiAudience(app.config.issuer, listenPath), name };
}

/** `app.inject` with a session's cookie and CSRF header (or anonymous when `session` is undefined). */
export function call(
  app: TestApp,
  session: TestSession | undefined,
  method: NonNullable<InjectOptions['method']>,
  url: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    ...(session ? { headers: session.headers } : {}),
    ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
  });
}
