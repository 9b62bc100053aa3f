import type { BrowserContext } from '@playwright/test';
import * as oauth from 'oauth4webapi';
import { expect, test } from '../fixtures.js';
import { AccountPage } from '../pages/account-page.js';
import { ConsentPage } from '../pages/consent-page.js';
import { LoginPage } from '../pages/login-page.js';
import { OAuthClientWizardPage } from '../pages/oauth-client-wizard-page.js';
import { OAuthClientPage, OAuthClientsPage } from '../pages/oauth-clients-page.js';

// The authorization server end to end: a client created in the wizard gets real tokens. The
// application itself is played by the test: oauth4webapi (an independent, strict OAuth client)
// builds the PKCE request and exchanges the code, and the application's redirect URI is answered
// by Playwright, so no other server is needed. Demo data: Payments API (OAuth 2.0, auto approval).

const APP_ORIGIN = 'https://budget-app.e2e.portico.test';
const REDIRECT_URI = `${APP_ORIGIN}/callback`;
// The suite talks to a local http server (or a staging URL); oauth4webapi refuses http unless told.
const insecure = { [oauth.allowInsecureRequests]: true } as const;

/** Answers the application's redirect URI inside the browser and hands over the URL it was called with. */
function captureRedirect(context: BrowserContext): Promise<URL> {
  return new Promise((resolve) => {
    void context.route(`${APP_ORIGIN}/**`, async (route) => {
      resolve(new URL(route.request().url()));
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>Budget app</h1>' });
    });
  });
}

async function discover(baseURL: string): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(baseURL);
  return oauth.processDiscoveryResponse(
    issuer,
    await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }),
  );
}

