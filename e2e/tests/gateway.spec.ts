import { expect, test } from '../fixtures.js';
import { TryItPanel, UsagePanel } from '../pages/gateway-page.js';
import { OAuthClientWizardPage } from '../pages/oauth-client-wizard-page.js';
import { OAuthClientsPage } from '../pages/oauth-clients-page.js';

// The gateway loop on the demo data: the Payments API (OAuth 2.0) forwards to the built-in echo
// upstream, which answers with the method, path, query and headers it received.

test.describe('Try it and usage', () => {
  test('a developer creates a service client, calls an API with "Try it" and sees the call in the usage chart', async ({
    page,
    loginPage,
    appShell,
    registeredUser,
    uniqueId,
  }) => {
    const wizard = new OAuthClientWizardPage(page);
    const tryIt = new TryItPanel(page);
    const usage = new UsagePanel(page);
    const name = `Billing sync ${uniqueId('svc')}`;

    await loginPage.goto();
    await loginPage.logIn(registeredUser);
    await expect(appShell.accountMenuButton).toHaveAccessibleName(registeredUser.name);

    // A machine-to-machine client for the Payments API, created in the wizard; the secret is shown once.
    await appShell.openOAuthClients();
    await new OAuthClientsPage(page).createFirst.click();
    await wizard.selectApi('Payments API');
    await wizard.saveAndContinue.click();
    await expect(wizard.detailsHeading).toBeFocused();
    await wizard.fillDetails({ name, appType: 'Machine-to-machine service' });
    await wizard.create.click();
    await expect(wizard.credentialsHeading).toBeFocused();
    const secret = (await wizard.clientSecret.textContent()) ?? '';
    expect(secret).toMatch(/^pcs_/);
    await wizard.acknowledgeAndContinue();
    await expect(page.getByRole('main').getByRole('heading', { level: 1, name })).toBeVisible();

    // No traffic yet.
    await expect(usage.region).toBeVisible();
    await expect(usage.total('Requests')).toHaveText('0');

    // Try it: a client_credentials token with the read scope, then GET /charges through the gateway.
    await expect(tryIt.api).toHaveValue(/.+/);
    await tryIt.sendRequest({ path: '/charges?limit=2', scopes: ['payments:read'], secret });

    await expect(tryIt.response.getByRole('heading', { name: 'Response' })).toBeFocused();
    await expect(tryIt.status).toHaveText('200');
    await expect(tryIt.tokenScope).toHaveText('payments:read');
    // The echo upstream shows what the gateway forwarded: the path below the API's upstream, the query,
    // the identity headers — and no bearer token.
    await expect(tryIt.body).toContainText('"path": "/_echo/payments/charges"');
    await expect(tryIt.body).toContainText('"limit": "2"');
    await expect(tryIt.body).toContainText('"x-portico-scopes": "payments:read"');
    await expect(tryIt.body).toContainText('"x-portico-subject": "client:pc_');
    await expect(tryIt.body).not.toContainText('authorization');
    // The pasted secret does not stay in the form.
    await expect(tryIt.clientSecret).toHaveValue('');

    // The request is in the usage chart (Try it refreshes the client's usage).
    await expect(usage.total('Requests')).toHaveText('1');
    await expect(usage.total('Successful (2xx)')).toHaveText('1');
    await expect(usage.chart).toHaveAccessibleName(/: 1 in 1 period with traffic/);
    await usage.showNumbers.click();
    await expect(usage.steps.getByRole('row')).toHaveCount(2);
    await expect(usage.steps.getByRole('row').nth(1).getByRole('cell').first()).toHaveText('1');
    await expect(usage.apiRow('Payments API')).toContainText('1');

    // A wrong secret is refused next to the field, and nothing is sent through the gateway.
    await tryIt.sendRequest({ path: '/charges', secret: 'pcs_not-the-secret' });
    await expect(tryIt.clientSecret).toHaveAttribute('aria-invalid', 'true');
    await expect(tryIt.clientSecret).toHaveAccessibleDescription(/Was not accepted/);
    await page.reload();
    await expect(usage.total('Requests')).toHaveText('1');
  });
});
