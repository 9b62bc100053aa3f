import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { createValidatorCompiler } from './validator.js';

const compile = createValidatorCompiler();
const schema = Type.Object(
  { quota: Type.Union([Type.Integer(), Type.Null()]) },
  { additionalProperties: false },
);
const check = (httpPart: string, data: unknown) => {
  const validate = compile({ schema, httpPart, method: 'POST', url: '/x' }) as (d: unknown) => boolean;
  return { ok: validate(data), data };
};

describe('createValidatorCompiler', () => {
  it('does not coerce JSON bodies: false or "" is not a valid nullable integer', () => {
    expect(check('body', { quota: false }).ok).toBe(false);
    expect(check('body', { quota: '' }).ok).toBe(false);
    const zero = check('body', { quota: 0 });
    expect(zero.ok).toBe(true);
    expect(zero.data).toEqual({ quota: 0 });
  });

  it('coerces query strings, which are always text', () => {
    const result = check('querystring', { quota: '5' });
    expect(result.ok).toBe(true);
    expect(result.data).toEqual({ quota: 5 });
  });

  it('rejects unknown fields instead of stripping them', () => {
    expect(check('body', { quota: 1, extra: true }).ok).toBe(false);
  });
});
