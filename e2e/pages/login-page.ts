import type { Locator, Page } from '@playwright/test';
import type { LoginBody } from '@portico/contracts';
import { paths } from '../support/paths.js';

export class LoginPage {
  readonly heading: Locator;
  readonly form: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  /** The form-level message shown when the server refuses the credentials. */
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Log in' });
    this.form = page.getByRole('form', { name: 'Log in' });
    this.email = this.form.getByLabel('Email', { exact: true });
    this.password = this.form.getByLabel('Password', { exact: true });
    this.submit = this.form.getByRole('button', { name: 'Log in', exact: true });
    this.error = this.form.getByRole('alert');
  }

  async goto(): Promise<void> {
    await this.page.goto(paths.login);
  }

  async logIn({ email, password }: LoginBody): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    // Wait for the server's answer, so a navigation right after cannot cancel the login request.
    await Promise.all([
      this.page.waitForResponse((res) => new URL(res.url()).pathname === '/api/auth/login'),
      this.submit.click(),
    ]);
  }
}
