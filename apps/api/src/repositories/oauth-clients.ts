import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import {
  type AppType,
  type ClientStatus,
  type GrantType,
  oauthClientRedirectUris,
  oauthClients,
  type UserStatus,
  users,
} from '../db/schema.js';

/** A client as the authorization server needs it: identity, type, status and its owner's status. */
export interface OAuthClient {
  /** Row id (`oauth_clients.id`). */
  id: string;
  /** Public `client_id`. */
  clientId: string;
  name: string;
  description: string;
  appType: AppType;
  grantTypes: GrantType[];
  status: ClientStatus;
  ownerName: string;
  ownerStatus: UserStatus;
}

/**
 * The authorization server's reads about clients, as prepared statements: the token endpoint runs
 * them on every request (measured in `bench/`: an unprepared Drizzle query costs 5–10 times more).
 * Unlike `ClientsRepository` (the portal's view: subscriptions and redirect URIs, three queries),
 * one statement returns the client with its owner's status, which every token decision needs.
 * Entitlements are in `OAuthEntitlementsRepository`.
 */
export class OAuthClientsRepository {
  readonly #byClientId;
  readonly #byId;
  readonly #redirectUris;

  constructor(db: Db) {
    const columns = {
      id: oauthClients.id,
      clientId: oauthClients.clientId,
      name: oauthClients.name,
      description: oauthClients.description,
      appType: oauthClients.appType,
      grantTypes: oauthClients.grantTypes,
      status: oauthClients.status,
      ownerName: users.name,
      ownerStatus: users.status,
    };
    // Deleted clients never resolve: their client_id stops working at once.
    this.#byClientId = db
      .select(columns)
      .from(oauthClients)
      .innerJoin(users, eq(users.id, oauthClients.ownerId))
      .where(and(eq(oauthClients.clientId, sql.placeholder('clientId')), isNull(oauthClients.deletedAt)))
      .prepare();
    this.#byId = db
      .select(columns)
      .from(oauthClients)
      .innerJoin(users, eq(users.id, oauthClients.ownerId))
      .where(and(eq(oauthClients.id, sql.placeholder('id')), isNull(oauthClients.deletedAt)))
      .prepare();
    this.#redirectUris = db
      .select({ uri: oauthClientRedirectUris.uri })
      .from(oauthClientRedirectUris)
      .where(eq(oauthClientRedirectUris.clientId, sql.placeholder('clientRowId')))
      .orderBy(asc(oauthClientRedirectUris.position))
      .prepare();
  }

  /** By public `client_id`. */
  findByClientId(clientId: string): OAuthClient | undefined {
    return this.#byClientId.get({ clientId });
  }

  /** By row id. */
  findById(id: string): OAuthClient | undefined {
    return this.#byId.get({ id });
  }

  /** Registered redirect URIs, in the developer's order. */
  redirectUris(clientRowId: string): string[] {
    return this.#redirectUris.all({ clientRowId }).map((row) => row.uri);
  }
}
