import { type CryptoKey, exportJWK, generateKeyPair, importJWK, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Admission,
  admit,
  bearerToken,
  type ClientAccess,
  type GatewayApi,
  type GatewayCheckDeps,
  GatewayRejection,
  type TokenState,
} from './checks.js';
import { type ManualClock, manualClock } from './clock.js';
import { QuotaTracker } from './quota.js';
import { FixedWindowRateLimiter } from './rate-limiter.js';
import { TokenVerifier } from './token-verifier.js';

const ISSUER = 'https://portico.test';
const api: GatewayApi = {
  id: 'api-1',
  name: 'Payments',
  listenPath: '/payments/',
  prefix: '/payments',
  upstreamUrl: 'http://upstream/payments',
  upstream: { base: 'http://upstream/payments', search: '', root: false },
  authMode: 'oauth2',
  scopes: ['payments:read', 'payments:write'],
  audience: `${ISSUER}/gw/payments`,
};

let keys: Awaited<ReturnType<typeof generateKeyPair>>;
beforeAll(async () => {
  keys = await generateKeyPair('ES256');
});

interface World {
  clock: ManualClock;
  deps: GatewayCheckDeps;
  tokens: Map<string, TokenState>;
  access: ClientAccess | null;
}

function world(): World {
  const clock = manualClock(Date.now());
  const w: World = {
    clock,
    tokens: new Map([['jti-1', { revoked: false, userActive: true }]]),
    access: {
      clientRowId: 'row-1',
      key: 'row-1\u0000api-1',
      active: true,
      ownerActive: true,
      policy: {
        rateLimit: 100,
        rateLimitPerSeconds: 60,
        quotaMax: null,
        quotaRenewalSeconds: null,
        allowedScopes: [],
      },
    },
    deps: undefined as unknown as GatewayCheckDeps,
  };
  w.deps = {
    clock,
    verifier: new TokenVerifier({
      issuer: ISSUER,
      clock,
      resolveKey: async (kid) =>
        kid === 'k1' ? (importJWK(await exportJWK(keys.publicKey), 'ES256') as Promise<CryptoKey>) : null,
    }),
    tokenState: (jti) => w.tokens.get(jti) ?? null,
    clientAccess: (clientId) => (clientId === 'cid' ? w.access : null),
    rateLimiter: new FixedWindowRateLimiter(clock),
    quota: new QuotaTracker(clock, { load: () => null, save: () => {} }),
  };
  return w;
}

async function token(w: World, claims: Record<string, unknown> = {}) {
  const now = Math.floor(w.clock() / 1000);
  const jwt = await new SignJWT({
    client_id: 'cid',
    scope: 'payments:read other:scope',
    aud: [api.audience],
    sub: 'client:cid',
    jti: 'jti-1',
    iat: now,
    exp: now + 600,
    ...claims,
  })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'k1' })
    .setIssuer(ISSUER)
    .sign(keys.privateKey);
  return `Bearer ${jwt}`;
}

async function refusal(run: () => Admission | Promise<Admission>): Promise<GatewayRejection> {
  try {
    await run();
  } catch (error) {
    if (error instanceof GatewayRejection) return error;
    throw error;
  }
  throw new Error('expected the gateway to refuse the request');
}

