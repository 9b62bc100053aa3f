import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type Role, type UserRow, type UserStatus, users } from '../db/schema.js';
import { containsText } from '../db/search.js';

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
  role?: Role;
  status?: UserStatus;
}

export interface UserListFilter {
  page: number;
  pageSize: number;
  q?: string;
  role?: Role;
  status?: UserStatus;
}

/** Escapes LIKE wildcards so a search for `a_b` matches literally. */

export class UsersRepository {
  constructor(private readonly db: Db) {}

  /** Runs `fn` in one IMMEDIATE transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(() => fn(), { behavior: 'immediate' });
  }

  /** Emails are unique case-insensitively: they are stored lower-cased and looked up the same way. */
  static normaliseEmail(email: string): string {
    return email.trim().toLowerCase();
  }

  findById(id: string): UserRow | undefined {
    return this.db.select().from(users).where(eq(users.id, id)).get();
  }

  findByEmail(email: string): UserRow | undefined {
    return this.db
      .select()
      .from(users)
      .where(eq(users.email, UsersRepository.normaliseEmail(email)))
      .get();
  }

  /** Returns undefined when the email is already taken (unique index), so callers answer 409 without a race. */
  create(input: NewUser): UserRow | undefined {
    const now = new Date();
    return this.db
      .insert(users)
      .values({
        id: randomUUID(),
        email: UsersRepository.normaliseEmail(input.email),
        name: input.name.trim(),
        passwordHash: input.passwordHash,
        role: input.role ?? 'developer',
        status: input.status ?? 'active',
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: users.email })
      .returning()
      .get();
  }

  recordLogin(id: string, at: Date): void {
    this.db.update(users).set({ lastLoginAt: at }).where(eq(users.id, id)).run();
  }

  setStatus(id: string, status: UserStatus): UserRow | undefined {
    return this.db
      .update(users)
      .set({ status, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning()
      .get();
  }

  setRole(id: string, role: Role): UserRow | undefined {
    return this.db
      .update(users)
      .set({ role, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning()
      .get();
  }

  setPasswordHash(id: string, passwordHash: string): void {
    this.db.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, id)).run();
  }

  hasAdmin(): boolean {
    return (
      this.db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1).get() !== undefined
    );
  }

  list(filter: UserListFilter): { items: UserRow[]; total: number } {
    const conditions: SQL[] = [];
    if (filter.q) {
      const search = or(containsText(users.email, filter.q), containsText(users.name, filter.q));
      if (search) conditions.push(search);
    }
    if (filter.role) conditions.push(eq(users.role, filter.role));
    if (filter.status) conditions.push(eq(users.status, filter.status));
    const where = conditions.length > 0 ? and(...conditions) : undefined;

    const items = this.db
      .select()
      .from(users)
      .where(where)
      .orderBy(desc(users.createdAt), desc(users.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .all();
    const total = this.db.select({ value: count() }).from(users).where(where).get()?.value ?? 0;
    return { items, total };
  }
}
