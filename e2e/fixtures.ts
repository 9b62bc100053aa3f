import { randomBytes } from 'node:crypto';
import { type APIRequestContext, test as base, expect } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { LoginPage } from './pages/login-page.js';
import { RegisterPage } from './pages/register-page.js';
import { PorticoApi, type UserCredentials } from './support/api.js';
import { storageStates } from './support/settings.js';

type WorkerFixtures = {
  /**
   * Returns an id unique across workers, calls and runs (`label-w<worker>-<random>-<n>`), so parallel
   * workers and re-runs against the same instance never collide on data.
   */
  uniqueId: (label: string) => string;
};

type TestFixtures = {
  /** Returns fresh, never-registered credentials each call (unique email, policy-compliant password). */
  newUser: (label?: string) => UserCredentials;
  /** A signed-out API client for seeding over HTTP; its own cookie jar, not the browser's. */
  api: PorticoApi;
  /** An API client signed in with a session saved by the `setup` project (call `me()` first for CSRF). */
  apiAs: (who: keyof typeof storageStates) => Promise<PorticoApi>;
  /** Registers a developer over HTTP and returns the credentials, for flows that start at log in. */
  registeredUser: UserCredentials;
  loginPage: LoginPage;
  registerPage: RegisterPage;
  appShell: AppShell;
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
  uniqueId: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their dependencies.
    async ({}, use, workerInfo) => {
      const prefix = `w${workerInfo.workerIndex}-${randomBytes(4).toString('hex')}`;
      let count = 0;
      await use((label) => {
        count += 1;
        return `${label}-${prefix}-${count}`;
      });
    },
    { scope: 'worker' },
  ],

  newUser: async ({ uniqueId }, use) => {
    await use((label = 'dev') => {
      const id = uniqueId(label);
      return {
        email: `${id}@e2e.portico.test`,
        name: `E2E ${id}`,
        // Long and random: passes the 12-character minimum and the common-password list.
        password: `e2e-${randomBytes(12).toString('base64url')}`,
      };
    });
  },

  api: async ({ playwright, baseURL }, use) => {
    const request = await playwright.request.newContext({ baseURL });
    await use(new PorticoApi(request));
    await request.dispose();
  },

  apiAs: async ({ playwright, baseURL }, use) => {
    const contexts: APIRequestContext[] = [];
    await use(async (who) => {
      const request = await playwright.request.newContext({ baseURL, storageState: storageStates[who] });
      contexts.push(request);
      return new PorticoApi(request);
    });
    await Promise.all(contexts.map((context) => context.dispose()));
  },

  registeredUser: async ({ api, newUser }, use) => {
    const user = newUser();
    await api.register(user);
    await use(user);
  },

  loginPage: async ({ page }, use) => {
    await use(new LoginPage(page));
  },

  registerPage: async ({ page }, use) => {
    await use(new RegisterPage(page));
  },

  appShell: async ({ page }, use) => {
    await use(new AppShell(page));
  },
});

export { expect };
