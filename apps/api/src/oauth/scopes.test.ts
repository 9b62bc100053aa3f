import { describe, expect, it } from 'vitest';
import { OAuthError } from './errors.js';
import {
  apiAudience,
  consentCovers,
  type Entitlement,
  mergeApiScopes,
  narrowToResources,
  parseScope,
  refreshTerms,
  resolveScopes,
} from './scopes.js';

const ISSUER = 'https://portico.example.com';

function entitlement(
  overrides: Partial<Entitlement['api']> & { id: string },
  accessRightScopes: string[] = [],
  tokenExpiry = 3600,
): Entitlement {
  return {
    api: {
      name: overrides.id,
      slug: overrides.id,
      listenPath: `/${overrides.id}/`,
      scopes: [],
      grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'],
      accessTokenTtl: 3600,
      refreshTokenTtl: 86_400,
      ...overrides,
    },
    policy: { id: `policy-${overrides.id}`, tokenExpiry },
    accessRightScopes,
  };
}

const scopes = (...names: string[]) => names.map((name) => ({ name, description: name }));

const payments = entitlement(
  { id: 'payments', scopes: scopes('payments:read', 'payments:write', 'payments:admin') },
  ['payments:read', 'payments:write'],
);
const weather = entitlement({ id: 'weather', scopes: scopes('weather:read'), accessTokenTtl: 600 });

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof OAuthError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('parseScope', () => {
  it('splits on spaces, drops duplicates, keeps order', () => {
    expect(parseScope('b a b')).toEqual(['b', 'a']);
    expect(parseScope(undefined)).toBeUndefined();
    expect(parseScope('  ')).toBeUndefined();
  });

  it('refuses characters outside RFC 6749 §3.3', () => {
    expect(code(() => parseScope('ok "quoted"'))).toBe('invalid_scope');
    expect(code(() => parseScope('back\\slash'))).toBe('invalid_scope');
  });
});