test.describe('OAuth 2.0 authorization server', () => {
  test('a web client from the wizard: sign in, consent, code + PKCE, refresh, revoke', async ({
    page,
    browser,
    baseURL,
    loginPage,
    appShell,
    registeredUser,
    api,
    newUser,
    uniqueId,
  }) => {
    if (!baseURL) throw new Error('baseURL is not configured');
    const appName = `Budget ${uniqueId('app')}`;
    const wizard = new OAuthClientWizardPage(page);
    const clientPage = new OAuthClientPage(page);

    // The developer creates a Web application client for the Payments API in the wizard.
    await loginPage.goto();
    await loginPage.logIn(registeredUser);
    await expect(appShell.accountMenuButton).toHaveAccessibleName(registeredUser.name);
    await appShell.openOAuthClients();
    await new OAuthClientsPage(page).createFirst.click();
    await wizard.selectApi('Payments API');
    await wizard.saveAndContinue.click();
    await wizard.fillDetails({
      name: appName,
      description: 'Tracks your spending',
      appType: 'Web application',
    });
    await wizard.redirectUrl(1).fill(REDIRECT_URI);
    await wizard.create.click();
    await expect(wizard.credentialsHeading).toBeVisible();
    const clientId = (await wizard.clientId.textContent()) ?? '';
    const clientSecret = (await wizard.clientSecret.textContent()) ?? '';
    expect(clientId).toMatch(/^pc_/);
    await wizard.acknowledgeAndContinue();
    await expect(clientPage.heading).toHaveText(appName);

    // An end user of the application, signed out, in their own browser.
    const endUser = newUser('end-user');
    await api.register(endUser);
    const userContext = await browser.newContext();
    const userPage = await userContext.newPage();
    const redirected = captureRedirect(userContext);

    // The application sends them to the authorization endpoint with PKCE (S256) and state.
    const as = await discover(baseURL);
    const client: oauth.Client = { client_id: clientId };
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const authorizeUrl = new URL(as.authorization_endpoint!);
    authorizeUrl.search = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: REDIRECT_URI,
      scope: 'payments:read payments:write',
      state,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    }).toString();
    await userPage.goto(authorizeUrl.href);

    // Not signed in: the portal asks them to log in, then shows the consent screen.
    const userLogin = new LoginPage(userPage);
    await expect(userLogin.heading).toBeVisible();
    await userLogin.logIn(endUser);
    const consent = new ConsentPage(userPage);
    await expect(consent.heading).toHaveText(`Allow ${appName} to access your account?`);
    await expect(consent.developer).toHaveText(`by ${registeredUser.name}`);
    await expect(consent.scopesOf('Payments API')).toContainText('payments:read');
    await expect(consent.scopesOf('Payments API')).toContainText('payments:write');
    await expect(consent.redirectNotice).toContainText(APP_ORIGIN);
    await consent.allow.click();

    // Back at the application with code, state and iss (RFC 9207), which oauth4webapi checks.
    const callback = await redirected;
    expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
    const params = oauth.validateAuthResponse(as, client, callback, state);
    const clientAuth = oauth.ClientSecretBasic(clientSecret);
    const tokens = await oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(
        as,
        client,
        clientAuth,
        params,
        REDIRECT_URI,
        verifier,
        insecure,
      ),
    );
    expect(tokens.scope).toBe('payments:read payments:write');
    expect(tokens.refresh_token).toBeTruthy();

    // An RFC 9068 access token for the Payments API, verified against the published JWKS.
    const bearer = (token: string) =>
      new Request(`${baseURL}/gw/payments/`, { headers: { authorization: `Bearer ${token}` } });
    const audience = `${as.issuer}/gw/payments`;
    const claims = await oauth.validateJwtAccessToken(as, bearer(tokens.access_token), audience, insecure);
    expect(claims).toMatchObject({ client_id: clientId, scope: 'payments:read payments:write' });

    // Refresh: rotated refresh token, narrower scope on request.
    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, clientAuth, tokens.refresh_token!, {
        ...insecure,
        additionalParameters: { scope: 'payments:read' },
      }),
    );
    expect(refreshed.scope).toBe('payments:read');
    expect(refreshed.refresh_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);

    // The developer sees the end user's tokens on the client page.
    await page.reload();
    const tokenTable = clientPage.tokens.getByRole('table', { name: 'Active tokens' });
    await expect(tokenTable).toContainText(endUser.name);
    await expect(tokenTable.getByRole('rowheader', { name: 'Refresh token' })).toHaveCount(1);

    // Revoking the refresh token (RFC 7009) ends the whole grant: the access tokens go with it.
    await oauth.processRevocationResponse(
      await oauth.revocationRequest(as, client, clientAuth, refreshed.refresh_token!, insecure),
    );
    for (const token of [refreshed.access_token, refreshed.refresh_token!, tokens.access_token]) {
      const introspection = await oauth.processIntrospectionResponse(
        as,
        client,
        await oauth.introspectionRequest(as, client, clientAuth, token, insecure),
      );
      expect(introspection.active).toBe(false);
    }
    await page.reload();
    await expect(clientPage.tokens).toContainText('This client has no active tokens.');

    // The end user's account page lists the application they allowed.
    const account = new AccountPage(userPage);
    await account.goto();
    await expect(account.app(appName)).toContainText('payments:read');
    await userContext.close();
  });

  test('remembered consent skips the screen; Deny and a revoked consent are honoured', async ({
    page,
    baseURL,
    api,
    newUser,
    loginPage,
    uniqueId,
  }) => {
    if (!baseURL) throw new Error('baseURL is not configured');
    // Seeded over the API (the wizard has its own flow above): a web client for the Payments API.
    await api.register(newUser('developer'));
    const catalogue = (await (await api.get('/api/catalogue?authMode=oauth2')).json()) as {
      items: { id: string; name: string }[];
    };
    const payments = catalogue.items.find((entry) => entry.name === 'Payments API');
    if (!payments) throw new Error('the demo data has no Payments API');
    const draft = await api.post<{ id: string }>('/api/clients', { catalogueEntryIds: [payments.id] });
    const appName = `Notes ${uniqueId('app')}`;
    const created = await api.post<{ clientId: string }>(`/api/clients/${draft.id}/complete`, {
      name: appName,
      appType: 'web',
      redirectUris: [REDIRECT_URI],
    });

    const endUser = newUser('end-user');
    await api.register(endUser);
    await loginPage.goto();
    await loginPage.logIn(endUser);

    const consent = new ConsentPage(page);
    const account = new AccountPage(page);
    const authorizeUrl = (state: string) =>
      `/oauth/authorize?${new URLSearchParams({
        response_type: 'code',
        client_id: created.clientId,
        redirect_uri: REDIRECT_URI,
        scope: 'payments:read',
        state,
      })}`;
    /** Follows the authorize URL; resolves with the application's redirect (the latest route wins). */
    const authorize = async (state: string) => {
      const redirected = captureRedirect(page.context());
      await page.goto(authorizeUrl(state));
      return redirected;
    };

    // Deny: back to the application with access_denied, and nothing remembered.
    const denied = authorize('s1');
    await consent.deny.click();
    const deniedAt = await denied;
    await expect(page.getByRole('heading', { name: 'Budget app' })).toBeVisible();
    expect(deniedAt.searchParams.get('error')).toBe('access_denied');
    expect(deniedAt.searchParams.get('state')).toBe('s1');

    // Allow once; the next request for the same scope goes straight back with a code.
    const allowed = authorize('s2');
    await expect(consent.heading).toHaveText(`Allow ${appName} to access your account?`);
    await consent.allow.click();
    expect((await allowed).searchParams.get('code')).toMatch(/^pac_/);
    await expect(page.getByRole('heading', { name: 'Budget app' })).toBeVisible();
    // (Read without following: a browser would now leave for the application at once. The request
    // carries this browser's session cookie.)
    const again = await page.request.get(authorizeUrl('s3'), { maxRedirects: 0 });
    expect(again.status()).toBe(302);
    const remembered = new URL(again.headers().location ?? '');
    expect(remembered.origin + remembered.pathname).toBe(REDIRECT_URI);
    expect(remembered.searchParams.get('code')).toMatch(/^pac_/);
    expect(remembered.searchParams.get('state')).toBe('s3');

    // Revoked from the account page: the consent screen is back.
    await account.goto();
    await account.revoke(appName);
    await expect(page.getByText(`${appName} can no longer access your account`)).toBeVisible();
    await expect(account.app(appName)).toHaveCount(0);
    await page.goto(authorizeUrl('s4'));
    await expect(page).toHaveURL(/\/consent\?request=/);
    await expect(consent.heading).toHaveText(`Allow ${appName} to access your account?`);
  });
});
