import type { Locator, Page } from '@playwright/test';
import { paths } from '../support/paths.js';

export type GracePeriodLabel = 'Immediately' | '1 hour' | '24 hours' | '7 days';

/** The **OAuth Clients** list. */
export class OAuthClientsPage {
  readonly heading: Locator;
  readonly createFirst: Locator;
  readonly create: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'OAuth Clients' });
    this.createFirst = page.getByRole('link', { name: 'Create first OAuth Client', exact: true });
    this.create = page.getByRole('link', { name: 'Create OAuth Client', exact: true });
    this.table = page.getByRole('table', { name: 'Your OAuth clients' });
  }

  async goto(): Promise<void> {
    await this.page.goto(paths.oauthClients);
  }

  row(name: string): Locator {
    return this.table
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  async openClient(name: string): Promise<void> {
    await this.row(name).getByRole('link', { name, exact: true }).click();
  }
}

/** One client's page: overview, APIs, details, secrets, tokens, delete. */
export class OAuthClientPage {
  readonly heading: Locator;
  readonly overview: Locator;
  readonly clientId: Locator;
  readonly apis: Locator;
  readonly details: Locator;
  readonly saveChanges: Locator;
  readonly secrets: Locator;
  readonly secretRows: Locator;
  readonly gracePeriod: Locator;
  readonly rotateSecret: Locator;
  readonly newSecretDialog: Locator;
  readonly newSecret: Locator;
  readonly copyNewSecret: Locator;
  readonly newSecretStored: Locator;
  readonly newSecretDone: Locator;
  readonly tokens: Locator;
  readonly revokeAllTokens: Locator;
  readonly deleteClient: Locator;
  readonly deleteDialog: Locator;
  readonly deleteConfirmName: Locator;
  readonly confirmDelete: Locator;
  readonly toasts: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('main').getByRole('heading', { level: 1 });
    this.overview = page.getByRole('region', { name: 'Overview' });
    this.clientId = this.overview
      .getByRole('definition')
      .filter({ has: page.getByRole('button', { name: 'Copy client ID' }) })
      .locator('code');
    this.apis = page.getByRole('region', { name: 'APIs' });
    this.details = page.getByRole('region', { name: 'Details and redirect URLs' });
    this.saveChanges = this.details.getByRole('button', { name: 'Save changes', exact: true });
    this.secrets = page.getByRole('region', { name: 'Client secrets' });
    this.secretRows = this.secrets
      .getByRole('table', { name: 'Client secrets' })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader') });
    this.gracePeriod = this.secrets.getByLabel('Keep the current secret working');
    this.rotateSecret = this.secrets.getByRole('button', { name: 'Rotate secret', exact: true });
    this.newSecretDialog = page.getByRole('dialog', { name: 'New client secret' });
    this.newSecret = this.newSecretDialog.getByRole('definition').locator('code');
    this.copyNewSecret = this.newSecretDialog.getByRole('button', {
      name: 'Copy new client secret',
      exact: true,
    });
    this.newSecretStored = this.newSecretDialog.getByLabel(
      'I have copied the new secret and stored it safely',
    );
    this.newSecretDone = this.newSecretDialog.getByRole('button', { name: 'Done', exact: true });
    this.tokens = page.getByRole('region', { name: 'Tokens' });
    this.revokeAllTokens = this.tokens.getByRole('button', { name: 'Revoke all tokens', exact: true });
    this.deleteClient = page
      .getByRole('region', { name: 'Delete this client' })
      .getByRole('button', { name: 'Delete client' });
    this.deleteDialog = page.getByRole('dialog', { name: /^Delete / });
    this.deleteConfirmName = this.deleteDialog.getByLabel(/Type the client name/);
    this.confirmDelete = this.deleteDialog.getByRole('button', { name: 'Delete client', exact: true });
    this.toasts = page.getByRole('region', { name: 'Notifications' });
  }

  detailField(label: 'Name' | 'Description (optional)'): Locator {
    return this.details.getByLabel(label, { exact: true });
  }

  redirectUrl(position: number): Locator {
    return this.details.getByLabel(`Redirect URL ${position}`, { exact: true });
  }

  async addRedirectUrl(url: string, position: number): Promise<void> {
    await this.details.getByRole('button', { name: 'Add redirect URL', exact: true }).click();
    await this.redirectUrl(position).fill(url);
  }

  async rotate(grace: GracePeriodLabel): Promise<void> {
    await this.gracePeriod.selectOption({ label: grace });
    await this.rotateSecret.click();
  }

  async delete(name: string): Promise<void> {
    await this.deleteClient.click();
    await this.deleteConfirmName.fill(name);
    await this.confirmDelete.click();
  }
}
