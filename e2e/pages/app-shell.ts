import type { Locator, Page } from '@playwright/test';
import { paths } from '../support/paths.js';

/** The page frame every route shares: the header with the main menu and the account menu. */
export class AppShell {
  readonly header: Locator;
  readonly menu: Locator;
  readonly catalogueLink: Locator;
  readonly oauthClientsLink: Locator;
  readonly dashboardLink: Locator;
  /** The account menu's toggle; its accessible name is the signed-in user's name. */
  readonly accountMenuButton: Locator;
  readonly logoutButton: Locator;
  /** Shown in the header to signed-out visitors. */
  readonly loginLink: Locator;
  readonly pageHeading: Locator;

  constructor(readonly page: Page) {
    this.header = page.getByRole('banner');
    this.menu = this.header.getByRole('navigation', { name: 'Main' });
    this.catalogueLink = this.menu.getByRole('link', { name: 'Catalogue', exact: true });
    this.oauthClientsLink = this.menu.getByRole('link', { name: 'OAuth Clients', exact: true });
    this.dashboardLink = this.menu.getByRole('link', { name: 'Dashboard', exact: true });
    // The account menu is a disclosure: the only header button carrying aria-expanded.
    this.accountMenuButton = this.header.getByRole('button', { expanded: false });
    this.logoutButton = this.header.getByRole('button', { name: 'Log out', exact: true });
    this.loginLink = this.header.getByRole('link', { name: 'Log in', exact: true });
    this.pageHeading = page.getByRole('main').getByRole('heading', { level: 1 });
  }

  async goto(path: string = paths.home): Promise<void> {
    await this.page.goto(path);
  }

  async openOAuthClients(): Promise<void> {
    await this.oauthClientsLink.click();
  }

  async openLogin(): Promise<void> {
    await this.loginLink.click();
  }

  async logout(): Promise<void> {
    await this.accountMenuButton.click();
    await this.logoutButton.click();
  }
}
