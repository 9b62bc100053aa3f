import { describe, expect, it } from 'vitest';
import { matchRedirectUri, redirectUriMatches } from './redirect-uri.js';

describe('redirect URI matching (RFC 9700 §4.1.3, RFC 8252 §7.3)', () => {
  it('matches identical strings', () => {
    expect(redirectUriMatches('https://app.example.com/cb', 'https://app.example.com/cb')).toBe(true);
  });

  it.each([
    ['a longer path (no prefix matching)', 'https://app.example.com/cb/evil'],
    ['a different query', 'https://app.example.com/cb?x=1'],
    ['a trailing slash', 'https://app.example.com/cb/'],
    ['a different case in the host', 'https://APP.example.com/cb'],
    ['an explicit default port', 'https://app.example.com:443/cb'],
    ['a sub-domain', 'https://evil.app.example.com/cb'],
    ['a fragment', 'https://app.example.com/cb#x'],
    ['http instead of https', 'http://app.example.com/cb'],
    ['percent-encoding of the same path', 'https://app.example.com/%63b'],
  ])('refuses %s', (_label, requested) => {
    expect(redirectUriMatches('https://app.example.com/cb', requested)).toBe(false);
  });

  it('lets the port of an http loopback URI vary', () => {
    expect(redirectUriMatches('http://127.0.0.1/callback', 'http://127.0.0.1:51234/callback')).toBe(true);
    expect(redirectUriMatches('http://127.0.0.1:8080/callback', 'http://127.0.0.1:9090/callback')).toBe(true);
    expect(redirectUriMatches('http://[::1]:3000/cb', 'http://[::1]:4000/cb')).toBe(true);
    expect(redirectUriMatches('http://localhost:3000/cb?a=1', 'http://localhost:5173/cb?a=1')).toBe(true);
  });

  it('keeps everything but the port exact for loopback URIs', () => {
    expect(redirectUriMatches('http://127.0.0.1/callback', 'http://127.0.0.1:5000/other')).toBe(false);
    expect(redirectUriMatches('http://127.0.0.1/callback', 'http://[::1]:5000/callback')).toBe(false);
    expect(redirectUriMatches('http://127.0.0.1/callback', 'http://127.0.0.1:5000/callback?x=1')).toBe(false);
    expect(redirectUriMatches('http://127.0.0.1/callback', 'http://127.0.0.1:99999/callback')).toBe(false);
    expect(redirectUriMatches('http://127.0.0.1/callback', 'http://127.0.0.1:0/callback')).toBe(false);
    expect(redirectUriMatches('http://127.0.0.1/callback', 'http://127.0.0.1.evil.com/callback')).toBe(false);
    expect(redirectUriMatches('http://127.0.0.1/callback', 'http://127.0.0.1@evil.com/callback')).toBe(false);
  });

  it.each([
    ['an upper-case scheme', 'HTTP://127.0.0.1:5000/callback'],
    ['an upper-case host', 'http://LOCALHOST:5000/callback'],
    ['another loopback address', 'http://127.0.0.2:5000/callback'],
    ['a look-alike host', 'http://localhost.evil.com:5000/callback'],
    ['a dot segment', 'http://127.0.0.1:5000/callback/..'],
    ['a doubled slash', 'http://127.0.0.1:5000//callback'],
    ['a signed port', 'http://127.0.0.1:+5000/callback'],
    ['a backslash', 'http://127.0.0.1:5000\\@evil.com/callback'],
    ['a trailing dot on the host', 'http://localhost.:5000/callback'],
  ])('keeps the loopback port rule to exact loopback URIs: refuses %s', (_label, requested) => {
    const registered = requested.toLowerCase().includes('localhost')
      ? 'http://localhost/callback'
      : 'http://127.0.0.1/callback';
    expect(redirectUriMatches(registered, requested)).toBe(false);
  });

  it('does not extend the port rule to https or non-loopback hosts', () => {
    expect(redirectUriMatches('https://127.0.0.1/cb', 'https://127.0.0.1:8443/cb')).toBe(false);
    expect(redirectUriMatches('https://app.example.com/cb', 'https://app.example.com:8443/cb')).toBe(false);
  });

  it('finds the registered URI a request matches', () => {
    const registered = ['https://a.example.com/cb', 'http://127.0.0.1/cb'];
    expect(matchRedirectUri(registered, 'https://a.example.com/cb')).toBe('https://a.example.com/cb');
    expect(matchRedirectUri(registered, 'http://127.0.0.1:7000/cb')).toBe('http://127.0.0.1/cb');
    expect(matchRedirectUri(registered, 'https://b.example.com/cb')).toBeUndefined();
  });
});
