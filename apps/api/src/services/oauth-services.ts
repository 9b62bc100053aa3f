import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import { FailureLimiter } from '../oauth/failure-limiter.js';
import type { Repositories } from '../repositories/index.js';
import type { AuditService } from './audit.js';
import { OAuthClientTokensService } from './oauth-client-tokens.js';
import { OAuthConsentsService } from './oauth-consents.js';
import { OAuthKeysService } from './oauth-keys.js';
import { OAuthServerService } from './oauth-server.js';

/**
 * The authorization server's services, spread into `app.services` by `createServices`.
 * `oauthKeys.init()` (generating the first signing key) runs when the OAuth routes are registered.
 */
export function createOAuthServices(
  repos: Repositories,
  config: Config,
  audit: AuditService,
  log: FastifyBaseLogger,
) {
  const oauthKeys = new OAuthKeysService(repos.signingKeys, {
    algorithm: config.oauth.signingAlgorithm,
    reloadMs: config.oauth.keyReloadMs,
    onSignatureWorkerError: (message) =>
      log.error({ message }, 'signature worker failed; signing continues in the thread pool'),
  });
  return {
    oauthKeys,
    oauth: new OAuthServerService(
      {
        clients: repos.oauthClients,
        entitlements: repos.oauthEntitlements,
        secrets: repos.clientSecrets,
        requests: repos.authorizationRequests,
        codes: repos.authorizationCodes,
        grants: repos.oauthGrants,
        consents: repos.consents,
        users: repos.users,
        authzVersion: repos.authzVersion,
        keys: oauthKeys,
        audit,
        limiter: new FailureLimiter(),
      },
      {
        issuer: config.issuer,
        codeTtlMs: config.oauth.codeTtlMs,
        requestTtlMs: config.oauth.authorizeRequestTtlMs,
        authFailures: config.oauth.authFailures,
      },
    ),
    oauthConsents: new OAuthConsentsService(repos.consents, repos.oauthGrants, audit),
    oauthClientTokens: new OAuthClientTokensService(repos.clients, repos.tokens, repos.oauthGrants, audit),
  };
}
