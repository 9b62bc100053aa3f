import type { Locator, Page } from '@playwright/test';
import { DashboardPage } from './dashboard-page.js';

export interface PolicyDraft {
  name: string;
  /** The API's option label in the form, e.g. `Ledger (OAuth 2.0)`. */
  api: string;
  requests: number;
  perSeconds: number;
  /** `null`: unlimited. */
  quota: { max: number; renewsEvery: 'hour' | 'day' | 'week' | '30 days' } | null;
}

/** Dashboard → Policies. */
export class DashboardPoliciesPage extends DashboardPage {
  readonly createButton: Locator;
  readonly form: Locator;
  readonly table: Locator;

  constructor(page: Page) {
    super(page);
    this.createButton = page.getByRole('main').getByRole('link', { name: 'Create policy', exact: true });
    this.form = page.getByRole('form', { name: 'Create policy' });
    this.table = page.getByRole('table', { name: 'Policies' });
  }

  async createPolicy(policy: PolicyDraft): Promise<void> {
    await this.createButton.click();
    await this.form.getByLabel('Name', { exact: true }).fill(policy.name);
    await this.form.getByLabel('API 1', { exact: true }).selectOption({ label: policy.api });
    await this.form.getByLabel('Requests', { exact: true }).fill(String(policy.requests));
    await this.form.getByLabel('Per (seconds)', { exact: true }).fill(String(policy.perSeconds));
    const unlimited = this.form.getByRole('checkbox', { name: 'Unlimited', exact: true });
    await unlimited.setChecked(policy.quota === null);
    if (policy.quota) {
      await this.form.getByLabel('Requests per period', { exact: true }).fill(String(policy.quota.max));
      await this.form
        .getByLabel('Renews every', { exact: true })
        .selectOption({ label: policy.quota.renewsEvery });
    }
    await this.form.getByRole('button', { name: 'Create policy', exact: true }).click();
  }

  async search(text: string): Promise<void> {
    const box = this.page.getByRole('searchbox', { name: 'Search policies' });
    await box.fill(text);
    await box.press('Enter');
  }

  row(name: string): Locator {
    return this.table
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }
}
