import type { Locator, Page } from '@playwright/test';
import { paths } from '../support/paths.js';

/** The signed-in user's account page, with the applications they allowed. */
export class AccountPage {
  readonly consents: Locator;

  constructor(readonly page: Page) {
    this.consents = page.getByRole('region', { name: 'Apps you allowed' });
  }

  async goto(): Promise<void> {
    await this.page.goto(paths.account);
  }

  app(name: string): Locator {
    return this.consents
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { name, exact: true }) });
  }

  async revoke(name: string): Promise<void> {
    await this.consents.getByRole('button', { name: `Revoke access for ${name}`, exact: true }).click();
    await this.page
      .getByRole('dialog', { name: `Revoke access for ${name}?` })
      .getByRole('button', { name: 'Revoke access', exact: true })
      .click();
  }
}
