import { describe, expect, it } from 'vitest';
import { extractClientCredentials } from './client-auth.js';
import { OAuthError } from './errors.js';

const basic = (id: string, secret: string, encode = true) => {
  const enc = (value: string) => (encode ? encodeURIComponent(value).replace(/%20/g, '+') : value);
  return `Basic ${Buffer.from(`${enc(id)}:${enc(secret)}`).toString('base64')}`;
};

function error(fn: () => unknown): OAuthError {
  try {
    fn();
  } catch (caught) {
    if (caught instanceof OAuthError) return caught;
    throw caught;
  }
  throw new Error('expected an OAuthError');
}

describe('client authentication (RFC 6749 §2.3)', () => {
  it('reads client_secret_basic', () => {
    expect(extractClientCredentials(basic('client-1', 'pcs_secret'), {})).toEqual({
      method: 'client_secret_basic',
      clientId: 'client-1',
      secret: 'pcs_secret',
    });
  });

  it('form-url-decodes the id and secret after Base64 (RFC 6749 §2.3.1)', () => {
    const credentials = extractClientCredentials(basic('id:with colon', 'p@ss:wörd +x%'), {});
    expect(credentials).toEqual({
      method: 'client_secret_basic',
      clientId: 'id:with colon',
      secret: 'p@ss:wörd +x%',
    });
    // A raw `+` in the Basic payload is a space after form-url-decoding.
    const raw = extractClientCredentials(basic('id', 'a+b', false), {});
    expect(raw).toMatchObject({ secret: 'a b' });
  });

  it('accepts the scheme name case-insensitively', () => {
    expect(extractClientCredentials(basic('c', 's').replace('Basic', 'bAsIc'), {})).toMatchObject({
      clientId: 'c',
    });
  });

  it('reads client_secret_post', () => {
    expect(extractClientCredentials(undefined, { client_id: 'c', client_secret: 's' })).toEqual({
      method: 'client_secret_post',
      clientId: 'c',
      secret: 's',
    });
  });

  it('identifies a public client by client_id alone', () => {
    expect(extractClientCredentials(undefined, { client_id: 'c' })).toEqual({
      method: 'none',
      clientId: 'c',
    });
  });

  it('refuses two methods in one request', () => {
    const e = error(() => extractClientCredentials(basic('c', 's'), { client_secret: 's' }));
    expect(e.code).toBe('invalid_request');
  });

  it('refuses a body client_id that contradicts Basic', () => {
    expect(error(() => extractClientCredentials(basic('c', 's'), { client_id: 'other' })).code).toBe(
      'invalid_request',
    );
    expect(extractClientCredentials(basic('c', 's'), { client_id: 'c' })).toMatchObject({
      method: 'client_secret_basic',
    });
  });

  it('answers malformed Basic credentials with invalid_client and a Basic challenge', () => {
    for (const header of [
      'Basic !!!',
      `Basic ${Buffer.from('no-colon').toString('base64')}`,
      `Basic ${Buffer.from(':s').toString('base64')}`,
      `Basic ${Buffer.from('c:%zz').toString('base64')}`,
    ]) {
      const e = error(() => extractClientCredentials(header, {}));
      expect(e.code).toBe('invalid_client');
      expect(e.statusCode).toBe(401);
      expect(e.headers['www-authenticate']).toMatch(/^Basic /);
    }
  });

  it('refuses other Authorization schemes with 401 and the Basic challenge (RFC 6749 §5.2)', () => {
    // The client tried the Authorization header: the answer MUST be 401 with WWW-Authenticate.
    const e = error(() => extractClientCredentials('Bearer abc', { client_id: 'c' }));
    expect(e.code).toBe('invalid_client');
    expect(e.statusCode).toBe(401);
    expect(e.headers['www-authenticate']).toMatch(/^Basic realm=/);
  });

  it('requires some client identification', () => {
    expect(error(() => extractClientCredentials(undefined, {})).code).toBe('invalid_client');
    expect(error(() => extractClientCredentials(undefined, { client_secret: 's' })).code).toBe(
      'invalid_request',
    );
  });

  it('refuses repeated client parameters', () => {
    expect(error(() => extractClientCredentials(undefined, { client_id: ['a', 'b'] })).code).toBe(
      'invalid_request',
    );
  });
});
