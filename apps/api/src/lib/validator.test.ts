import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { createValidatorCompiler, hasAtMostNodes, MAX_REPORTED_ERRORS } from './validator.js';

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

describe('how many problems are reported', () => {
  const form = Type.Object(
    { name: Type.String({ minLength: 1 }), count: Type.Integer() },
    { additionalProperties: false },
  );
  const validate = compile({ schema: form, httpPart: 'body', method: 'POST', url: '/x' }) as ((
    d: unknown,
  ) => boolean) & { errors: { instancePath: string; keyword: string }[] | null };

  it('reports every problem of a form-sized body, field by field', () => {
    expect(validate({ name: '', count: 'many', extra: 1 })).toBe(false);
    expect(validate.errors?.map((error) => error.keyword).sort()).toEqual([
      'additionalProperties',
      'minLength',
      'type',
    ]);
    expect(validate({ name: 'ok', count: 1 })).toBe(true);
    expect(validate.errors).toBeNull();
  });

  it(`lists at most ${MAX_REPORTED_ERRORS} problems, and only the first of a body too big to go through twice`, () => {
    const some = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`extra${i}`, i]));
    expect(validate({ name: 'ok', count: 1, ...some })).toBe(false);
    expect(validate.errors).toHaveLength(MAX_REPORTED_ERRORS);

    const many = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`extra${i}`, i]));
    expect(validate({ name: 'ok', count: 1, ...many })).toBe(false);
    expect(validate.errors).toHaveLength(1);
  });

  it('counts nodes only as far as the limit', () => {
    expect(hasAtMostNodes({ a: [1, 2, { b: 3 }] }, 6)).toBe(true);
    expect(hasAtMostNodes({ a: [1, 2, { b: 3 }] }, 5)).toBe(false);
    expect(hasAtMostNodes(new Array(1_000_000).fill(0), 10)).toBe(false);
  });
});
