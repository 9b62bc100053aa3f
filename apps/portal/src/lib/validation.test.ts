import { LoginBody, RegisterBody } from '@portico/contracts';
import { PorticoApiError } from '@portico/sdk';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { serverFormErrors, validateForm } from './validation';

describe('validateForm', () => {
  it('accepts valid values', () => {
    const result = validateForm(RegisterBody, {
      email: 'ada@example.com',
      name: 'Ada',
      password: 'a long enough password',
    });
    expect(result).toEqual({ ok: true, value: expect.any(Object), errors: {} });
  });

  it('writes one readable message per field', () => {
    const result = validateForm(
      RegisterBody,
      { email: 'not-an-email', name: '', password: 'short' },
      { name: { noun: 'your name' } },
    );
    expect(result.errors).toEqual({
      email: 'Enter a valid email address',
      name: 'Enter your name',
      password: 'Use at least 12 characters',
    });
  });

  it('treats empty fields as missing rather than too short', () => {
    const { errors } = validateForm(
      LoginBody,
      { email: '', password: '' },
      { password: { noun: 'your password' } },
    );
    expect(errors).toEqual({ email: 'This field is required', password: 'Enter your password' });
  });

  it('reports missing properties and nested paths like the API does', () => {
    const schema = Type.Object({
      name: Type.String(),
      redirectUris: Type.Array(Type.String({ format: 'uri' }), { minItems: 1 }),
    });
    const { errors } = validateForm(schema, { redirectUris: ['https://ok.example/cb', 'nope'] });
    expect(errors).toEqual({
      name: 'This field is required',
      'redirectUris/1': 'Enter a valid URL, like https://example.com/callback',
    });
  });

  it('uses custom messages', () => {
    const schema = Type.Object({ slug: Type.String({ pattern: '^[a-z-]+$' }) });
    const { errors } = validateForm(
      schema,
      { slug: 'Nope' },
      { slug: { messages: { pattern: 'Use a-z and -' } } },
    );
    expect(errors).toEqual({ slug: 'Use a-z and -' });
  });
});

describe('serverFormErrors', () => {
  it('puts details next to known fields', () => {
    const error = new PorticoApiError(409, 'conflict', 'Email already registered', [
      { field: 'email', message: 'is already registered' },
    ]);
    expect(serverFormErrors(error, ['email', 'password'])).toEqual({
      fieldErrors: { email: 'Is already registered' },
      formError: null,
    });
  });

  it('falls back to a form-level message', () => {
    const error = new PorticoApiError(401, 'unauthorized', 'Email or password is incorrect');
    expect(serverFormErrors(error, ['email'])).toEqual({
      fieldErrors: {},
      formError: 'Email or password is incorrect',
    });
    expect(serverFormErrors(new Error('boom'), ['email']).formError).toMatch(/unexpected/);
  });
});
