import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, type TestApp, type TestSession } from '../../test/helpers.js';
import {
  authorizeWithConsent,
  buildListeningApp,
  type ClientFixture,
  createClient,
} from '../../test/oauth-fixtures.js';
import { createEntry, type EntryFixture } from '../../test/portal-fixtures.js';

/**
 * Every grant driven by oauth4webapi — an independent, strict RFC client — against the app listening
 * on a real (loopback) port: discovery, the code flow with PKCE and `iss` (RFC 9207), refresh
 * rotation, client credentials with both secret methods, revocation, introspection, and RFC 9068
 * access token validation against the published JWKS.
 */

const insecure = { [oauth.allowInsecureRequests]: true } as const;

let app: TestApp;
let issuer: string;
let as: oauth.AuthorizationServer;
let entry: EntryFixture;
let user: TestSession;
let web: ClientFixture;
let spa: ClientFixture;
let service: ClientFixture;

beforeAll(async () => {
  ({ app, issuer } = await buildListeningApp());
  entry = createEntry(app, {
    name: 'Payments',
    scopes: [
      { name: 'payments:read', description: 'Read payments' },
      { name: 'payments:write', description: 'Create payments' },
    ],
  });
  const owner = await createUser(app, { name: 'Dana Developer' });
  web = await createClient(app, { appType: 'web', entries: [entry], ownerId: owner.id });
  spa = await createClient(app, {
    appType: 'spa_native',
    entries: [entry],
    ownerId: owner.id,
    redirectUris: ['http://127.0.0.1/callback'],
  });
  service = await createClient(app, { appType: 'service', entries: [entry], ownerId: owner.id });
  const endUser = await createUser(app, { name: 'Erin End-User' });
  user = await login(app, endUser.email);

  const response = await oauth.discoveryRequest(new URL(issuer), { algorithm: 'oauth2', ...insecure });
  as = await oauth.processDiscoveryResponse(new URL(issuer), response);
});

afterAll(async () => {
  await app.close();
});

function bearer(accessToken: string): Request {
  return new Request(`${issuer}/gw/anything`, { headers: { authorization: `Bearer ${accessToken}` } });
}

async function codeFlow(
  client: ClientFixture,
  clientAuth: oauth.ClientAuth,
  redirectUri: string,
  scope?: string,
) {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const callback = await authorizeWithConsent(app, user, {
    client_id: client.clientId,
    redirect_uri: redirectUri,
    scope,
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const oauthClient: oauth.Client = { client_id: client.clientId };
  // Checks `state` and the RFC 9207 `iss` parameter.
  const params = oauth.validateAuthResponse(as, oauthClient, callback, state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    oauthClient,
    clientAuth,
    params,
    redirectUri,
    verifier,
    insecure,
  );
  return { oauthClient, tokens: await oauth.processAuthorizationCodeResponse(as, oauthClient, response) };
}

describe('discovery (RFC 8414)', () => {
  it('publishes metadata oauth4webapi accepts for the configured issuer', () => {
    expect(as.issuer).toBe(issuer);
    expect(as.token_endpoint).toBe(`${issuer}/oauth/token`);
    expect(as.code_challenge_methods_supported).toEqual(['S256']);
    expect(as.authorization_response_iss_parameter_supported).toBe(true);
    expect(as.scopes_supported).toEqual(expect.arrayContaining(['payments:read', 'payments:write']));
  });
});

describe('authorization code + PKCE for a confidential web client', () => {
  it('issues, validates, refreshes, introspects and revokes tokens', async () => {
    const clientAuth = oauth.ClientSecretBasic(web.clientSecret!);
    const { oauthClient, tokens } = await codeFlow(web, clientAuth, web.redirectUris[0]!, 'payments:read');
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.scope).toBe('payments:read');
    expect(tokens.refresh_token).toMatch(/^prt_/);

    const claims = await oauth.validateJwtAccessToken(
      as,
      bearer(tokens.access_token),
      entry.audience,
      insecure,
    );
    expect(claims).toMatchObject({
      iss: issuer,
      client_id: web.clientId,
      sub: user.user.id,
      scope: 'payments:read',
    });
    expect(claims.aud).toEqual([entry.audience]);

    const introspected = await oauth.processIntrospectionResponse(
      as,
      oauthClient,
      await oauth.introspectionRequest(as, oauthClient, clientAuth, tokens.access_token, insecure),
    );
    expect(introspected).toMatchObject({
      active: true,
      client_id: web.clientId,
      sub: user.user.id,
      scope: 'payments:read',
    });

    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      oauthClient,
      await oauth.refreshTokenGrantRequest(as, oauthClient, clientAuth, tokens.refresh_token!, insecure),
    );
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(refreshed.scope).toBe('payments:read');
    await oauth.validateJwtAccessToken(as, bearer(refreshed.access_token), entry.audience, insecure);

    await oauth.processRevocationResponse(
      await oauth.revocationRequest(as, oauthClient, clientAuth, refreshed.refresh_token!, insecure),
    );
    for (const token of [refreshed.refresh_token!, refreshed.access_token]) {
      const after = await oauth.processIntrospectionResponse(
        as,
        oauthClient,
        await oauth.introspectionRequest(as, oauthClient, clientAuth, token, insecure),
      );
      expect(after).toEqual({ active: false });
    }
  });

  it('works with client_secret_post as well', async () => {
    const { tokens } = await codeFlow(web, oauth.ClientSecretPost(web.clientSecret!), web.redirectUris[0]!);
    // No scope asked: every scope the subscriptions allow.
    expect(tokens.scope).toBe('payments:read payments:write');
  });
});

