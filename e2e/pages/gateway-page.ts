import type { Locator, Page } from '@playwright/test';

/** **Try it** on a client's page: one real request through the gateway with a client_credentials token. */
export class TryItPanel {
  readonly region: Locator;
  readonly api: Locator;
  readonly method: Locator;
  readonly path: Locator;
  readonly clientSecret: Locator;
  readonly send: Locator;
  readonly response: Locator;
  readonly status: Locator;
  readonly body: Locator;
  readonly tokenScope: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Try it' });
    this.api = this.region.getByLabel('API', { exact: true });
    this.method = this.region.getByLabel('Method', { exact: true });
    this.path = this.region.getByLabel('Path', { exact: true });
    this.clientSecret = this.region.getByLabel('Client secret', { exact: true });
    this.send = this.region.getByRole('button', { name: 'Send request', exact: true });
    this.response = this.region.getByRole('region', { name: 'Response' });
    this.status = this.response.getByTestId('try-it-status');
    this.body = this.response.getByRole('region', { name: 'Body' });
    this.tokenScope = this.response
      .getByRole('term')
      .filter({ hasText: 'Token scope' })
      .locator('xpath=following-sibling::dd[1]');
  }

  scope(name: string): Locator {
    return this.region.getByRole('checkbox', { name, exact: true });
  }

  /** Fills the form the way a developer would and sends the request. */
  async sendRequest(request: {
    api?: string;
    method?: string;
    path: string;
    scopes?: string[];
    secret: string;
  }) {
    if (request.api) await this.api.selectOption({ label: request.api });
    if (request.method) await this.method.selectOption(request.method);
    await this.path.fill(request.path);
    for (const scope of request.scopes ?? []) await this.scope(scope).check();
    await this.clientSecret.fill(request.secret);
    await this.send.click();
  }
}

/** The **Usage** section of a client's page: totals, the chart and its numbers, limits per API. */
export class UsagePanel {
  readonly region: Locator;
  readonly chart: Locator;
  readonly showNumbers: Locator;
  readonly steps: Locator;
  readonly perApi: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Usage' });
    this.chart = this.region.getByRole('figure');
    this.showNumbers = this.chart.getByText('Show the numbers', { exact: true });
    this.steps = this.chart.getByRole('table');
    this.perApi = this.region.getByRole('table', { name: 'Per API: limits and remaining quota' });
  }

  /** The value shown for one of the totals, e.g. `total('Requests')`. */
  total(term: string): Locator {
    return this.region.getByRole('term').filter({ hasText: term }).locator('xpath=following-sibling::dd[1]');
  }

  apiRow(name: string): Locator {
    return this.perApi
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }
}
