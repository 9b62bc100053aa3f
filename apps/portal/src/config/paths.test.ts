import { describe, expect, it } from 'vitest';
import { paths, safeRedirect } from './paths';

describe('paths', () => {
  it('builds hrefs with encoded ids', () => {
    expect(paths.oauthClients.detail.getHref('a/b c')).toBe('/oauth-clients/a%2Fb%20c');
    expect(paths.catalogue.entry.getHref('pay')).toBe('/catalogue/pay');
  });

  it('keeps same-site redirect targets only', () => {
    expect(paths.auth.login.getHref('/oauth-clients?page=2')).toBe(
      '/login?redirectTo=%2Foauth-clients%3Fpage%3D2',
    );
    expect(paths.auth.login.getHref('/')).toBe('/login');
    expect(paths.auth.login.getHref('https://evil.example')).toBe('/login');
    expect(paths.auth.register.getHref('//evil.example')).toBe('/register');
    expect(safeRedirect('/\\evil.example')).toBeNull();
  });

  it.each([
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '/\t\\evil.example',
    '\\/evil.example',
    '/.//evil.example',
    '/a/..//evil.example',
    '/%2e//evil.example',
    '/./\\evil.example',
  ])('refuses %j, which a browser reads as another site', (target) => {
    expect(safeRedirect(target)).toBeNull();
  });

  it('keeps a same-site target as the browser would read it', () => {
    expect(safeRedirect('/oauth-clients?page=2#top')).toBe('/oauth-clients?page=2#top');
    expect(safeRedirect('/a/../oauth-clients')).toBe('/oauth-clients');
  });

  it('passes the authorization request through to the consent page', () => {
    expect(paths.consent.getHref('?request_id=abc')).toBe('/consent?request_id=abc');
    expect(paths.consent.getHref()).toBe('/consent');
  });
});
