import { expect, test } from '../fixtures.js';
import { CataloguePage } from '../pages/catalogue-page.js';
import { DashboardApisPage } from '../pages/dashboard-apis-page.js';
import { DashboardCataloguePage } from '../pages/dashboard-catalogue-page.js';
import { DashboardDevelopersPage } from '../pages/dashboard-developers-page.js';
import { DashboardPage } from '../pages/dashboard-page.js';
import { DashboardPoliciesPage } from '../pages/dashboard-policies-page.js';
import { storageStates } from '../support/settings.js';

// The Dashboard as an API owner uses it: everything the portal wizard needs is set up from the
// browser alone, and the audit log shows it. The admin session comes from the `setup` project.
test.use({ storageState: storageStates.admin });

test.describe('Dashboard', () => {
  test('an admin publishes an OAuth 2.0 API that developers then find in the catalogue', async ({
    page,
    browser,
    uniqueId,
  }) => {
    const dashboard = new DashboardPage(page);
    const apis = new DashboardApisPage(page);
    const policies = new DashboardPoliciesPage(page);
    const catalogue = new DashboardCataloguePage(page);
    const id = uniqueId('ledger');
    const apiName = `Ledger ${id}`;
    const policyName = `Ledger partners ${id}`;
    const entryName = `Ledger for partners ${id}`;

    // An OAuth 2.0 API with one scope.
    await dashboard.goto();
    await expect(dashboard.heading).toHaveText('Dashboard');
    await dashboard.open('APIs');
    await apis.createApi({
      name: apiName,
      upstreamUrl: 'https://ledger.internal.example/v1',
      authentication: 'OAuth 2.0',
      grantTypes: ['Authorization code', 'Client credentials', 'Refresh token'],
      scopes: [{ name: 'ledger:read', description: 'Read ledger entries' }],
    });
    await expect(dashboard.toast(`API "${apiName}" created`)).toBeVisible();
    await expect(apis.heading).toHaveText(apiName);
    await expect(page.getByRole('main').getByText(`/gw/ledger-${id}/`)).toBeVisible();
    await expect(page.getByRole('main').getByText('ledger:read')).toBeVisible();

    // A policy granting it.
    await dashboard.open('Policies');
    await policies.createPolicy({
      name: policyName,
      api: `${apiName} (OAuth 2.0)`,
      requests: 50,
      perSeconds: 60,
      quota: { max: 5000, renewsEvery: 'day' },
    });
    await expect(dashboard.toast(`Policy "${policyName}" created`)).toBeVisible();
    await policies.search(policyName);
    await expect(policies.row(policyName)).toContainText('50 requests per minute');
    await expect(policies.row(policyName)).toContainText('5,000 per day');

    // A public catalogue entry; the Markdown preview renders, and HTML stays text.
    await dashboard.open('Catalogue');
    await catalogue.fill({
      api: `${apiName} (OAuth 2.0)`,
      policy: policyName,
      name: entryName,
      shortDescription: 'Read the ledger from your app',
      longDescription: '## Getting started\n\nAsk for **ledger:read**. <img src=x onerror=alert(1)>',
    });
    await catalogue.showPreview();
    await expect(catalogue.preview.getByRole('heading', { name: 'Getting started' })).toBeVisible();
    await expect(catalogue.preview).toContainText('<img src=x onerror=alert(1)>');
    await expect(catalogue.preview.locator('img')).toHaveCount(0);
    await catalogue.submit();
    await expect(dashboard.toast(`"${entryName}" published`)).toBeVisible();
    await expect(catalogue.table.getByRole('link', { name: entryName })).toBeVisible();

    // The audit log shows the three changes, by this admin.
    await dashboard.open('Audit log');
    await page.getByLabel('Action').fill('catalogue_entry.');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(
      page.getByRole('table').getByRole('rowheader', { name: 'catalogue_entry.create' }).first(),
    ).toBeVisible();
    await page.getByLabel('Action').fill('policy.create');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.getByRole('table')).toContainText(policyName);
    await page.getByLabel('Action').fill('api.create');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.getByRole('table')).toContainText(apiName);

    // A developer sees the entry in the portal catalogue.
    const developerContext = await browser.newContext({ storageState: storageStates.developer });
    try {
      const developerCatalogue = new CataloguePage(await developerContext.newPage());
      await developerCatalogue.goto();
      await developerCatalogue.search.fill(id);
      await expect(developerCatalogue.entryLink(entryName)).toBeVisible();
      await developerCatalogue.open(entryName);
      await expect(developerCatalogue.heading).toHaveText(entryName);
      await expect(
        developerCatalogue.documentation.getByRole('heading', { name: 'Getting started' }),
      ).toBeVisible();
    } finally {
      await developerContext.close();
    }
  });

  test('an admin deactivates a developer, whose next request is refused', async ({
    page,
    api,
    registeredUser,
  }) => {
    const dashboard = new DashboardPage(page);
    const developers = new DashboardDevelopersPage(page);

    // The developer is signed in (the `api` fixture holds their session) and can use the portal API.
    expect((await api.get('/api/auth/me')).status()).toBe(200);

    await dashboard.goto();
    await dashboard.open('Developers');
    await developers.find(registeredUser.email);
    await developers.openDeveloper(registeredUser.name);
    await expect(developers.heading).toHaveText(registeredUser.name);
    await developers.deactivate();
    await expect(dashboard.toast(`${registeredUser.name} deactivated`)).toBeVisible();
    await expect(developers.reactivateButton).toBeVisible();

    // Their session ended at once: the very next request with the old cookie is refused.
    const next = await api.get('/api/clients');
    expect(next.status()).toBe(401);
    // And they cannot sign in again.
    const again = await api.request.post('/api/auth/login', {
      data: { email: registeredUser.email, password: registeredUser.password },
    });
    expect(again.status()).toBe(403);

    // The audit log records who did it.
    await dashboard.open('Audit log');
    await page.getByLabel('Action').fill('developer.deactivate');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(
      page.getByRole('table').getByRole('rowheader', { name: 'developer.deactivate' }).first(),
    ).toBeVisible();
  });
});
