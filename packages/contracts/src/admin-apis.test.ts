import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { ApiInput, checkApiRules, checkUpstreamUrl, normaliseListenPath, ScopeName } from './admin-apis.js';

describe('normaliseListenPath', () => {
  it.each([
    ['payments', '/payments/'],
    ['/Payments', '/payments/'],
    ['//orders//v2', '/orders/v2/'],
    ['  /status/ ', '/status/'],
    ['/a.b_c~d-e/', '/a.b_c~d-e/'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseListenPath(input)).toEqual({ ok: true, value: expected });
  });

  it.each(['', '/', '///', '/a/../b/', '/./', '/pay ments/', '/a?b', '/a#b', '/a%2e%2e/', '/a\\b'])(
    'refuses %j',
    (input) => {
      expect(normaliseListenPath(input).ok).toBe(false);
    },
  );
});

describe('checkUpstreamUrl', () => {
  it('accepts http and https', () => {
    expect(checkUpstreamUrl('https://api.internal.example/v1')).toBeUndefined();
    expect(checkUpstreamUrl('http://127.0.0.1:4000')).toBeUndefined();
  });
  it.each([
    'ftp://x.example',
    'javascript:alert(1)',
    'not a url',
    'https://u:p@x.example',
    'https://x.example/#f',
  ])('refuses %j', (input) => {
    expect(checkUpstreamUrl(input)).toBeTypeOf('string');
  });
});

describe('checkApiRules', () => {
  const base = { listenPath: '/payments/', upstreamUrl: 'https://up.example' };

  it('accepts a complete OAuth 2.0 API', () => {
    expect(
      checkApiRules({
        ...base,
        authMode: 'oauth2',
        grantTypes: ['authorization_code', 'refresh_token'],
        scopes: [{ name: 'payments:read', description: '' }],
      }),
    ).toEqual([]);
  });

  it('requires a grant type for oauth2 and refresh_token only alongside authorization_code', () => {
    expect(checkApiRules({ ...base, authMode: 'oauth2', grantTypes: [] })).toEqual([
      { field: 'grantTypes', message: expect.stringContaining('at least one') },
    ]);
    expect(
      checkApiRules({ ...base, authMode: 'oauth2', grantTypes: ['client_credentials', 'refresh_token'] }),
    ).toEqual([{ field: 'grantTypes', message: 'refresh_token needs authorization_code' }]);
  });

  it('refuses OAuth settings on other auth modes', () => {
    const errors = checkApiRules({
      ...base,
      authMode: 'keyless',
      grantTypes: ['client_credentials'],
      scopes: [{ name: 'x', description: '' }],
    });
    expect(errors.map((e) => e.field)).toEqual(['grantTypes', 'scopes']);
  });

  it('names duplicate scopes by index', () => {
    const errors = checkApiRules({
      ...base,
      authMode: 'oauth2',
      grantTypes: ['client_credentials'],
      scopes: [
        { name: 'read', description: '' },
        { name: 'read', description: 'again' },
      ],
    });
    expect(errors).toEqual([{ field: 'scopes/1/name', message: 'duplicate scope "read"' }]);
  });

  it('reports listen path and upstream problems per field', () => {
    const errors = checkApiRules({ listenPath: '/../', upstreamUrl: 'ftp://x', authMode: 'keyless' });
    expect(errors.map((e) => e.field)).toEqual(['listenPath', 'upstreamUrl']);
  });
});

describe('schemas', () => {
  it('scope names follow ^[a-z][a-z0-9:._-]*$', () => {
    expect(Value.Check(ScopeName, 'orders:write')).toBe(true);
    expect(Value.Check(ScopeName, 'Orders')).toBe(false);
    expect(Value.Check(ScopeName, '1read')).toBe(false);
    expect(Value.Check(ScopeName, 'read write')).toBe(false);
  });

  it('rejects unknown fields and non-http upstreams in ApiInput', () => {
    const body = {
      name: 'Payments',
      slug: 'payments',
      listenPath: '/payments/',
      upstreamUrl: 'https://up.example',
      authMode: 'keyless',
    };
    expect(Value.Check(ApiInput, body)).toBe(true);
    expect(Value.Check(ApiInput, { ...body, extra: 1 })).toBe(false);
    expect(Value.Check(ApiInput, { ...body, upstreamUrl: 'ftp://up.example' })).toBe(false);
    expect(Value.Check(ApiInput, { ...body, slug: 'Not A Slug' })).toBe(false);
  });
});
