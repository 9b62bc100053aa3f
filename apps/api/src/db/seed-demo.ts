import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from './client.js';
import {
  type AuthMode,
  apis,
  catalogueEntries,
  type GrantType,
  policies,
  policyAccessRights,
  type ScopeDefinition,
} from './schema.js';

/** Known demo logins, printed at start. Demo data is for local evaluation only (PORTICO_DEMO=1). */
export const DEMO_ADMIN = { email: 'admin@portico.local', password: 'Portico-Admin-Demo-1' } as const;
export const DEMO_DEVELOPER = {
  email: 'dev@portico.local',
  password: 'Portico-Dev-Demo-1',
  name: 'Demo Developer',
} as const;

interface DemoApi {
  name: string;
  slug: string;
  listenPath: string;
  authMode: AuthMode;
  grantTypes: GrantType[];
  scopes: ScopeDefinition[];
  policy: {
    name: string;
    rateLimit: number;
    rateLimitPer: number;
    quotaMax: number | null;
    quotaRenewal: number | null;
  };
  entry: {
    shortDescription: string;
    longDescription: string;
    approval: 'auto' | 'manual';
    maxClientsPerDeveloper: number | null;
  };
}

const DAY = 86_400;
const OAUTH_GRANTS: GrantType[] = ['authorization_code', 'client_credentials', 'refresh_token'];

const DEMO_APIS: DemoApi[] = [
  {
    name: 'Payments API',
    slug: 'payments',
    listenPath: '/payments/',
    authMode: 'oauth2',
    grantTypes: OAUTH_GRANTS,
    scopes: [
      { name: 'payments:read', description: 'Read payments and refunds' },
      { name: 'payments:write', description: 'Create payments and refunds' },
    ],
    policy: {
      name: 'Payments standard',
      rateLimit: 100,
      rateLimitPer: 60,
      quotaMax: 10_000,
      quotaRenewal: DAY,
    },
    entry: {
      shortDescription: 'Take card payments and issue refunds.',
      longDescription:
        '## Payments API\n\nCreate payments, list them and issue refunds.\n\n' +
        '- `payments:read` — read payments and refunds\n- `payments:write` — create payments and refunds\n\n' +
        'Limits: 100 requests per minute, 10,000 requests per day.',
      approval: 'auto',
      maxClientsPerDeveloper: 5,
    },
  },
  {
    name: 'Orders API',
    slug: 'orders',
    listenPath: '/orders/',
    authMode: 'oauth2',
    grantTypes: OAUTH_GRANTS,
    scopes: [
      { name: 'orders:read', description: 'Read orders and their status' },
      { name: 'orders:write', description: 'Place and cancel orders' },
    ],
    policy: { name: 'Orders partner', rateLimit: 50, rateLimitPer: 60, quotaMax: 5_000, quotaRenewal: DAY },
    entry: {
      shortDescription: 'Place, track and cancel orders. Access is approved by the API team.',
      longDescription:
        '## Orders API\n\nPlace orders, follow their status and cancel them.\n\n' +
        '- `orders:read` — read orders\n- `orders:write` — place and cancel orders\n\n' +
        'New OAuth clients need approval by an administrator. Limits: 50 requests per minute, 5,000 per day.',
      approval: 'manual',
      maxClientsPerDeveloper: 3,
    },
  },
  {
    name: 'Status API',
    slug: 'status',
    listenPath: '/status/',
    authMode: 'keyless',
    grantTypes: [],
    scopes: [],
    policy: { name: 'Status open', rateLimit: 60, rateLimitPer: 60, quotaMax: null, quotaRenewal: null },
    entry: {
      shortDescription: 'Public service status. No credentials needed.',
      longDescription:
        '## Status API\n\nCurrent service status and incidents. Keyless: call it without a token.\n\n' +
        'Limit: 60 requests per minute.',
      approval: 'auto',
      maxClientsPerDeveloper: null,
    },
  },
];

function seedApi(db: Db, issuer: string, demo: DemoApi): boolean {
  return db.transaction((tx) => {
    if (tx.select({ id: apis.id }).from(apis).where(eq(apis.slug, demo.slug)).get()) return false;
    const now = new Date();
    const apiId = randomUUID();
    const policyId = randomUUID();
    tx.insert(apis)
      .values({
        id: apiId,
        name: demo.name,
        slug: demo.slug,
        listenPath: demo.listenPath,
        // The built-in echo route stands in for a real upstream, so the demo gateway works out of the box.
        upstreamUrl: `${issuer}/_echo/${demo.slug}`,
        authMode: demo.authMode,
        grantTypes: demo.grantTypes,
        scopes: demo.scopes,
        accessTokenTtl: 3600,
        refreshTokenTtl: 30 * DAY,
        createdAt: now,
        updatedAt: now,
      })
      .run();
    tx.insert(policies)
      .values({ id: policyId, ...demo.policy, tokenExpiry: 3600, createdAt: now, updatedAt: now })
      .run();
    tx.insert(policyAccessRights)
      .values({ policyId, apiId, allowedScopes: demo.scopes.map((s) => s.name) })
      .run();
    tx.insert(catalogueEntries)
      .values({
        id: randomUUID(),
        apiId,
        policyId,
        name: demo.name,
        visibility: 'public',
        ...demo.entry,
        createdAt: now,
        updatedAt: now,
      })
      .run();
    return true;
  });
}

/** Loads the demo APIs, policies, catalogue and developer. Idempotent: existing rows are left alone. */
export async function seedDemo(app: FastifyInstance): Promise<{ created: string[] }> {
  const created: string[] = [];
  for (const demo of DEMO_APIS) {
    if (seedApi(app.database.db, app.config.issuer, demo)) created.push(demo.name);
  }
  if (!app.repos.users.findByEmail(DEMO_DEVELOPER.email)) {
    const user = await app.services.auth.createUser({ ...DEMO_DEVELOPER, role: 'developer' });
    app.services.audit.record({
      actorId: null,
      actorType: 'system',
      action: 'user.demo_seeded',
      targetType: 'user',
      targetId: user.id,
    });
    created.push(DEMO_DEVELOPER.email);
  }
  if (created.length > 0) app.log.info({ created }, 'demo data loaded');
  return { created };
}
