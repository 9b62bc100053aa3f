import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import {
  APP_TYPE_PROFILES,
  CompleteClientBody,
  clientDetailsErrors,
  grantTypesFor,
  isConfidential,
  UpdateClientBody,
} from './clients.js';
import { redirectUriMessages } from './redirect-uri.js';

describe('app type rules', () => {
  it('derives grant types and confidentiality from the app type', () => {
    expect(grantTypesFor('web')).toEqual(['authorization_code', 'refresh_token']);
    expect(grantTypesFor('spa_native')).toEqual(['authorization_code', 'refresh_token']);
    expect(grantTypesFor('service')).toEqual(['client_credentials']);
    expect([isConfidential('web'), isConfidential('spa_native'), isConfidential('service')]).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('uses the documented labels', () => {
    expect(Object.values(APP_TYPE_PROFILES).map((p) => p.label)).toEqual([
      'Web application',
      'Single-page or native app',
      'Machine-to-machine service',
    ]);
  });
});

describe('clientDetailsErrors', () => {
  it('requires redirect URLs for code-flow clients and forbids them for services', () => {
    expect(clientDetailsErrors({ name: 'App', appType: 'web', redirectUris: [] })).toEqual([
      { field: 'redirectUris', message: redirectUriMessages.atLeastOne },
    ]);
    expect(
      clientDetailsErrors({ name: 'App', appType: 'spa_native', redirectUris: ['http://localhost:5173/cb'] }),
    ).toEqual([]);
    expect(clientDetailsErrors({ name: 'App', appType: 'service', redirectUris: [] })).toEqual([]);
    expect(
      clientDetailsErrors({ name: 'App', appType: 'service', redirectUris: ['https://a.example/cb'] }),
    ).toEqual([{ field: 'redirectUris', message: redirectUriMessages.noneAllowed }]);
  });

  it('refuses a blank name and reports redirect URL problems per index', () => {
    expect(
      clientDetailsErrors({
        name: '   ',
        appType: 'web',
        redirectUris: ['https://a.example/cb', 'http://b.example/cb'],
      }),
    ).toEqual([
      { field: 'name', message: 'Enter a name.' },
      { field: 'redirectUris/1', message: redirectUriMessages.insecureHttp },
    ]);
  });
});

describe('request schemas', () => {
  it('bounds name and description and rejects unknown fields', () => {
    const ok = { name: 'a'.repeat(100), description: 'd'.repeat(1000), appType: 'web', redirectUris: [] };
    expect(Value.Check(CompleteClientBody, ok)).toBe(true);
    expect(Value.Check(CompleteClientBody, { ...ok, name: '' })).toBe(false);
    expect(Value.Check(CompleteClientBody, { ...ok, name: 'a'.repeat(101) })).toBe(false);
    expect(Value.Check(CompleteClientBody, { ...ok, description: 'd'.repeat(1001) })).toBe(false);
    expect(Value.Check(CompleteClientBody, { ...ok, grantTypes: ['password'] })).toBe(false);
    expect(
      Value.Check(CompleteClientBody, { ...ok, redirectUris: Array(11).fill('https://a.example/cb') }),
    ).toBe(false);
  });

  it('needs at least one field in a patch', () => {
    expect(Value.Check(UpdateClientBody, {})).toBe(false);
    expect(Value.Check(UpdateClientBody, { name: 'New name' })).toBe(true);
  });
});
