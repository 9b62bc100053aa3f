import { describe, expect, it } from 'vitest';
import {
  redirectUriMessages as m,
  REDIRECT_URI_MAX_LENGTH,
  REDIRECT_URIS_MAX,
  redirectUriError,
  redirectUriFieldErrors,
  redirectUriIssues,
} from './redirect-uri.js';

describe('redirectUriError', () => {
  it.each([
    'https://app.example.com/callback',
    'https://app.example.com:8443/oauth/callback?tenant=acme',
    'http://127.0.0.1/callback',
    'http://127.0.0.1:51004/callback',
    'http://[::1]:8080/cb',
    'http://localhost:3000/auth/callback',
    'https://localhost/cb',
    'https://xn--bcher-kva.example/cb',
  ])('accepts %s', (uri) => {
    expect(redirectUriError(uri)).toBeNull();
  });

  it('requires a value', () => {
    expect(redirectUriError('')).toBe(m.required);
  });

  it('refuses relative and scheme-less URLs', () => {
    expect(redirectUriError('/callback')).toBe(m.notAbsolute);
    expect(redirectUriError('app.example.com/callback')).toBe(m.notAbsolute);
    expect(redirectUriError('//app.example.com/callback')).toBe(m.notAbsolute);
    // The WHATWG parser would read this as https://app.example.com/ — too surprising to store.
    expect(redirectUriError('https:app.example.com')).toBe(m.notAbsolute);
    expect(redirectUriError('https://')).toBe(m.notAbsolute);
  });

  it('allows only https, and http for loopback hosts', () => {
    expect(redirectUriError('ftp://example.com/cb')).toBe(m.scheme);
    expect(redirectUriError('javascript://example.com/%0aalert(1)')).toBe(m.scheme);
    expect(redirectUriError('com.example.app://callback')).toBe(m.scheme);
    expect(redirectUriError('http://app.example.com/callback')).toBe(m.insecureHttp);
    expect(redirectUriError('http://127.0.0.2/callback')).toBe(m.insecureHttp);
    expect(redirectUriError('http://localhost.evil.example/cb')).toBe(m.insecureHttp);
    expect(redirectUriError('http://[::2]/cb')).toBe(m.insecureHttp);
  });

  it('refuses fragments, even an empty one', () => {
    expect(redirectUriError('https://app.example.com/cb#section')).toBe(m.fragment);
    expect(redirectUriError('https://app.example.com/cb#')).toBe(m.fragment);
  });

  it('refuses wildcards anywhere, also percent-encoded in the host', () => {
    expect(redirectUriError('https://*.example.com/callback')).toBe(m.wildcard);
    expect(redirectUriError('https://app.example.com/*')).toBe(m.wildcard);
    expect(redirectUriError('https://%2A.example.com/callback')).toBe(m.wildcard);
  });

  it('refuses credentials in the URL', () => {
    expect(redirectUriError('https://user:pass@app.example.com/cb')).toBe(m.userinfo);
    expect(redirectUriError('https://user@app.example.com/cb')).toBe(m.userinfo);
    expect(redirectUriError('https://@app.example.com/cb')).toBe(m.userinfo);
  });

  it('refuses URLs longer than 2048 characters', () => {
    const base = 'https://app.example.com/';
    const atLimit = base + 'a'.repeat(REDIRECT_URI_MAX_LENGTH - base.length);
    expect(atLimit).toHaveLength(REDIRECT_URI_MAX_LENGTH);
    expect(redirectUriError(atLimit)).toBeNull();
    expect(redirectUriError(`${atLimit}a`)).toBe(m.tooLong);
  });

  it('refuses whitespace and control characters instead of letting the parser strip them', () => {
    expect(redirectUriError(' https://app.example.com/cb')).toBe(m.whitespace);
    expect(redirectUriError('https://app.example.com/cb ')).toBe(m.whitespace);
    expect(redirectUriError('https://app.example.com/c b')).toBe(m.whitespace);
    expect(redirectUriError('https://app.example.com/cb\n')).toBe(m.whitespace);
    expect(redirectUriError('https://app.exa\tmple.com/cb')).toBe(m.whitespace);
  });
});

describe('redirectUriIssues', () => {
  it('reports each broken URL at its index', () => {
    expect(
      redirectUriIssues(['https://ok.example/cb', 'http://bad.example/cb', 'https://x.example/#a']),
    ).toEqual([
      { index: 1, message: m.insecureHttp },
      { index: 2, message: m.fragment },
    ]);
  });

  it('reports duplicates at the later occurrence, by exact string', () => {
    const uris = [
      'https://a.example/cb',
      'https://b.example/cb',
      'https://a.example/cb',
      'https://A.example/cb',
    ];
    expect(redirectUriIssues(uris)).toEqual([{ index: 2, message: m.duplicate(0) }]);
    expect(m.duplicate(0)).toContain('redirect URL 1');
  });

  it('allows at most 10 URLs', () => {
    const ten = Array.from({ length: REDIRECT_URIS_MAX }, (_, i) => `https://app.example.com/cb${i}`);
    expect(redirectUriIssues(ten)).toEqual([]);
    expect(redirectUriIssues([...ten, 'https://app.example.com/cb10'])).toEqual([
      { index: null, message: m.tooMany },
    ]);
  });

  it('applies the presence rule', () => {
    expect(redirectUriIssues([], { presence: 'required' })).toEqual([{ index: null, message: m.atLeastOne }]);
    expect(redirectUriIssues([], { presence: 'forbidden' })).toEqual([]);
    expect(redirectUriIssues(['https://a.example/cb'], { presence: 'forbidden' })).toEqual([
      { index: null, message: m.noneAllowed },
    ]);
    expect(redirectUriIssues([])).toEqual([]);
  });
});

describe('redirectUriFieldErrors', () => {
  it('uses the API error-detail field format', () => {
    expect(redirectUriFieldErrors(['https://a.example/cb', 'nope'], { presence: 'required' })).toEqual([
      { field: 'redirectUris/1', message: m.notAbsolute },
    ]);
    expect(redirectUriFieldErrors([], { presence: 'required', field: 'uris' })).toEqual([
      { field: 'uris', message: m.atLeastOne },
    ]);
  });
});
