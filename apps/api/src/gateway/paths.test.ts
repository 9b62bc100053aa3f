import { describe, expect, it } from 'vitest';
import { DotSegmentError, matchListenPath, upstreamUrl } from './paths.js';

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
