import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_WEB_DIR, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    const config = loadConfig({}, '/srv/portico');
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      dbFile: join('/srv/portico', 'data', 'portico.db'),
      issuer: 'http://localhost:3000',
      demo: false,
      cookieSecure: false,
      logLevel: 'info',
      sessionSecret: undefined,
      webDir: DEFAULT_WEB_DIR,
      trustProxy: false,
      gatewayUpstreamCaFile: undefined,
    });
    expect(DEFAULT_WEB_DIR).toMatch(/apps[/\\]portal[/\\]dist$/);
    expect(config.rateLimit.login.max).toBe(10);
  });

  it('derives the issuer from PORT and secure cookies from an https issuer', () => {
    expect(loadConfig({ PORT: '8080' }).issuer).toBe('http://localhost:8080');
    const config = loadConfig({ PORTICO_ISSUER: 'https://portal.example.com/' });
    expect(config.issuer).toBe('https://portal.example.com');
    expect(config.cookieSecure).toBe(true);
    expect(loadConfig({ PORTICO_ISSUER: 'https://x.example', PORTICO_COOKIE_SECURE: '0' }).cookieSecure).toBe(
      false,
    );
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        PORT: '4000',
        HOST: '127.0.0.1',
        PORTICO_DB_FILE: '/var/lib/portico.db',
        PORTICO_ADMIN_EMAIL: 'Root@Example.com',
        PORTICO_ADMIN_PASSWORD: 'a-long-admin-password',
        PORTICO_DEMO: '1',
        PORTICO_LOG_LEVEL: 'DEBUG',
        PORTICO_SESSION_SECRET: 'x'.repeat(40),
        PORTICO_WEB_DIR: 'web',
        PORTICO_LOGIN_RATE_LIMIT: '3',
        PORTICO_GATEWAY_CA_FILE: 'certs/internal-ca.pem',
      },
      '/srv',
    );
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      dbFile: '/var/lib/portico.db',
      adminEmail: 'root@example.com',
      adminPassword: 'a-long-admin-password',
      demo: true,
      logLevel: 'debug',
      webDir: '/srv/web',
      gatewayUpstreamCaFile: '/srv/certs/internal-ca.pem',
    });
    expect(config.rateLimit.login.max).toBe(3);
  });

  it.each([
    ['PORT', 'abc', /PORT must be a whole number/],
    ['PORT', '70000', /PORT must be between 0 and 65535/],
    ['PORTICO_ISSUER', 'portal.example.com', /PORTICO_ISSUER must be an absolute http\(s\) URL/],
    ['PORTICO_ISSUER', 'ftp://example.com', /PORTICO_ISSUER must use http or https/],
    ['PORTICO_ISSUER', 'https://example.com/?a=1', /PORTICO_ISSUER must not contain/],
    ['PORTICO_ISSUER', 'https://example.com/auth', /PORTICO_ISSUER must be an origin/],
    ['PORTICO_DEMO', 'maybe', /PORTICO_DEMO must be 1 or 0/],
    ['PORTICO_COOKIE_SECURE', 'sure', /PORTICO_COOKIE_SECURE must be 1 or 0/],
    ['PORTICO_LOG_LEVEL', 'loud', /PORTICO_LOG_LEVEL must be one of/],
    ['PORTICO_ADMIN_EMAIL', 'nobody', /PORTICO_ADMIN_EMAIL must be an email address/],
    ['PORTICO_ADMIN_PASSWORD', 'short', /PORTICO_ADMIN_PASSWORD must be at least 12/],
    ['PORTICO_SESSION_SECRET', 'tiny', /PORTICO_SESSION_SECRET must be at least 32/],
    ['PORTICO_LOGIN_RATE_LIMIT', '0', /PORTICO_LOGIN_RATE_LIMIT must be between/],
    ['PORTICO_TRUST_PROXY', 'everyone!', /PORTICO_TRUST_PROXY must be/],
  ])('rejects %s=%s with a message naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('sweeps hourly and keeps audit events a year unless told otherwise; 0 turns either off', () => {
    const day = 24 * 3_600_000;
    expect(loadConfig({}).retention).toEqual({
      intervalMs: 3_600_000,
      expiredGraceMs: day,
      auditMaxAgeMs: 365 * day,
    });
    const custom = loadConfig({
      PORTICO_RETENTION_INTERVAL_MINUTES: '5',
      PORTICO_AUDIT_RETENTION_DAYS: '30',
    });
    expect(custom.retention).toMatchObject({ intervalMs: 300_000, auditMaxAgeMs: 30 * day });
    const off = loadConfig({ PORTICO_RETENTION_INTERVAL_MINUTES: '0', PORTICO_AUDIT_RETENTION_DAYS: '0' });
    expect(off.retention).toMatchObject({ intervalMs: 0, auditMaxAgeMs: null });
    expect(() => loadConfig({ PORTICO_AUDIT_RETENTION_DAYS: '-1' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORTICO_RETENTION_INTERVAL_MINUTES: '1441' })).toThrow(/between 0 and 1440/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', PORTICO_DEMO: ' ' })).toMatchObject({ port: 3000, demo: false });
  });
});
