import { randomUUID } from 'node:crypto';
import { displayNameKey } from '@portico/contracts';
import { and, asc, count, desc, eq, gt, inArray, isNull, ne, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import {
  type AppType,
  type ClientStatus,
  catalogueEntries,
  clientSecrets,
  type GrantType,
  oauthClientRedirectUris,
  oauthClientSubscriptions,
  oauthClients,
  type SubscriptionStatus,
} from '../db/schema.js';

export type ClientRow = typeof oauthClients.$inferSelect;
export type ClientSecretRow = typeof clientSecrets.$inferSelect;

export interface SubscriptionRef {
  catalogueEntryId: string;
  status: SubscriptionStatus;
}

/** A client with its redirect URIs (in the developer's order) and its subscriptions. */
export interface ClientRecord extends ClientRow {
  redirectUris: string[];
  subscriptions: (SubscriptionRef & { entryName: string })[];
}

export interface NewDraftClient {
  ownerId: string;
  clientId: string;
  appType: AppType;
  grantTypes: GrantType[];
  catalogueEntryIds: readonly string[];
}

export interface ClientPatch {
  name?: string;
  description?: string;
  appType?: AppType;
  grantTypes?: GrantType[];
  status?: ClientStatus;
  /** Replaces the whole list, keeping the given order. */
  redirectUris?: readonly string[];
}

/*
 * Loading shared with the admin's view of clients (`ApprovalsRepository`): which rows are live, and the
 * redirect URIs in the developer's order. Each repository adds the subscription details it shows.
 */

/** A client row by id, unless it was (soft-)deleted. */
export function liveClientRow(db: Db, id: string): ClientRow | undefined {
  return db
    .select()
    .from(oauthClients)
    .where(and(eq(oauthClients.id, id), isNull(oauthClients.deletedAt)))
    .get();
}

/** An owner's clients that are not deleted, newest first. */
export function liveClientRowsOwnedBy(db: Db, ownerId: string): ClientRow[] {
  return db
    .select()
    .from(oauthClients)
    .where(and(eq(oauthClients.ownerId, ownerId), isNull(oauthClients.deletedAt)))
    .orderBy(desc(oauthClients.createdAt), desc(oauthClients.id))
    .all();
}

/** The redirect URIs of the clients `ids` in one query; the returned lookup keeps each client's order. */
export function redirectUrisOf(db: Db, ids: string[]): (clientId: string) => string[] {
  const uris = db
    .select()
    .from(oauthClientRedirectUris)
    .where(inArray(oauthClientRedirectUris.clientId, ids))
    .orderBy(asc(oauthClientRedirectUris.position))
    .all();
  return (clientId) => uris.filter((u) => u.clientId === clientId).map((u) => u.uri);
}

/** OAuth clients, their redirect URIs and subscriptions. Deleted (soft-deleted) clients are invisible here. */
export class ClientsRepository {
  constructor(private readonly db: Db) {}

  private hydrate(rows: ClientRow[]): ClientRecord[] {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const uris = redirectUrisOf(this.db, ids);
    const subscriptions = this.db
      .select({
        clientId: oauthClientSubscriptions.clientId,
        catalogueEntryId: oauthClientSubscriptions.catalogueEntryId,
        status: oauthClientSubscriptions.status,
        entryName: catalogueEntries.name,
      })
      .from(oauthClientSubscriptions)
      .innerJoin(catalogueEntries, eq(catalogueEntries.id, oauthClientSubscriptions.catalogueEntryId))
      .where(inArray(oauthClientSubscriptions.clientId, ids))
      .orderBy(asc(oauthClientSubscriptions.createdAt), asc(catalogueEntries.name))
      .all();
    return rows.map((row) => ({
      ...row,
      redirectUris: uris(row.id),
      subscriptions: subscriptions
        .filter((s) => s.clientId === row.id)
        .map(({ catalogueEntryId, status, entryName }) => ({ catalogueEntryId, status, entryName })),
    }));
  }

  /** The client if it exists, is not deleted and belongs to `ownerId` (callers answer 404 otherwise). */
  findForOwner(id: string, ownerId: string): ClientRecord | undefined {
    const row = this.db
      .select()
      .from(oauthClients)
      .where(and(eq(oauthClients.id, id), eq(oauthClients.ownerId, ownerId), isNull(oauthClients.deletedAt)))
      .get();
    return row ? this.hydrate([row])[0] : undefined;
  }

  findById(id: string): ClientRecord | undefined {
    const row = liveClientRow(this.db, id);
    return row ? this.hydrate([row])[0] : undefined;
  }

  /** Lookup by the public `client_id` (token endpoint, authorize). */
  findByClientId(clientId: string): ClientRecord | undefined {
    const row = this.db
      .select()
      .from(oauthClients)
      .where(and(eq(oauthClients.clientId, clientId), isNull(oauthClients.deletedAt)))
      .get();
    return row ? this.hydrate([row])[0] : undefined;
  }

  listForOwner(ownerId: string): ClientRecord[] {
    return this.hydrate(liveClientRowsOwnedBy(this.db, ownerId));
  }

  /**
   * Whether the owner has another client of this name, compared as `displayNameKey` does (case and
   * compatibility forms folded, beyond ASCII): "Billing" and "billing", or "Élan" and "élan", would
   * be indistinguishable in lists and on consent screens. Drafts do not hold a name (an abandoned
   * draft would block it invisibly): the name is checked when a draft is completed. An owner has at
   * most a hundred clients.
   */
  nameTaken(ownerId: string, name: string, exceptId?: string): boolean {
    const key = displayNameKey(name);
    return this.db
      .select({ id: oauthClients.id, name: oauthClients.name })
      .from(oauthClients)
      .where(
        and(
          eq(oauthClients.ownerId, ownerId),
          isNull(oauthClients.deletedAt),
          ne(oauthClients.status, 'draft'),
        ),
      )
      .all()
      .some((row) => row.id !== exceptId && displayNameKey(row.name) === key);
  }

  /**
   * How many of the developer's set-up clients (pending or active, not deleted) use an entry through a
   * subscription that was not rejected. Drafts do not count: they cannot get tokens.
   */
  countUsingEntry(ownerId: string, catalogueEntryId: string, exceptClientId?: string): number {
    const conditions = [
      eq(oauthClients.ownerId, ownerId),
      isNull(oauthClients.deletedAt),
      inArray(oauthClients.status, ['pending', 'active']),
      eq(oauthClientSubscriptions.catalogueEntryId, catalogueEntryId),
      ne(oauthClientSubscriptions.status, 'rejected'),
    ];
    if (exceptClientId) conditions.push(ne(oauthClients.id, exceptClientId));
    return (
      this.db
        .select({ value: count() })
        .from(oauthClients)
        .innerJoin(oauthClientSubscriptions, eq(oauthClientSubscriptions.clientId, oauthClients.id))
        .where(and(...conditions))
        .get()?.value ?? 0
    );
  }

  /** How many clients the developer has, drafts included (deleted ones do not count). */
  countLiveOwnedBy(ownerId: string): number {
    return (
      this.db
        .select({ value: count() })
        .from(oauthClients)
        .where(and(eq(oauthClients.ownerId, ownerId), isNull(oauthClients.deletedAt)))
        .get()?.value ?? 0
    );
  }

  createDraft(input: NewDraftClient): ClientRecord {
    const id = randomUUID();
    const now = new Date();
    this.db.transaction((tx) => {
      tx.insert(oauthClients)
        .values({
          id,
          clientId: input.clientId,
          ownerId: input.ownerId,
          name: '',
          description: '',
          appType: input.appType,
          grantTypes: input.grantTypes,
          status: 'draft',
          createdAt: now,
          updatedAt: now,
        })
        .run();
      input.catalogueEntryIds.forEach((catalogueEntryId, i) => {
        // Distinct createdAt keeps the developer's selection order when listing.
        const at = new Date(now.getTime() + i);
        tx.insert(oauthClientSubscriptions)
          .values({ clientId: id, catalogueEntryId, status: 'active', createdAt: at, updatedAt: at })
          .run();
      });
    });
    return this.findById(id)!;
  }

  update(id: string, patch: ClientPatch): void {
    const now = new Date();
    this.db.transaction((tx) => {
      const { redirectUris, ...columns } = patch;
      tx.update(oauthClients)
        .set({ ...columns, updatedAt: now })
        .where(eq(oauthClients.id, id))
        .run();
      if (redirectUris !== undefined) {
        tx.delete(oauthClientRedirectUris).where(eq(oauthClientRedirectUris.clientId, id)).run();
        redirectUris.forEach((uri, position) => {
          tx.insert(oauthClientRedirectUris).values({ clientId: id, uri, position }).run();
        });
      }
    });
  }

  /** Replaces the subscriptions of a draft with `entries`, in order. */
  replaceSubscriptions(id: string, entries: readonly SubscriptionRef[]): void {
    const now = new Date();
    this.db.transaction((tx) => {
      const keep = entries.map((e) => e.catalogueEntryId);
      tx.delete(oauthClientSubscriptions)
        .where(
          keep.length > 0
            ? and(
                eq(oauthClientSubscriptions.clientId, id),
                notInArray(oauthClientSubscriptions.catalogueEntryId, keep),
              )
            : eq(oauthClientSubscriptions.clientId, id),
        )
        .run();
      entries.forEach((entry, i) => {
        const at = new Date(now.getTime() + i);
        tx.insert(oauthClientSubscriptions)
          .values({
            clientId: id,
            catalogueEntryId: entry.catalogueEntryId,
            status: entry.status,
            createdAt: at,
            updatedAt: at,
          })
          .onConflictDoUpdate({
            target: [oauthClientSubscriptions.clientId, oauthClientSubscriptions.catalogueEntryId],
            set: { status: entry.status, createdAt: at, updatedAt: at },
          })
          .run();
      });
      tx.update(oauthClients).set({ updatedAt: now }).where(eq(oauthClients.id, id)).run();
    });
  }

  addSubscription(id: string, catalogueEntryId: string, status: SubscriptionStatus): void {
    const now = new Date();
    this.db.transaction((tx) => {
      tx.insert(oauthClientSubscriptions)
        .values({ clientId: id, catalogueEntryId, status, createdAt: now, updatedAt: now })
        .run();
      tx.update(oauthClients).set({ updatedAt: now }).where(eq(oauthClients.id, id)).run();
    });
  }

  removeSubscription(id: string, catalogueEntryId: string): boolean {
    const now = new Date();
    return this.db.transaction((tx) => {
      const removed = tx
        .delete(oauthClientSubscriptions)
        .where(
          and(
            eq(oauthClientSubscriptions.clientId, id),
            eq(oauthClientSubscriptions.catalogueEntryId, catalogueEntryId),
          ),
        )
        .run().changes;
      if (removed > 0) tx.update(oauthClients).set({ updatedAt: now }).where(eq(oauthClients.id, id)).run();
      return removed > 0;
    });
  }

  /** Runs `fn` in one transaction (nested calls become savepoints), so multi-step changes land together. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(() => fn());
  }

  /** Soft delete: the row stays for the audit trail, `client_id` stops resolving at once. */
  softDelete(id: string, at: Date): void {
    this.db.update(oauthClients).set({ deletedAt: at, updatedAt: at }).where(eq(oauthClients.id, id)).run();
  }
}

/** Client secrets: only SHA-256 hashes and a display prefix are stored (see services/client-secrets.ts). */
export class ClientSecretsRepository {
  // Prepared once: client authentication runs these on every token request.
  readonly #listActive;
  readonly #touch;

  constructor(private readonly db: Db) {
    this.#listActive = db
      .select()
      .from(clientSecrets)
      .where(
        and(
          eq(clientSecrets.clientId, sql.placeholder('clientId')),
          isNull(clientSecrets.revokedAt),
          or(isNull(clientSecrets.expiresAt), gt(clientSecrets.expiresAt, sql.placeholder('now'))),
        ),
      )
      .orderBy(desc(clientSecrets.createdAt), desc(clientSecrets.id))
      .prepare();
    this.#touch = db
      .update(clientSecrets)
      .set({ lastUsedAt: sql`${sql.placeholder('at')}` })
      .where(eq(clientSecrets.id, sql.placeholder('id')))
      .prepare();
  }

  listForClient(clientId: string): ClientSecretRow[] {
    return this.db
      .select()
      .from(clientSecrets)
      .where(eq(clientSecrets.clientId, clientId))
      .orderBy(desc(clientSecrets.createdAt), desc(clientSecrets.id))
      .all();
  }

  /** Secrets that still authenticate at `now`: not revoked, and without an expiry or expiring later. */
  listActive(clientId: string, now: Date): ClientSecretRow[] {
    // Placeholders in conditions bind raw driver values: timestamps as epoch ms.
    return this.#listActive.all({ clientId, now: now.getTime() });
  }

  find(clientId: string, secretId: string): ClientSecretRow | undefined {
    return this.db
      .select()
      .from(clientSecrets)
      .where(and(eq(clientSecrets.clientId, clientId), eq(clientSecrets.id, secretId)))
      .get();
  }

  insert(input: {
    clientId: string;
    hash: string;
    prefix: string;
    createdAt: Date;
    expiresAt?: Date | null;
  }): ClientSecretRow {
    return this.db
      .insert(clientSecrets)
      .values({
        id: randomUUID(),
        clientId: input.clientId,
        hash: input.hash,
        prefix: input.prefix,
        createdAt: input.createdAt,
        expiresAt: input.expiresAt ?? null,
      })
      .returning()
      .get();
  }

  /** Sets (or clears) when a secret stops working; tests use it to age a secret past its grace period. */
  setExpiry(secretId: string, expiresAt: Date | null): void {
    this.db.update(clientSecrets).set({ expiresAt }).where(eq(clientSecrets.id, secretId)).run();
  }

  revoke(secretId: string, at: Date): void {
    this.db
      .update(clientSecrets)
      .set({ revokedAt: at })
      .where(and(eq(clientSecrets.id, secretId), isNull(clientSecrets.revokedAt)))
      .run();
  }

  revokeAllForClient(clientId: string, at: Date): number {
    return this.db
      .update(clientSecrets)
      .set({ revokedAt: at })
      .where(and(eq(clientSecrets.clientId, clientId), isNull(clientSecrets.revokedAt)))
      .run().changes;
  }

  touch(secretId: string, at: Date): void {
    this.#touch.run({ id: secretId, at: at.getTime() });
  }

  /** Runs `fn` in one transaction, so a rotation's "check, expire old, insert new" cannot interleave. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(() => fn());
  }
}
