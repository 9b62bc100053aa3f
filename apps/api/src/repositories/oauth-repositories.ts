import type { Db } from '../db/client.js';
import { AuthzVersionRepository } from './authz-version.js';
import { OAuthClientsRepository } from './oauth-clients.js';
import { AuthorizationCodesRepository } from './oauth-codes.js';
import { ConsentsRepository } from './oauth-consents.js';
import { OAuthEntitlementsRepository } from './oauth-entitlements.js';
import { OAuthGrantsRepository } from './oauth-grants.js';
import { AuthorizationRequestsRepository } from './oauth-requests.js';
import { SigningKeysRepository } from './oauth-signing-keys.js';

/** The authorization server's repositories, spread into `app.repos` by `createRepositories`. */
export function createOAuthRepositories(db: Db) {
  return {
    signingKeys: new SigningKeysRepository(db),
    oauthClients: new OAuthClientsRepository(db),
    oauthEntitlements: new OAuthEntitlementsRepository(db),
    authorizationRequests: new AuthorizationRequestsRepository(db),
    authorizationCodes: new AuthorizationCodesRepository(db),
    oauthGrants: new OAuthGrantsRepository(db),
    consents: new ConsentsRepository(db),
    authzVersion: new AuthzVersionRepository(db),
  };
}
