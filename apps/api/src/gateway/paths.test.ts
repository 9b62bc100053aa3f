import { describe, expect, it } from 'vitest';
import {
  DotSegmentError,
  decodeUnreserved,
  InvalidPathError,
  matchListenPath,
  upstreamUrl,
} from './paths.js';

const apis = [{ listenPath: '/payments/' }, { listenPath: '/payments/v2/' }, { listenPath: 'weather' }];

describe('listen path matching', () => {
  it('matches whole segments with the longest prefix', () => {
    expect(matchListenPath(apis, '/payments/orders?x=1')).toEqual({
      api: apis[0],
      suffix: '/orders',
      query: 'x=1',
    });
    expect(matchListenPath(apis, '/payments/v2/orders')?.api).toBe(apis[1]);
    expect(matchListenPath(apis, '/payments')).toEqual({ api: apis[0], suffix: '', query: '' });
    expect(matchListenPath(apis, '/weather/')?.suffix).toBe('/');
    expect(matchListenPath(apis, '/paymentsx/orders')).toBeNull();
    expect(matchListenPath(apis, '/other')).toBeNull();
  });

  it.each([
    '/payments/../admin',
    '/payments/%2e%2e/admin',
    '/payments/a/%2E/b',
    '/payments/..\\x',
    '/payments/.',
  ])('refuses dot segments: %s', (path) => {
    expect(() => matchListenPath(apis, path)).toThrow(DotSegmentError);
  });

  it('allows dots inside names', () => {
    expect(matchListenPath(apis, '/payments/file.v1..json')?.suffix).toBe('/file.v1..json');
  });

  it('matches and forwards percent-encoded unreserved characters as the characters they are', () => {
    // RFC 3986 §6.2.2.2: `/payments/%76%32` is `/payments/v2`, which has its own API (and policy).
    expect(matchListenPath(apis, '/payments/%76%32/orders')).toEqual({
      api: apis[1],
      suffix: '/orders',
      query: '',
    });
    expect(matchListenPath(apis, '/%70ayments/%7Euser%2Dx')?.suffix).toBe('/~user-x');
    // Other escapes stay escaped: an encoded slash is not a segment boundary.
    expect(matchListenPath(apis, '/payments%2Fv2/orders')).toBeNull();
    expect(matchListenPath(apis, '/payments/a%2Fb%20c%25')?.suffix).toBe('/a%2Fb%20c%25');
  });

  it.each(['/payments//v2/orders', '/payments/V2/orders', '/payments/%56%32/orders', '/PAYMENTS/orders'])(
    'refuses a path an upstream could read as another API: %s',
    (path) => {
      // Upstreams that merge slashes or ignore case would serve /payments/v2/... (or /payments/...).
      expect(() => matchListenPath(apis, path)).toThrow(InvalidPathError);
    },
  );

  it('still lets case vary below the listen path', () => {
    expect(matchListenPath(apis, '/payments/Orders/ABC')?.suffix).toBe('/Orders/ABC');
  });

  it('decodes exactly the unreserved characters', () => {
    const all = Array.from({ length: 256 }, (_, i) => `%${i.toString(16).padStart(2, '0')}`).join('');
    const decoded = decodeUnreserved(all + all.toUpperCase());
    const kept = decoded.match(/%[0-9A-Fa-f]{2}/g) ?? [];
    const unreserved = decoded.replace(/%[0-9A-Fa-f]{2}/g, '');
    const expected = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i))
      .filter((c) => /[A-Za-z0-9\-._~]/.test(c))
      .join('');
    expect(unreserved).toBe(expected + expected);
    expect(kept).toHaveLength(2 * (256 - expected.length));
  });
});

describe('upstream URL', () => {
  it('joins base path, suffix and query', () => {
    expect(upstreamUrl('http://up:8080/_echo/payments', '/orders', 'a=1')).toBe(
      'http://up:8080/_echo/payments/orders?a=1',
    );
    expect(upstreamUrl('http://up/base/', '', '')).toBe('http://up/base');
    expect(upstreamUrl('http://up', '', '')).toBe('http://up/');
    expect(upstreamUrl('http://up/v1?key=k', '/x', 'y=2')).toBe('http://up/v1/x?key=k&y=2');
  });
});
