import type { Locator, Page } from '@playwright/test';

/** The authorization server's consent screen (`/consent?request=...`): who asks for what; Allow / Deny. */
export class ConsentPage {
  readonly heading: Locator;
  readonly application: Locator;
  readonly developer: Locator;
  readonly redirectNotice: Locator;
  readonly allow: Locator;
  readonly deny: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('main').getByRole('heading', { level: 1 });
    this.application = page
      .getByRole('region')
      .filter({ has: page.getByRole('heading', { level: 2 }) })
      .first();
    this.developer = this.application.getByText(/^by /);
    this.redirectNotice = page.getByText(/you will be sent back to/);
    this.allow = page.getByRole('button', { name: 'Allow', exact: true });
    this.deny = page.getByRole('button', { name: 'Deny', exact: true });
  }

  /** The scopes listed for one API. */
  scopesOf(apiName: string): Locator {
    return this.page.getByRole('list', { name: `Scopes for ${apiName}` });
  }
}
