import { expect, test } from '../fixtures.js';
import { CataloguePage } from '../pages/catalogue-page.js';
import { OAuthClientWizardPage } from '../pages/oauth-client-wizard-page.js';
import { OAuthClientPage, OAuthClientsPage } from '../pages/oauth-clients-page.js';

// The portal flow from the product documentation ("Portal OAuth Clients"), as a brand-new developer
// on the demo data: Payments API and Orders API use OAuth 2.0, Status API is keyless.

test.describe('OAuth clients in the portal', () => {
  test('a new developer creates a client in the wizard, then rotates, edits and deletes it', async ({
    page,
    context,
    baseURL,
    loginPage,
    appShell,
    registeredUser,
    uniqueId,
  }) => {
    const list = new OAuthClientsPage(page);
    const wizard = new OAuthClientWizardPage(page);
    const clientPage = new OAuthClientPage(page);
    const name = `Storefront ${uniqueId('app')}`;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

    // 1. Log in to the portal.
    await loginPage.goto();
    await loginPage.logIn(registeredUser);
    await expect(appShell.accountMenuButton).toHaveAccessibleName(registeredUser.name);

    // 2–3. OAuth Clients from the top menu: nothing yet, so the empty state.
    await appShell.openOAuthClients();
    await expect(list.heading).toBeVisible();
    await list.createFirst.click();

    // 4. Step "Select APIs": OAuth 2.0 entries only; hovering reveals "Select API".
    await expect(wizard.selectApisHeading).toBeFocused();
    await expect(wizard.currentStep).toContainText('Select APIs');
    await expect(wizard.apiOption('Payments API')).toBeVisible();
    await expect(wizard.apiOption('Orders API')).toBeVisible();
    await expect(wizard.apiOption('Status API')).toHaveCount(0);
    await expect(wizard.selectApiButton('Payments API')).toHaveCount(0);
    await wizard.apiOption('Payments API').hover();
    await expect(wizard.selectApiButton('Payments API')).toBeVisible();
    await wizard.selectApiButton('Payments API').click();
    await expect(wizard.selectedApis).toContainText('Payments API');

    // 5. Save and continue stores a draft; a reload resumes it.
    await wizard.saveAndContinue.click();
    await expect(wizard.detailsHeading).toBeFocused();
    await expect(page).toHaveURL(/\/oauth-clients\/new\?draft=/);
    await page.reload();
    await expect(wizard.detailsHeading).toBeVisible();
    await expect(wizard.currentStep).toContainText('Application details');
    await expect(page.getByText('APIs: Payments API.')).toBeVisible();

    // 6. Application details, with an invalid redirect URL corrected inline and a second one added.
    await wizard.fillDetails({ name, description: 'Our online shop', appType: 'Web application' });
    await wizard.redirectUrl(1).fill('http://shop.example.com/callback');
    await wizard.redirectUrl(1).blur();
    await expect(wizard.redirectUrl(1)).toHaveAttribute('aria-invalid', 'true');
    await expect(wizard.redirectUrl(1)).toHaveAccessibleDescription(/http is only allowed for 127\.0\.0\.1/);
    await wizard.redirectUrl(1).fill('https://shop.example.com/callback');
    await expect(wizard.redirectUrl(1)).not.toHaveAttribute('aria-invalid', 'true');
    await wizard.addRedirectUrl.click();
    await expect(wizard.redirectUrl(2)).toBeFocused();
    await wizard.redirectUrl(2).fill('http://localhost:8080/callback');
    await wizard.create.click();

    // 7. Credentials, shown once, with copy buttons, endpoints and a ready example.
    await expect(wizard.credentialsHeading).toBeFocused();
    await expect(wizard.currentStep).toContainText('Credentials');
    await expect(wizard.secretWarning).toBeVisible();
    const clientId = (await wizard.clientId.textContent()) ?? '';
    const secret = (await wizard.clientSecret.textContent()) ?? '';
    expect(clientId).toMatch(/^pc_/);
    expect(secret).toMatch(/^pcs_[A-Za-z0-9_-]{54}$/);
    await wizard.copyClientId.click();
    expect(await clipboard()).toBe(clientId);
    await wizard.copyClientSecret.click();
    expect(await clipboard()).toBe(secret);
    await expect(page.getByText(`${baseURL}/oauth/token`, { exact: true })).toBeVisible();
    await expect(page.getByText(`${baseURL}/oauth/revoke`, { exact: true })).toBeVisible();
    await expect(page.getByText(/code_challenge_method=S256/)).toBeVisible();
    await expect(wizard.continueToClient).toBeDisabled();
    // The browser's Back button does not silently discard the secret either.
    await wizard.tryGoingBackAndStay();
    await expect(wizard.leaveDialog).toBeHidden();
    await expect(wizard.clientSecret).toHaveText(secret);
    await wizard.acknowledgeAndContinue();

    // The client page; the secret appears nowhere any more.
    await expect(clientPage.heading).toHaveText(name);
    await expect(clientPage.clientId).toHaveText(clientId);
    await expect(page.getByText(secret)).toHaveCount(0);
    await expect(clientPage.apis).toContainText('Payments API');
    await expect(clientPage.apis).toContainText('100 requests per minute');
    await expect(clientPage.tokens).toContainText('0 active tokens');

    // Rotate: a new secret shown once, the old one kept for the grace period (two active).
    await clientPage.rotate('1 hour');
    await expect(clientPage.newSecretDialog).toBeVisible();
    const rotated = (await clientPage.newSecret.textContent()) ?? '';
    expect(rotated).toMatch(/^pcs_/);
    expect(rotated).not.toBe(secret);
    await clientPage.copyNewSecret.click();
    expect(await clipboard()).toBe(rotated);
    await expect(clientPage.newSecretDone).toBeDisabled();
    await clientPage.newSecretStored.check();
    await clientPage.newSecretDone.click();
    // Both work: the new one is "Current", the previous one says when it stops.
    await expect(clientPage.secretRows.filter({ hasText: 'Current' })).toHaveCount(1);
    await expect(clientPage.secretRows.filter({ hasText: 'Old — expires' })).toHaveCount(1);

    // Edit: rename and register a third redirect URL.
    const renamed = `${name} v2`;
    await clientPage.detailField('Name').fill(renamed);
    await clientPage.addRedirectUrl('https://shop.example.com/other-callback', 3);
    await clientPage.saveChanges.click();
    await expect(clientPage.toasts).toContainText('Changes saved');
    await expect(clientPage.heading).toHaveText(renamed);
    await page.reload();
    await expect(clientPage.redirectUrl(3)).toHaveValue('https://shop.example.com/other-callback');

    // The list shows it.
    await appShell.openOAuthClients();
    await expect(list.row(renamed)).toContainText('Payments API');
    await expect(list.row(renamed)).toContainText('Active');
    await list.openClient(renamed);

    // Delete: confirm with the name; the dialog says every token will be revoked.
    await clientPage.deleteClient.click();
    await expect(clientPage.deleteDialog).toContainText(
      'Every access and refresh token of this client will be revoked',
    );
    await expect(clientPage.confirmDelete).toBeDisabled();
    await clientPage.deleteConfirmName.fill(renamed);
    await clientPage.confirmDelete.click();
    await expect(list.heading).toBeVisible();
    await expect(clientPage.toasts).toContainText(`${renamed} deleted`);
    await expect(list.createFirst).toBeVisible();
  });

  test('the catalogue shows an API and its shortcut preselects it in the wizard', async ({
    page,
    loginPage,
    registeredUser,
  }) => {
    const catalogue = new CataloguePage(page);
    const wizard = new OAuthClientWizardPage(page);

    await loginPage.goto();
    await loginPage.logIn(registeredUser);
    await catalogue.goto();
    await expect(catalogue.heading).toHaveText('API catalogue');
    await expect(catalogue.entryLink('Status API')).toBeVisible();

    await catalogue.search.fill('orders');
    await expect(catalogue.entryLink('Orders API')).toBeVisible();
    await expect(catalogue.entryLink('Payments API')).toHaveCount(0);
    await catalogue.open('Orders API');

    await expect(catalogue.heading).toHaveText('Orders API');
    // The Markdown documentation, rendered (a heading and a list), not shown as source.
    await expect(catalogue.documentation.getByRole('heading', { name: 'Orders API' })).toBeVisible();
    await expect(catalogue.documentation.getByRole('listitem').first()).toBeVisible();
    await expect(catalogue.access).toContainText('50 requests per minute');

    await catalogue.createClient.click();
    await expect(wizard.selectApisHeading).toBeVisible();
    await expect(wizard.selectedApis).toContainText('Orders API');
  });

  test('another developer cannot open someone else’s client', async ({ page, loginPage, api, newUser }) => {
    const owner = newUser('owner');
    await api.register(owner);
    const catalogue = (await (await api.get('/api/catalogue?authMode=oauth2')).json()) as {
      items: { id: string; name: string }[];
    };
    const payments = catalogue.items.find((entry) => entry.name === 'Payments API');
    if (!payments) throw new Error('the demo data has no Payments API');
    const draft = await api.post<{ id: string }>('/api/clients', { catalogueEntryIds: [payments.id] });

    const intruder = newUser('intruder');
    await api.register(intruder);
    await loginPage.goto();
    await loginPage.logIn(intruder);
    await page.goto(`/oauth-clients/${draft.id}`);
    await expect(page.getByRole('heading', { level: 1, name: 'OAuth client not found' })).toBeVisible();
  });
});
