import type { Locator, Page } from '@playwright/test';
import { DashboardPage } from './dashboard-page.js';

export interface ApiDraft {
  name: string;
  upstreamUrl: string;
  authentication?: 'OAuth 2.0' | 'Auth token' | 'Keyless';
  grantTypes?: ('Authorization code' | 'Client credentials' | 'Refresh token')[];
  scopes?: { name: string; description: string }[];
}

/** Dashboard → APIs: the list, the create/edit form and an API's page. */
export class DashboardApisPage extends DashboardPage {
  readonly createButton: Locator;
  readonly form: Locator;
  readonly search: Locator;
  readonly table: Locator;

  constructor(page: Page) {
    super(page);
    this.createButton = page.getByRole('main').getByRole('link', { name: 'Create API', exact: true });
    this.form = page.getByRole('form', { name: 'Create API' });
    this.search = page.getByRole('searchbox', { name: 'Search APIs' });
    this.table = page.getByRole('table', { name: 'APIs' });
  }

  field(label: string): Locator {
    return this.form.getByLabel(label, { exact: true });
  }

  /** Fills the create form (slug and listen path follow the name) and submits it. */
  async createApi(api: ApiDraft): Promise<void> {
    await this.createButton.click();
    await this.field('Name').fill(api.name);
    await this.field('Upstream URL').fill(api.upstreamUrl);
    await this.field('Authentication').selectOption({ label: api.authentication ?? 'OAuth 2.0' });
    if (api.grantTypes) {
      for (const grant of ['Authorization code', 'Client credentials', 'Refresh token'] as const) {
        await this.form
          .getByRole('checkbox', { name: grant, exact: true })
          .setChecked(api.grantTypes.includes(grant));
      }
    }
    for (const [index, scope] of (api.scopes ?? []).entries()) {
      await this.form.getByRole('button', { name: 'Add scope', exact: true }).click();
      await this.field(`Scope ${index + 1} name`).fill(scope.name);
      await this.form.getByLabel(`Scope ${index + 1} description`).fill(scope.description);
    }
    await this.form.getByRole('button', { name: 'Create API', exact: true }).click();
  }
}
