import type { Locator, Page } from '@playwright/test';
import { paths } from '../support/paths.js';

export type DashboardSection = 'APIs' | 'Policies' | 'Catalogue' | 'Developers' | 'Approvals' | 'Audit log';

/** The Dashboard frame: its section menu, the page heading, toasts and confirmation dialogs. */
export class DashboardPage {
  readonly sectionMenu: Locator;
  readonly heading: Locator;
  readonly notifications: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.sectionMenu = page.getByRole('navigation', { name: 'Dashboard' });
    this.heading = page.getByRole('main').getByRole('heading', { level: 1 });
    this.notifications = page.getByRole('region', { name: 'Notifications' });
    this.dialog = page.getByRole('dialog');
  }

  async goto(): Promise<void> {
    await this.page.goto(paths.dashboard);
  }

  async open(section: DashboardSection): Promise<void> {
    await this.sectionMenu.getByRole('link', { name: section, exact: true }).click();
  }

  /** A toast with this title (and the outcome it announces). */
  toast(title: string | RegExp): Locator {
    return this.notifications.getByText(title);
  }
}
