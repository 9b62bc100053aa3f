import type { Locator, Page } from '@playwright/test';
import type { RegisterBody } from '@portico/contracts';
import { paths } from '../support/paths.js';

export class RegisterPage {
  readonly heading: Locator;
  readonly form: Locator;
  readonly email: Locator;
  readonly name: Locator;
  readonly password: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Create your account' });
    this.form = page.getByRole('form', { name: 'Create your account' });
    this.email = this.form.getByLabel('Email', { exact: true });
    this.name = this.form.getByLabel('Name', { exact: true });
    this.password = this.form.getByLabel('Password', { exact: true });
    this.submit = this.form.getByRole('button', { name: 'Create account', exact: true });
  }

  async goto(): Promise<void> {
    await this.page.goto(paths.register);
  }

  async register({ email, name, password }: RegisterBody): Promise<void> {
    await this.email.fill(email);
    await this.name.fill(name);
    await this.password.fill(password);
    await this.submit.click();
  }
}