describe('authorization code + PKCE for a public client', () => {
  it('authenticates with client_id only and accepts any loopback port (RFC 8252 §7.3)', async () => {
    const { oauthClient, tokens } = await codeFlow(spa, oauth.None(), 'http://127.0.0.1:53682/callback');
    const claims = await oauth.validateJwtAccessToken(
      as,
      bearer(tokens.access_token),
      entry.audience,
      insecure,
    );
    expect(claims.client_id).toBe(spa.clientId);

    // Public clients may revoke their own tokens (RFC 7009 §2.1) but may not introspect.
    await oauth.processRevocationResponse(
      await oauth.revocationRequest(as, oauthClient, oauth.None(), tokens.access_token, insecure),
    );
    const response = await oauth.introspectionRequest(
      as,
      oauthClient,
      oauth.None(),
      tokens.access_token,
      insecure,
    );
    await expect(oauth.processIntrospectionResponse(as, oauthClient, response)).rejects.toMatchObject({
      error: 'invalid_client',
    });
  });
});

describe('client credentials', () => {
  it.each([
    ['client_secret_basic', () => oauth.ClientSecretBasic(service.clientSecret!)],
    ['client_secret_post', () => oauth.ClientSecretPost(service.clientSecret!)],
  ])('issues an RFC 9068 token with %s', async (_method, auth) => {
    const oauthClient: oauth.Client = { client_id: service.clientId };
    const response = await oauth.clientCredentialsGrantRequest(
      as,
      oauthClient,
      auth(),
      { scope: 'payments:write' },
      insecure,
    );
    const tokens = await oauth.processClientCredentialsResponse(as, oauthClient, response);
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.scope).toBe('payments:write');
    const claims = await oauth.validateJwtAccessToken(
      as,
      bearer(tokens.access_token),
      entry.audience,
      insecure,
    );
    expect(claims.sub).toBe(`client:${service.clientId}`);
    expect(claims.exp - claims.iat).toBe(1800);
  });

  it('reports OAuth errors oauth4webapi understands', async () => {
    const oauthClient: oauth.Client = { client_id: service.clientId };
    const response = await oauth.clientCredentialsGrantRequest(
      as,
      oauthClient,
      oauth.ClientSecretBasic(service.clientSecret!),
      { scope: 'payments:admin' },
      insecure,
    );
    await expect(oauth.processClientCredentialsResponse(as, oauthClient, response)).rejects.toMatchObject({
      error: 'invalid_scope',
      status: 400,
    });
    const wrong = await oauth.clientCredentialsGrantRequest(
      as,
      oauthClient,
      oauth.ClientSecretBasic('pcs_wrong'),
      {},
      insecure,
    );
    // 401 with a Basic challenge (RFC 6749 §5.2), which oauth4webapi surfaces as such.
    await expect(oauth.processClientCredentialsResponse(as, oauthClient, wrong)).rejects.toMatchObject({
      code: oauth.WWW_AUTHENTICATE_CHALLENGE,
      status: 401,
      cause: [expect.objectContaining({ scheme: 'basic' })],
    });
  });
});
