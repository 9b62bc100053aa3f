import type { Locator, Page } from '@playwright/test';

export type AppTypeLabel = 'Web application' | 'Single-page or native app' | 'Machine-to-machine service';

/** The OAuth client wizard: "Select APIs" → "Application details" → credentials. */
export class OAuthClientWizardPage {
  readonly stepper: Locator;
  readonly currentStep: Locator;
  readonly selectApisHeading: Locator;
  readonly detailsHeading: Locator;
  readonly credentialsHeading: Locator;
  readonly availableApis: Locator;
  readonly selectedApis: Locator;
  readonly saveAndContinue: Locator;
  readonly name: Locator;
  readonly description: Locator;
  readonly addRedirectUrl: Locator;
  readonly create: Locator;
  readonly clientId: Locator;
  readonly clientSecret: Locator;
  readonly copyClientId: Locator;
  readonly copyClientSecret: Locator;
  readonly secretWarning: Locator;
  readonly acknowledge: Locator;
  readonly continueToClient: Locator;

  constructor(readonly page: Page) {
    this.stepper = page.getByRole('list', { name: 'OAuth client setup' });
    this.currentStep = this.stepper.locator('[aria-current="step"]');
    this.selectApisHeading = page.getByRole('heading', { level: 2, name: 'Select APIs' });
    this.detailsHeading = page.getByRole('heading', { level: 2, name: 'Application details' });
    this.credentialsHeading = page.getByRole('heading', { level: 2, name: 'Credentials' });
    this.availableApis = page.getByRole('list', { name: 'Available APIs' });
    this.selectedApis = page.getByRole('list', { name: 'Selected APIs' });
    this.saveAndContinue = page.getByRole('button', { name: 'Save and continue', exact: true });
    this.name = page.getByLabel('Name', { exact: true });
    this.description = page.getByLabel('Description (optional)');
    this.addRedirectUrl = page.getByRole('button', { name: 'Add redirect URL', exact: true });
    this.create = page.getByRole('button', { name: 'Create', exact: true });
    const credentials = page.getByRole('definition');
    this.clientId = credentials
      .filter({ has: page.getByRole('button', { name: 'Copy client ID' }) })
      .locator('code');
    this.clientSecret = credentials
      .filter({ has: page.getByRole('button', { name: 'Copy client secret' }) })
      .locator('code');
    this.copyClientId = page.getByRole('button', { name: 'Copy client ID', exact: true });
    this.copyClientSecret = page.getByRole('button', { name: 'Copy client secret', exact: true });
    this.secretWarning = page.getByText('you will not be able to see it again');
    this.acknowledge = page.getByLabel('I have copied the client secret and stored it safely');
    this.continueToClient = page.getByRole('button', { name: 'Continue to the client', exact: true });
  }

  /** An entry of step "Select APIs", by its name. */
  apiOption(name: string): Locator {
    return this.availableApis.getByRole('listitem', { name, exact: true });
  }

  selectApiButton(name: string): Locator {
    return this.apiOption(name).getByRole('button', { name: 'Select API', exact: true });
  }

  /** Hover the entry, as the product documentation says, then choose **Select API**. */
  async selectApi(name: string): Promise<void> {
    await this.apiOption(name).hover();
    await this.selectApiButton(name).click();
  }

  async removeSelectedApi(name: string): Promise<void> {
    await this.selectedApis.getByRole('button', { name: `Remove ${name}`, exact: true }).click();
  }

  appType(label: AppTypeLabel): Locator {
    return this.page.getByRole('radio', { name: new RegExp(`^${label}`) });
  }

  redirectUrl(position: number): Locator {
    return this.page.getByLabel(`Redirect URL ${position}`, { exact: true });
  }

  async fillDetails(details: { name: string; description?: string; appType?: AppTypeLabel }): Promise<void> {
    await this.name.fill(details.name);
    if (details.description) await this.description.fill(details.description);
    if (details.appType) await this.appType(details.appType).check();
  }

  /** The dialog that asks before leaving the credentials without acknowledging the secret. */
  get leaveDialog() {
    return this.page.getByRole('dialog', { name: 'Leave without the client secret?' });
  }

  /** Presses the browser's Back button, then chooses to stay on the credentials. */
  async tryGoingBackAndStay(): Promise<void> {
    await this.page.goBack();
    await this.leaveDialog.getByRole('button', { name: 'Stay' }).click();
  }

  async acknowledgeAndContinue(): Promise<void> {
    await this.acknowledge.check();
    await this.continueToClient.click();
  }
}
