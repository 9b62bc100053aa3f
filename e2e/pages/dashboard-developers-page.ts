import type { Locator, Page } from '@playwright/test';
import { DashboardPage } from './dashboard-page.js';

/** Dashboard → Developers: the searchable list and one developer's page. */
export class DashboardDevelopersPage extends DashboardPage {
  readonly search: Locator;
  readonly table: Locator;
  readonly deactivateButton: Locator;
  readonly reactivateButton: Locator;
  readonly status: Locator;

  constructor(page: Page) {
    super(page);
    this.search = page.getByRole('searchbox', { name: 'Search developers' });
    this.table = page.getByRole('table', { name: 'Developers' });
    this.deactivateButton = page.getByRole('main').getByRole('button', { name: 'Deactivate', exact: true });
    this.reactivateButton = page.getByRole('main').getByRole('button', { name: 'Reactivate', exact: true });
    this.status = page.getByRole('main').getByRole('definition').first();
  }

  async find(email: string): Promise<void> {
    await this.search.fill(email);
    await this.search.press('Enter');
  }

  async openDeveloper(name: string): Promise<void> {
    await this.table.getByRole('link', { name, exact: true }).click();
  }

  /** Clicks Deactivate and confirms in the dialog. */
  async deactivate(): Promise<void> {
    await this.deactivateButton.click();
    await this.dialog.getByRole('button', { name: 'Deactivate', exact: true }).click();
  }
}
