import type { Locator, Page } from '@playwright/test';
import { DashboardPage } from './dashboard-page.js';

export interface EntryDraft {
  api: string;
  policy: string;
  name: string;
  shortDescription: string;
  longDescription: string;
}

/** Dashboard → Catalogue: publishing APIs with a policy. */
export class DashboardCataloguePage extends DashboardPage {
  readonly publishButton: Locator;
  readonly form: Locator;
  readonly table: Locator;
  readonly preview: Locator;

  constructor(page: Page) {
    super(page);
    this.publishButton = page.getByRole('main').getByRole('link', { name: 'Publish API', exact: true });
    this.form = page.getByRole('form', { name: 'Publish' });
    this.table = page.getByRole('table', { name: 'Catalogue entries' });
    this.preview = this.form.getByRole('tabpanel', { name: 'Preview' });
  }

  /** Fills the form; call `submit()` after checking the preview if the test wants to. */
  async fill(entry: EntryDraft): Promise<void> {
    await this.publishButton.click();
    await this.form.getByLabel('API', { exact: true }).selectOption({ label: entry.api });
    await this.form.getByLabel('Policy', { exact: true }).selectOption({ label: entry.policy });
    await this.form.getByLabel('Display name', { exact: true }).fill(entry.name);
    await this.form.getByRole('textbox', { name: /^Short description/ }).fill(entry.shortDescription);
    await this.form.getByRole('textbox', { name: /^Long description/ }).fill(entry.longDescription);
  }

  async showPreview(): Promise<void> {
    await this.form.getByRole('tab', { name: 'Preview' }).click();
  }

  async submit(): Promise<void> {
    await this.form.getByRole('button', { name: 'Publish', exact: true }).click();
  }
}