describe('resolveScopes', () => {
  const base = {
    issuer: ISSUER,
    entitlements: [payments, weather],
    grantType: 'authorization_code' as const,
  };

  it('grants every allowed scope when none is asked for', () => {
    const result = resolveScopes({ ...base, requested: undefined });
    expect(result.scopes).toEqual(['payments:read', 'payments:write', 'weather:read']);
    expect(result.apis.map((api) => api.audience)).toEqual([`${ISSUER}/gw/payments`, `${ISSUER}/gw/weather`]);
    expect(result.accessTokenTtl).toBe(600);
    expect(result.refreshAllowed).toBe(true);
  });

  it('keeps the policy within the API: a scope the API defines but the access right omits is refused', () => {
    expect(code(() => resolveScopes({ ...base, requested: ['payments:admin'] }))).toBe('invalid_scope');
  });

  it('refuses scopes no subscription allows', () => {
    expect(code(() => resolveScopes({ ...base, requested: ['payments:read', 'unknown'] }))).toBe(
      'invalid_scope',
    );
  });

  it('narrows the audience to the APIs of the requested scopes', () => {
    const result = resolveScopes({ ...base, requested: ['payments:read'] });
    expect(result.scopes).toEqual(['payments:read']);
    expect(result.apis.map((api) => api.id)).toEqual(['payments']);
    expect(result.accessTokenTtl).toBe(3600);
  });

  it('takes the shortest lifetime of API and policy', () => {
    const short = entitlement({ id: 'short', scopes: scopes('s') }, [], 120);
    expect(
      resolveScopes({ ...base, entitlements: [payments, short], requested: undefined }).accessTokenTtl,
    ).toBe(120);
  });

  it('only uses APIs that allow the grant type', () => {
    const codeOnly = entitlement({
      id: 'code-only',
      scopes: scopes('c'),
      grantTypes: ['authorization_code'],
    });
    const result = resolveScopes({
      ...base,
      entitlements: [payments, codeOnly],
      grantType: 'client_credentials',
      requested: undefined,
    });
    expect(result.apis.map((api) => api.id)).toEqual(['payments']);
    expect(
      code(() =>
        resolveScopes({
          ...base,
          entitlements: [codeOnly],
          grantType: 'client_credentials',
          requested: undefined,
        }),
      ),
    ).toBe('unauthorized_client');
    expect(code(() => resolveScopes({ ...base, entitlements: [], requested: undefined }))).toBe(
      'unauthorized_client',
    );
  });

  it('offers refresh tokens only when every API in the audience allows them', () => {
    const noRefresh = entitlement({
      id: 'no-refresh',
      scopes: scopes('n'),
      grantTypes: ['authorization_code'],
    });
    expect(
      resolveScopes({ ...base, entitlements: [payments, noRefresh], requested: undefined }).refreshAllowed,
    ).toBe(false);
    expect(
      resolveScopes({ ...base, entitlements: [payments, noRefresh], requested: ['payments:read'] })
        .refreshAllowed,
    ).toBe(true);
  });

  it('merges two subscriptions to the same API', () => {
    const other = entitlement({ id: 'payments', scopes: payments.api.scopes }, ['payments:admin'], 60);
    const result = resolveScopes({ ...base, entitlements: [payments, other], requested: undefined });
    expect(result.scopes).toEqual(['payments:read', 'payments:write', 'payments:admin']);
    expect(result.apis).toHaveLength(1);
    expect(result.accessTokenTtl).toBe(60);
  });

  it('keeps APIs that define no scopes in the audience when no scope is asked for', () => {
    const open = entitlement({ id: 'open' });
    const result = resolveScopes({ ...base, entitlements: [open], requested: undefined });
    expect(result.scopes).toEqual([]);
    expect(result.apis.map((api) => api.id)).toEqual(['open']);
  });

  describe('with a ceiling (refresh)', () => {
    const ceiling = { scopes: ['payments:read', 'weather:read'], apiIds: ['payments', 'weather'] };

    it('keeps the grant scopes when none is asked for', () => {
      const result = resolveScopes({ ...base, requested: undefined, ceiling });
      expect(result.scopes).toEqual(['payments:read', 'weather:read']);
    });

    it('narrows', () => {
      const result = resolveScopes({ ...base, requested: ['weather:read'], ceiling });
      expect(result.scopes).toEqual(['weather:read']);
      expect(result.apis.map((api) => api.id)).toEqual(['weather']);
    });

    it('never widens, even to a scope the client is allowed', () => {
      expect(code(() => resolveScopes({ ...base, requested: ['payments:write'], ceiling }))).toBe(
        'invalid_scope',
      );
    });

    it('drops scopes the policy no longer allows', () => {
      const narrowed = entitlement({ id: 'payments', scopes: payments.api.scopes }, ['payments:write']);
      const result = resolveScopes({
        ...base,
        entitlements: [narrowed, weather],
        requested: undefined,
        ceiling,
      });
      expect(result.scopes).toEqual(['weather:read']);
      expect(result.apis.map((api) => api.id)).toEqual(['weather']);
    });

    describe("with the grant's scope–API pairs", () => {
      const pairs = { payments: ['payments:read'], weather: ['weather:read'] };
      // Weather has come to define payments:read since the user authorized it on payments only.
      const weatherToo = entitlement({ ...weather.api, scopes: scopes('weather:read', 'payments:read') });

      it('issues what stays within the pairs', () => {
        const result = resolveScopes({
          ...base,
          requested: undefined,
          ceiling: { ...ceiling, apiScopes: pairs },
        });
        expect(result.scopes).toEqual(['payments:read', 'weather:read']);
      });

      it('refuses a token that would hold a scope on an API it was not authorized on', () => {
        const widened = {
          ...base,
          entitlements: [payments, weatherToo],
          ceiling: { ...ceiling, apiScopes: pairs },
        };
        expect(code(() => resolveScopes({ ...widened, requested: undefined }))).toBe('invalid_scope');
        expect(code(() => resolveScopes({ ...widened, requested: ['payments:read'] }))).toBe('invalid_scope');
        expect(resolveScopes({ ...widened, requested: ['weather:read'] }).apis.map((api) => api.id)).toEqual([
          'weather',
        ]);
      });

      it('counts an API authorized without scopes as authorized for none', () => {
        const open = entitlement({ id: 'open', scopes: scopes('weather:read') });
        const ceilingWithOpen = {
          scopes: ['weather:read'],
          apiIds: ['weather', 'open'],
          apiScopes: { weather: ['weather:read'], open: [] },
        };
        expect(
          code(() =>
            resolveScopes({
              ...base,
              entitlements: [weather, open],
              requested: undefined,
              ceiling: ceilingWithOpen,
            }),
          ),
        ).toBe('invalid_scope');
      });

      it('leaves a grant without pairs (made before they were kept) to the flat lists', () => {
        const result = resolveScopes({
          ...base,
          entitlements: [payments, weatherToo],
          requested: undefined,
          ceiling: { ...ceiling, apiScopes: null },
        });
        expect(result.apis.map((api) => api.id)).toEqual(['payments', 'weather']);
      });
    });

    describe('on a refresh (grant type refresh_token)', () => {
      const refreshing = { ...base, grantType: 'refresh_token' as const, ceiling };
      const noRefresh = (e: Entitlement, grantTypes = ['authorization_code', 'client_credentials']) =>
        entitlement({ ...e.api, grantTypes }, [...e.accessRightScopes], e.policy.tokenExpiry);

      it('leaves out APIs that no longer allow refresh tokens, and offers no new refresh token', () => {
        const result = resolveScopes({
          ...refreshing,
          entitlements: [payments, noRefresh(weather)],
          requested: undefined,
        });
        expect(result.apis.map((api) => api.id)).toEqual(['payments']);
        expect(result.scopes).toEqual(['payments:read']);
        expect(result.refreshAllowed).toBe(false);
        // Narrowed to the API that still allows them: the refresh token would keep weather:read.
        const narrowed = resolveScopes({
          ...refreshing,
          entitlements: [payments, noRefresh(weather)],
          requested: ['payments:read'],
        });
        expect(narrowed.refreshAllowed).toBe(false);
        expect(
          code(() =>
            resolveScopes({ ...refreshing, entitlements: [noRefresh(weather)], requested: undefined }),
          ),
        ).toBe('unauthorized_client');
      });

      it('needs authorization_code too (refresh tokens only come from the code flow)', () => {
        const result = resolveScopes({
          ...refreshing,
          entitlements: [payments, noRefresh(weather, ['refresh_token', 'client_credentials'])],
          requested: undefined,
        });
        expect(result.apis.map((api) => api.id)).toEqual(['payments']);
      });

      it("takes the refresh token lifetime over the grant's APIs, not the narrowed audience", () => {
        const shortPayments = entitlement({ ...payments.api, refreshTokenTtl: 3600 }, [
          ...payments.accessRightScopes,
        ]);
        const longWeather = entitlement({ ...weather.api, refreshTokenTtl: 30 * 86_400 });
        const narrowed = resolveScopes({
          ...refreshing,
          entitlements: [shortPayments, longWeather],
          requested: ['weather:read'],
        });
        expect(narrowed.apis.map((api) => api.id)).toEqual(['weather']);
        expect(narrowed.refreshTokenTtl).toBe(3600);
        expect(narrowed.refreshAllowed).toBe(true);
        // The code grant's narrowed audience is all it is about (no refresh token is kept beyond it).
        expect(
          resolveScopes({
            ...base,
            entitlements: [shortPayments, longWeather],
            requested: ['weather:read'],
            ceiling,
          }).refreshTokenTtl,
        ).toBe(30 * 86_400);
      });
    });

    it('never adds APIs outside the grant', () => {
      const result = resolveScopes({
        ...base,
        requested: undefined,
        ceiling: { scopes: ['payments:read'], apiIds: ['payments'] },
      });
      expect(result.apis.map((api) => api.id)).toEqual(['payments']);
    });
  });
});