describe('bearerToken', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc', 'abc'],
    ['BEARER   abc  ', 'abc'],
    ['Bearer', null],
    ['Bearer ', null],
    ['Bearer a b', null],
    ['Basic abc', null],
    ['Bearerabc', null],
  ])('%j → %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});

describe('gateway checks', () => {
  it('admits a valid token with the scopes that apply to this API', async () => {
    const w = world();
    const admission = await admit(api, await token(w), w.deps);
    expect(admission.identity).toEqual({
      clientId: 'cid',
      clientRowId: 'row-1',
      subject: 'client:cid',
      scopes: ['payments:read'],
      scope: 'payments:read',
    });
    expect(admission.headers).toMatchObject({ 'ratelimit-limit': '100', 'ratelimit-remaining': '99' });
  });

  it('lets keyless APIs through and answers 501 for auth_token APIs', async () => {
    const w = world();
    expect(await admit({ ...api, authMode: 'keyless' }, undefined, w.deps)).toEqual({
      identity: null,
      headers: {},
    });
    const e = await refusal(() => admit({ ...api, authMode: 'auth_token' }, undefined, w.deps));
    expect([e.statusCode, e.code]).toEqual([501, 'not_implemented']);
    expect(e.message).toMatch(/auth_token/);
  });

  it('401 without a token: a challenge without error code (RFC 6750 §3.1)', async () => {
    const e = await refusal(() => admit(api, undefined, world().deps));
    expect([e.statusCode, e.code, e.headers]).toEqual([
      401,
      'invalid_token',
      { 'www-authenticate': 'Bearer realm="portico"' },
    ]);
  });

  it.each([
    [
      'another scheme',
      async () => 'Basic Y2lkOnNlY3JldA==',
      'The Authorization header must be "Bearer <access token>".',
    ],
    ['a malformed token', async () => 'Bearer not-a-jwt', 'The access token is malformed.'],
    [
      'an expired token',
      async (w: World) => token(w, { exp: Math.floor(w.clock() / 1000) - 5 }),
      'The access token expired.',
    ],
  ])('401 invalid_token for %s', async (_name, make, description) => {
    const w = world();
    const e = await refusal(async () => admit(api, await make(w), w.deps));
    expect(e.statusCode).toBe(401);
    expect(e.code).toBe('invalid_token');
    expect(e.message).toBe(description);
    expect(e.headers?.['www-authenticate']).toBe(
      `Bearer realm="portico", error="invalid_token", error_description="${description.replaceAll('"', '')}"`,
    );
  });

  it('401 for a revoked or unknown jti, and the revocation applies to a cached token', async () => {
    const w = world();
    const auth = await token(w);
    await admit(api, auth, w.deps);
    w.tokens.set('jti-1', { revoked: true, userActive: true });
    expect((await refusal(() => admit(api, auth, w.deps))).message).toBe('The access token was revoked.');
    w.tokens.clear();
    expect((await refusal(() => admit(api, auth, w.deps))).statusCode).toBe(401);
  });

  it('403 when the audience is another API', async () => {
    const w = world();
    const e = await refusal(async () =>
      admit(api, await token(w, { aud: [`${ISSUER}/gw/weather`] }), w.deps),
    );
    expect([e.statusCode, e.code, e.clientRowId]).toEqual([403, 'access_denied', null]);
  });

  it.each<[string, (w: World) => void, RegExp]>([
    [
      'the client is unknown',
      (w) => {
        w.access = null;
      },
      /client of this token is not active/,
    ],
    [
      'the client is not active',
      (w) => {
        if (w.access) w.access.active = false;
      },
      /client of this token is not active/,
    ],
    [
      'the developer is deactivated',
      (w) => {
        if (w.access) w.access.ownerActive = false;
      },
      /developer account/,
    ],
    [
      'the end user is deactivated',
      (w) => w.tokens.set('jti-1', { revoked: false, userActive: false }),
      /user this token/,
    ],
    [
      'the client is not subscribed',
      (w) => {
        if (w.access) w.access.policy = null;
      },
      /not subscribed to Payments/,
    ],
  ])('403 access_denied when %s', async (_name, arrange, message) => {
    const w = world();
    const auth = await token(w);
    arrange(w);
    const e = await refusal(() => admit(api, auth, w.deps));
    expect([e.statusCode, e.code]).toEqual([403, 'access_denied']);
    expect(e.message).toMatch(message);
    expect(e.headers).toBeUndefined();
  });

  it('403 insufficient_scope when no scope of this API is granted, naming the scopes in the challenge', async () => {
    const w = world();
    let e = await refusal(async () => admit(api, await token(w, { scope: 'other:scope' }), w.deps));
    expect([e.statusCode, e.code, e.clientRowId]).toEqual([403, 'insufficient_scope', 'row-1']);
    expect(e.headers?.['www-authenticate']).toMatch(
      /^Bearer realm="portico", error="insufficient_scope", .*scope="payments:read payments:write"$/,
    );

    // The policy was narrowed after the token was issued: the token's scope no longer counts.
    if (w.access?.policy) w.access.policy.allowedScopes = ['payments:write'];
    e = await refusal(async () => admit(api, await token(w), w.deps));
    expect(e.code).toBe('insufficient_scope');
    expect(e.headers?.['www-authenticate']).toMatch(/scope="payments:write"$/);
  });

  it('passes APIs without scopes regardless of the token scope', async () => {
    const w = world();
    const admission = await admit({ ...api, scopes: [] }, await token(w, { scope: '' }), w.deps);
    expect(admission.identity?.scopes).toEqual([]);
  });

  it('429 with Retry-After and RateLimit-* once the window is spent, then lets the next window through', async () => {
    const w = world();
    if (w.access?.policy) Object.assign(w.access.policy, { rateLimit: 2, rateLimitPerSeconds: 10 });
    const auth = await token(w);
    await admit(api, auth, w.deps);
    w.clock.advance(4_000);
    await admit(api, auth, w.deps);
    const e = await refusal(() => admit(api, auth, w.deps));
    expect([e.statusCode, e.code, e.throttled, e.clientRowId]).toEqual([429, 'rate_limited', true, 'row-1']);
    expect(e.headers).toEqual({
      'ratelimit-limit': '2',
      'ratelimit-remaining': '0',
      'ratelimit-reset': '6',
      'ratelimit-policy': '2;w=10',
      'retry-after': '6',
    });
    w.clock.advance(6_000);
    expect((await admit(api, auth, w.deps)).headers['ratelimit-remaining']).toBe('1');
  });

  it('429 quota_exceeded saying when the quota renews; a rate-limited request does not spend quota', async () => {
    const w = world();
    const start = w.clock();
    if (w.access?.policy)
      Object.assign(w.access.policy, { rateLimit: 1, quotaMax: 2, quotaRenewalSeconds: 3600 });
    const auth = await token(w);
    await admit(api, auth, w.deps);
    expect((await refusal(() => admit(api, auth, w.deps))).code).toBe('rate_limited');
    w.clock.advance(60_000);
    await admit(api, auth, w.deps);
    w.clock.advance(60_000);
    const e = await refusal(() => admit(api, auth, w.deps));
    expect([e.statusCode, e.code, e.throttled]).toEqual([429, 'quota_exceeded', true]);
    expect(e.message).toBe(
      `Quota of 2 requests used up; it renews at ${new Date(start + 3_600_000).toISOString()}.`,
    );
    expect(e.headers?.['retry-after']).toBe(String(3600 - 120));
    w.clock.set(start + 3_600_000);
    expect((await admit(api, await token(w), w.deps)).identity).not.toBeNull();
  });
});
