import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { settings } from '../db/schema.js';

export class SettingsRepository {
  constructor(private readonly db: Db) {}

  get(key: string): string | undefined {
    return this.db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get()?.value;
  }

  set(key: string, value: string): void {
    const now = new Date();
    this.db
      .insert(settings)
      .values({ key, value, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } })
      .run();
  }

  /**
   * Returns the stored value, creating it with `create()` the first time. Insert-or-ignore then read,
   * so two processes starting at once on the same database agree on one value.
   */
  getOrCreate(key: string, create: () => string): string {
    const now = new Date();
    this.db
      .insert(settings)
      .values({ key, value: create(), createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: settings.key })
      .run();
    const value = this.get(key);
    if (value === undefined) throw new Error(`setting ${key} could not be stored`);
    return value;
  }
}
