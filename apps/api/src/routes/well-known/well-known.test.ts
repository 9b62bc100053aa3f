import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { accessTokens } from '../../db/schema.js';
import { buildTestApp, type TestApp } from '../../test/helpers.js';
import { basicAuth, type ClientFixture, createClient, postForm } from '../../test/oauth-fixtures.js';
import { createEntry } from '../../test/portal-fixtures.js';

/** RFC 8414 metadata, the JWKS, and signing key generation and rotation. */

const ISSUER = 'https://auth.example.com';

describe('authorization server metadata (RFC 8414)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await buildTestApp({ env: { PORTICO_ISSUER: ISSUER } });
    createEntry(app, {
      scopes: [
        { name: 'b:read', description: 'r' },
        { name: 'a:write', description: 'w' },
      ],
    });
    createEntry(app, { authMode: 'keyless' });
    // Offered through a hidden entry only: not advertised.
    createEntry(app, { visibility: 'hidden', scopes: [{ name: 'secret:admin', description: 'x' }] });
  });

  afterAll(async () => {
    await app.close();
  });

  it('describes the server with the configured issuer', async () => {
    const res = await app.inject({ method: 'GET', url: '/.well-known/oauth-authorization-server' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      issuer: ISSUER,
      authorization_endpoint: `${ISSUER}/oauth/authorize`,
      token_endpoint: `${ISSUER}/oauth/token`,
      revocation_endpoint: `${ISSUER}/oauth/revoke`,
      introspection_endpoint: `${ISSUER}/oauth/introspect`,
      jwks_uri: `${ISSUER}/.well-known/jwks.json`,
      scopes_supported: ['a:write', 'b:read'],
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code', 'client_credentials', 'refresh_token'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
      service_documentation: `${ISSUER}/docs`,
    });
  });

  it('publishes one ES256 public key by default, without private members', async () => {
    const res = await app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    const { keys } = res.json() as { keys: Record<string, string>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(keys[0]!.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(keys[0]).not.toHaveProperty('d');
  });

  it('keeps the key across restarts (persisted, not regenerated)', async () => {
    const before = (await app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    await app.services.oauthKeys.init();
    app.services.oauthKeys.reload();
    const after = (await app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    expect(after).toEqual(before);
  });
});

describe('signing keys', () => {
  let app: TestApp;
  let service: ClientFixture;

  // A zero reload interval makes a rotation by another process visible at once.
  beforeAll(async () => {
    app = await buildTestApp({ config: { oauth: { ...loadConfig({}).oauth, keyReloadMs: 0 } } });
    service = await createClient(app, { appType: 'service', entries: [createEntry(app)] });
  });

  afterAll(async () => {
    await app.close();
  });

  const issue = async () => {
    const res = await postForm(
      app,
      '/oauth/token',
      { grant_type: 'client_credentials' },
      {
        authorization: basicAuth(service.clientId, service.clientSecret!),
      },
    );
    return (res.json() as { access_token: string }).access_token;
  };
  const jwksKids = async () =>
    (
      (await app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json() as {
        keys: { kid: string }[];
      }
    ).keys.map((key) => key.kid);
  const introspect = async (token: string) =>
    (
      await postForm(
        app,
        '/oauth/introspect',
        { token },
        {
          authorization: basicAuth(service.clientId, service.clientSecret!),
        },
      )
    ).json() as { active: boolean };

  it('rotates with the CLI while old keys stay published until their tokens expire', async () => {
    const oldToken = await issue();
    const oldKid = decodeProtectedHeader(oldToken).kid!;

    const apiRoot = fileURLToPath(new URL('../../..', import.meta.url));
    const output = execFileSync(
      fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url)),
      ['--conditions=@portico/source', 'scripts/rotate-signing-key.ts', '--alg', 'RS256'],
      { cwd: apiRoot, env: { ...process.env, PORTICO_DB_FILE: app.config.dbFile }, encoding: 'utf8' },
    );
    expect(output).toContain(`Retired (still published until their tokens expire): ${oldKid}`);

    const newToken = await issue();
    const header = decodeProtectedHeader(newToken);
    expect(header.alg).toBe('RS256');
    expect(header.kid).not.toBe(oldKid);
    expect(await jwksKids()).toEqual([header.kid, oldKid]);
    // Tokens signed with the retired key keep working.
    expect((await introspect(oldToken)).active).toBe(true);
    expect((await introspect(newToken)).active).toBe(true);

    // Once every token the old key signed has expired, the key is withdrawn from the JWKS.
    app.database.db
      .update(accessTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(accessTokens.jti, String(decodeJwt(oldToken).jti)))
      .run();
    expect(await jwksKids()).toEqual([header.kid]);
    expect(app.services.oauthKeys.publicKey(oldKid)).toBeNull();
    expect(app.services.oauthKeys.publicKey(header.kid!)).not.toBeNull();
  });
});

describe('RS256 configuration', () => {
  it('generates an RS256 key on first start when PORTICO_SIGNING_ALG=RS256', async () => {
    const app = await buildTestApp({ env: { PORTICO_SIGNING_ALG: 'RS256' } });
    try {
      const { keys } = (await app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json() as {
        keys: Record<string, string>[];
      };
      expect(keys).toEqual([expect.objectContaining({ kty: 'RSA', alg: 'RS256', e: 'AQAB' })]);
      expect(keys[0]).not.toHaveProperty('d');
      const service = await createClient(app, { appType: 'service', entries: [createEntry(app)] });
      const res = await postForm(
        app,
        '/oauth/token',
        { grant_type: 'client_credentials' },
        {
          authorization: basicAuth(service.clientId, service.clientSecret!),
        },
      );
      expect(decodeProtectedHeader(res.json().access_token)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    } finally {
      await app.close();
    }
  });
});

describe('the key rotation command', () => {
  it('refuses a database that does not exist instead of creating an empty one', () => {
    const apiRoot = fileURLToPath(new URL('../../..', import.meta.url));
    const missing = join(tmpdir(), `portico-missing-${Date.now()}`, 'portico.db');
    const run = spawnSync(
      fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url)),
      ['--conditions=@portico/source', 'scripts/rotate-signing-key.ts'],
      { cwd: apiRoot, env: { ...process.env, PORTICO_DB_FILE: missing }, encoding: 'utf8' },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`No Portico database at ${missing}`);
    expect(existsSync(missing)).toBe(false);
  });
});

describe('two instances on one database', () => {
  let first: TestApp;
  let second: TestApp;
  let service: ClientFixture;

  beforeAll(async () => {
    first = await buildTestApp();
    second = await buildTestApp({ env: { PORTICO_DB_FILE: first.config.dbFile } });
    service = await createClient(first, { appType: 'service', entries: [createEntry(first)] });
  });

  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('accepts at once the tokens of a key the other instance rotated to, before its periodic reload', async () => {
    const auth = { authorization: basicAuth(service.clientId, service.clientSecret!) };
    // Both have read the key set (their periodic reload is 10 s).
    expect(second.services.oauthKeys.jwks()).toHaveLength(1);
    const { kid } = await first.services.oauthKeys.rotate();
    const issued = await postForm(first, '/oauth/token', { grant_type: 'client_credentials' }, auth);
    const accessToken = issued.json().access_token as string;
    expect(decodeProtectedHeader(accessToken).kid).toBe(kid);

    const introspected = await postForm(second, '/oauth/introspect', { token: accessToken }, auth);
    expect(introspected.json()).toMatchObject({ active: true });
    expect(second.services.oauthKeys.publicKey(kid)).not.toBeNull();
  });
});