describe('refreshTerms', () => {
  const ceiling = { scopes: ['payments:read'], apiIds: ['payments', 'weather', 'open'] };

  it("counts the grant's APIs the refresh token's scopes reach, and those that define none", () => {
    const open = entitlement({ id: 'open', refreshTokenTtl: 60 });
    const longPayments = entitlement({ ...payments.api, refreshTokenTtl: 7200 });
    // weather:read is not in the refresh token: weather's lifetime does not count.
    const shortWeather = entitlement({ ...weather.api, refreshTokenTtl: 10, grantTypes: [] });
    expect(
      refreshTerms([longPayments, shortWeather], { ...ceiling, apiIds: ['payments', 'weather'] }),
    ).toEqual({
      refreshTokenTtl: 7200,
      refreshAllowed: true,
    });
    expect(refreshTerms([longPayments, shortWeather, open], ceiling).refreshTokenTtl).toBe(60);
    // An API outside the grant never counts.
    expect(refreshTerms([longPayments], { ...ceiling, apiIds: ['weather'] }).refreshTokenTtl).toBe(
      Number.POSITIVE_INFINITY,
    );
  });

  it('refuses refresh when the client lost an API of the grant (its lifetime is unknown)', () => {
    const shortOpen = entitlement({ id: 'open', refreshTokenTtl: 60 });
    expect(refreshTerms([payments, shortOpen], ceiling).refreshAllowed).toBe(false);
  });

  it('refuses refresh when one of those APIs no longer allows it', () => {
    const open = entitlement({ id: 'open', grantTypes: ['authorization_code'] });
    expect(refreshTerms([payments, open], ceiling).refreshAllowed).toBe(false);
  });
});

