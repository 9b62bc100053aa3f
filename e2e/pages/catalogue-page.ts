import type { Locator, Page } from '@playwright/test';
import { paths } from '../support/paths.js';

/** The developer catalogue: the list with its search, and one entry's page. */
export class CataloguePage {
  readonly heading: Locator;
  readonly search: Locator;
  readonly entries: Locator;
  readonly createClient: Locator;
  readonly documentation: Locator;
  readonly access: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('main').getByRole('heading', { level: 1 });
    this.search = page.getByRole('searchbox', { name: 'Search APIs' });
    this.entries = page.getByRole('main').getByRole('listitem');
    this.createClient = page.getByRole('link', { name: 'Create OAuth Client', exact: true });
    this.documentation = page.getByRole('region', { name: 'Documentation' });
    this.access = page.getByRole('region', { name: 'Access' });
  }

  async goto(): Promise<void> {
    await this.page.goto(paths.catalogue);
  }

  entryLink(name: string): Locator {
    return this.page.getByRole('main').getByRole('link', { name, exact: true });
  }

  async open(name: string): Promise<void> {
    await this.entryLink(name).click();
  }
}
