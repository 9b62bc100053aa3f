import { describe, expect, it } from 'vitest';
import { OAuthError } from './errors.js';
import { repeatedParam, requiredParam, singleParam } from './params.js';

describe('OAuth parameters (RFC 6749 §3.1)', () => {
  it('reads single values and treats empty ones as absent', () => {
    expect(singleParam({ a: 'x' }, 'a')).toBe('x');
    expect(singleParam({ a: '' }, 'a')).toBeUndefined();
    expect(singleParam({}, 'a')).toBeUndefined();
  });

  it('refuses repeated parameters', () => {
    expect(() => singleParam({ a: ['x', 'y'] }, 'a')).toThrow(OAuthError);
    expect(repeatedParam({ a: 'x', b: ['1', '2'] }, ['a', 'b'])).toBe('b');
    expect(repeatedParam({ a: 'x' }, ['a', 'b'])).toBeUndefined();
  });

  it('requires parameters', () => {
    expect(() => requiredParam({}, 'code')).toThrow(/'code' parameter is required/);
  });
});