describe('helpers', () => {
  it('derives the audience from the listen path', () => {
    expect(apiAudience(ISSUER, '/payments/')).toBe(`${ISSUER}/gw/payments`);
    expect(apiAudience(ISSUER, '/v1/payments')).toBe(`${ISSUER}/gw/v1/payments`);
  });

  it('checks consent coverage per scope–API pair', () => {
    const granted = { apiScopes: { x: ['a', 'b'], y: ['c'], z: [] } };
    const ask = (apiScopes: Record<string, string[]>) => ({
      scopes: [...new Set(Object.values(apiScopes).flat())],
      apiIds: Object.keys(apiScopes),
      apiScopes,
    });
    expect(consentCovers(granted, ask({ x: ['a'] }))).toBe(true);
    expect(consentCovers(granted, ask({ x: ['a', 'b'], y: ['c'], z: [] }))).toBe(true);
    expect(consentCovers(granted, ask({ x: ['a', 'd'] }))).toBe(false);
    // A scope allowed on one API is not allowed on another that defines the same name.
    expect(consentCovers(granted, ask({ y: ['a'] }))).toBe(false);
    expect(consentCovers(granted, ask({ x: ['a'], y: ['a', 'c'] }))).toBe(false);
    // An API without scopes is covered only if it was allowed.
    expect(consentCovers(granted, ask({ w: [] }))).toBe(false);
    expect(consentCovers(granted, ask({ z: [] }))).toBe(true);
    // Names of Object.prototype are not APIs anybody allowed.
    expect(consentCovers(granted, ask({ constructor: [] }))).toBe(false);
  });

  it('treats records from before the pairs were kept strictly', () => {
    // A consent without pairs covers nothing; the user is asked again.
    expect(consentCovers({ apiScopes: null }, { scopes: [], apiIds: ['z'], apiScopes: { z: [] } })).toBe(
      false,
    );
    // A request without pairs asks for every requested scope on each of its APIs.
    const granted = { apiScopes: { x: ['a'], y: ['b'] } };
    expect(consentCovers(granted, { scopes: ['a'], apiIds: ['x', 'y'], apiScopes: {} })).toBe(false);
    expect(consentCovers(granted, { scopes: ['a'], apiIds: ['x'], apiScopes: {} })).toBe(true);
  });

  it('merges allowed pairs per API', () => {
    expect(mergeApiScopes(null, { x: ['a'], y: [] }, { x: ['b', 'a'], z: ['c'] })).toEqual({
      x: ['a', 'b'],
      y: [],
      z: ['c'],
    });
    expect(mergeApiScopes(null)).toEqual({});
  });
});

describe('narrowToResources (RFC 8707)', () => {
  const resolution = resolveScopes({
    issuer: ISSUER,
    entitlements: [payments, weather],
    grantType: 'client_credentials',
    requested: undefined,
  });
  const paymentsAudience = apiAudience(ISSUER, '/payments/');

  it('keeps the APIs named and their scopes only; no resource changes nothing', () => {
    const narrowed = narrowToResources(resolution, [paymentsAudience]);
    expect(narrowed.apis.map((api) => api.id)).toEqual(['payments']);
    expect(narrowed.scopes).toEqual(['payments:read', 'payments:write']);
    expect(narrowToResources(resolution, [])).toBe(resolution);
  });

  it('refuses what is not an API of the token, or not an absolute URI without a fragment', () => {
    for (const resource of ['https://elsewhere.example/', 'payments', `${paymentsAudience}#x`]) {
      expect(code(() => narrowToResources(resolution, [resource]))).toBe('invalid_target');
    }
  });
});
