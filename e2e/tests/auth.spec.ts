import { expect, test } from '../fixtures.js';
import { paths } from '../support/paths.js';
import { storageStates } from '../support/settings.js';

test.describe('accounts in the browser', () => {
  test('a new developer registers, sees the portal menu, logs out and logs back in', async ({
    registerPage,
    loginPage,
    appShell,
    newUser,
  }) => {
    const user = newUser();

    await registerPage.goto();
    await registerPage.register(user);

    await expect(appShell.accountMenuButton).toHaveAccessibleName(user.name);
    await expect(appShell.catalogueLink).toBeVisible();
    await expect(appShell.oauthClientsLink).toBeVisible();
    await expect(appShell.dashboardLink).toHaveCount(0);

    await appShell.logout();
    await expect(appShell.loginLink).toBeVisible();
    await expect(appShell.menu).toHaveCount(0);

    await appShell.openLogin();
    await loginPage.logIn(user);
    await expect(appShell.accountMenuButton).toHaveAccessibleName(user.name);
    await expect(appShell.oauthClientsLink).toBeVisible();
    await expect(appShell.dashboardLink).toHaveCount(0);
  });

  test('signing in from a protected page returns the user to that page', async ({
    page,
    loginPage,
    appShell,
    registeredUser,
  }) => {
    await appShell.goto(paths.oauthClients);
    await expect(loginPage.heading).toBeVisible();

    await loginPage.logIn(registeredUser);

    await expect(page).toHaveURL((url) => url.pathname === paths.oauthClients);
    await expect(appShell.pageHeading).toHaveText('OAuth Clients');
    await expect(appShell.oauthClientsLink).toBeVisible();
  });

  test('a wrong password is refused with a message and the user stays signed out', async ({
    loginPage,
    appShell,
    registeredUser,
  }) => {
    await loginPage.goto();
    await loginPage.logIn({ email: registeredUser.email, password: `${registeredUser.password}-wrong` });

    await expect(loginPage.error).toBeVisible();
    await expect(loginPage.heading).toBeVisible();
    await expect(appShell.menu).toHaveCount(0);
  });
});

test.describe('signed in as the admin', () => {
  test.use({ storageState: storageStates.admin });

  test('the admin sees the Dashboard in the top menu', async ({ appShell }) => {
    await appShell.goto();
    await expect(appShell.dashboardLink).toBeVisible();
    await expect(appShell.oauthClientsLink).toBeVisible();
  });
});

test.describe('signed in as a developer', () => {
  test.use({ storageState: storageStates.developer });

  test('a developer session opens the portal without the Dashboard', async ({ appShell }) => {
    await appShell.goto();
    await expect(appShell.catalogueLink).toBeVisible();
    await expect(appShell.dashboardLink).toHaveCount(0);
  });
});

test.describe('admin routes', () => {
  test('answer 403 to a developer and 200 to the admin', async ({ apiAs }) => {
    const developer = await apiAs('developer');
    expect((await developer.get('/api/admin/users')).status()).toBe(403);

    const admin = await apiAs('admin');
    expect((await admin.get('/api/admin/users')).status()).toBe(200);
  });
});
