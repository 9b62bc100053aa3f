import { describe, expect, it } from 'vitest';
import type { Entitlement } from '../oauth/scopes.js';
import { accessTokenExceeds, rightsFromEntitlements } from './admin-token-rights.js';

const ISSUER = 'https://portico.test';

function entitlement(listenPath: string, defined: string[], accessRightScopes: string[]): Entitlement {
  return {
    api: {
      id: listenPath,
      name: listenPath,
      slug: listenPath.replaceAll('/', ''),
      listenPath,
      scopes: defined.map((name) => ({ name, description: '' })),
      grantTypes: ['client_credentials'],
      accessTokenTtl: 3600,
      refreshTokenTtl: 86400,
    },
    policy: { id: 'p', tokenExpiry: 3600 },
    accessRightScopes,
  };
}

const PAY = `${ISSUER}/gw/payments`;
const ORD = `${ISSUER}/gw/orders`;

describe('rightsFromEntitlements', () => {
  it('expands an empty access right to every defined scope and keeps explicit lists within the API', () => {
    const rights = rightsFromEntitlements(ISSUER, [
      entitlement('/payments/', ['pay:read', 'pay:write'], []),
      entitlement('/orders/', ['ord:read', 'ord:write'], ['ord:read', 'gone']),
    ]);
    expect([...(rights.get(PAY) ?? [])]).toEqual(['pay:read', 'pay:write']);
    expect([...(rights.get(ORD) ?? [])]).toEqual(['ord:read']);
  });

  it('adds up scopes reaching the same API through two policies', () => {
    const rights = rightsFromEntitlements(ISSUER, [
      entitlement('/payments/', ['a', 'b', 'c'], ['a']),
      entitlement('/payments/', ['a', 'b', 'c'], ['c']),
    ]);
    expect([...(rights.get(PAY) ?? [])].sort()).toEqual(['a', 'c']);
  });
});

describe('accessTokenExceeds', () => {
  const rights = rightsFromEntitlements(ISSUER, [
    entitlement('/payments/', ['pay:read', 'pay:write'], ['pay:read']),
    entitlement('/orders/', [], []),
  ]);

  it('keeps tokens within the rights', () => {
    expect(accessTokenExceeds({ audience: [PAY], scopes: ['pay:read'] }, rights)).toBe(false);
    expect(accessTokenExceeds({ audience: [PAY, ORD], scopes: ['pay:read'] }, rights)).toBe(false);
    expect(accessTokenExceeds({ audience: [ORD], scopes: [] }, rights)).toBe(false);
  });

  it('flags a withdrawn scope', () => {
    expect(accessTokenExceeds({ audience: [PAY], scopes: ['pay:read', 'pay:write'] }, rights)).toBe(true);
  });

  it('flags a withdrawn audience even when the scopes still fit elsewhere', () => {
    expect(accessTokenExceeds({ audience: [PAY, `${ISSUER}/gw/status`], scopes: ['pay:read'] }, rights)).toBe(
      true,
    );
  });

  it('flags a scope that only a different audience allows', () => {
    expect(accessTokenExceeds({ audience: [ORD], scopes: ['pay:read'] }, rights)).toBe(true);
  });

  it('flags everything when nothing is granted any more', () => {
    expect(accessTokenExceeds({ audience: [PAY], scopes: [] }, new Map())).toBe(true);
  });
});
