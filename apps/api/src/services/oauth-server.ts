import { randomUUID } from 'node:crypto';
import {
  type AuthorizeDecision,
  type AuthorizeRequestView,
  CLIENT_SUBJECT_PREFIX,
  type IntrospectionResponse,
  isConfidential,
  type TokenResponse,
} from '@portico/contracts';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { addressKey } from '../lib/address.js';
import { forbidden, notFound } from '../lib/errors.js';
import { type ClientCredentials, extractClientCredentials } from '../oauth/client-auth.js';
import {
  invalidClient,
  invalidGrant,
  invalidRequest,
  isOAuthError,
  OAuthError,
  rateLimited,
  unauthorizedClient,
  unsupportedGrantType,
} from '../oauth/errors.js';
import type { FailureLimit, FailureLimiter } from '../oauth/failure-limiter.js';
import {
  hashOpaque,
  newAuthorizationCode,
  newAuthorizationRequestId,
  newRefreshToken,
} from '../oauth/opaque-tokens.js';
import { allParams, type RawParams, repeatedParam, requiredParam, singleParam } from '../oauth/params.js';
import { isValidS256Challenge, verifyS256 } from '../oauth/pkce.js';
import { matchRedirectUri } from '../oauth/redirect-uri.js';
import {
  apiScopesOf,
  askedOn,
  consentCovers,
  type Entitlement,
  formatScope,
  narrowToResources,
  parseScope,
  resolveScopes,
  type ScopeCeiling,
  type ScopeResolution,
} from '../oauth/scopes.js';
import { newJti, verifyAccessToken } from '../oauth/signing-keys.js';
import { VersionedCache } from '../oauth/versioned-cache.js';
import { WriteBatcher } from '../oauth/write-batcher.js';
import type { AuthzVersionRepository } from '../repositories/authz-version.js';
import type { ClientSecretRow, ClientSecretsRepository } from '../repositories/clients.js';
import type { OAuthClient, OAuthClientsRepository } from '../repositories/oauth-clients.js';
import type { AuthorizationCodeRow, AuthorizationCodesRepository } from '../repositories/oauth-codes.js';
import type { ConsentsRepository } from '../repositories/oauth-consents.js';
import type { OAuthEntitlementsRepository } from '../repositories/oauth-entitlements.js';
import type { OAuthGrantsRepository } from '../repositories/oauth-grants.js';
import type {
  AuthorizationRequestRow,
  AuthorizationRequestsRepository,
} from '../repositories/oauth-requests.js';
import type { UsersRepository } from '../repositories/users.js';
import type { AuditService } from './audit.js';
import { matchClientSecret, secretStatus } from './client-secrets.js';
import type { OAuthKeysService } from './oauth-keys.js';

export const SUPPORTED_GRANT_TYPES = ['authorization_code', 'client_credentials', 'refresh_token'] as const;

/** Parameters whose repetition is refused (RFC 6749 §3.1, §3.2). */
const AUTHORIZE_PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
  'response_mode',
] as const;
const TOKEN_PARAMS = [
  'grant_type',
  'code',
  'redirect_uri',
  'code_verifier',
  'refresh_token',
  'scope',
  'client_id',
  'client_secret',
] as const;
const TOKEN_OPERATION_PARAMS = ['token', 'token_type_hint', 'client_id', 'client_secret'] as const;

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The `kid` of a JWS's header, if it has a readable one. */
function kidOf(token: string): string | undefined {
  try {
    const { kid } = decodeProtectedHeader(token);
    return typeof kid === 'string' ? kid : undefined;
  } catch {
    return undefined;
  }
}

export interface OAuthServerOptions {
  issuer: string;
  /** RFC 6749 §4.1.2 recommends at most 10 minutes; RFC 9700 practice is far shorter. */
  codeTtlMs: number;
  /** How long the consent screen may stay open. */
  requestTtlMs: number;
  /** Brute-force limits on failed client authentication. */
  authFailures: { perClient: FailureLimit; perAddress: FailureLimit };
  clock?: () => number;
}

export interface OAuthServerDeps {
  clients: OAuthClientsRepository;
  entitlements: OAuthEntitlementsRepository;
  secrets: ClientSecretsRepository;
  requests: AuthorizationRequestsRepository;
  codes: AuthorizationCodesRepository;
  grants: OAuthGrantsRepository;
  consents: ConsentsRepository;
  users: UsersRepository;
  authzVersion: AuthzVersionRepository;
  keys: OAuthKeysService;
  audit: AuditService;
  limiter: FailureLimiter;
}

/** The signed-in end user, if any, at the authorization endpoint. */
export interface EndUser {
  id: string;
  status: 'active' | 'inactive';
}

export type AuthorizeOutcome =
  /** Client or redirect URI cannot be trusted: show an error page, never redirect (RFC 6749 §4.1.2.1). */
  { type: 'error_page'; error: string; description: string } | { type: 'redirect'; location: string };

interface AuthenticatedClient {
  client: OAuthClient;
  method: 'client_secret_basic' | 'client_secret_post' | 'none';
  /** What the client may get tokens for (loaded with the client, see `ClientSnapshot`). */
  entitlements: Entitlement[];
  /** The authorization version the decision was made at (see `VersionedCache`). */
  authzVersion: number;
  /** The secret that matched (null for public clients). */
  secretId: string | null;
}

type ClientVerdict = { ok: AuthenticatedClient } | { failure: string } | { unusable: OAuthError };

/** A client_credentials token whose authentication went stale before it was written: redo it. */
class StaleAuthentication extends Error {}

/** Attempts of a client_credentials request whose authentication keeps going stale (see `token`). */
const MAX_STALE_RETRIES = 3;

/**
 * How long an address that authenticated a client with its secret stays exempt from that client's
 * failure limit (see `#authenticateClient`). `trust` renews the entry once half of it has passed, so
 * the exemption lasts 12 to 24 hours after the last success: plenty for clients that fetch a token
 * hourly.
 */
const TRUSTED_SOURCE_MS = 24 * 3_600_000;

/**
 * Everything client authentication and the token grants read about a client, loaded together and
 * cached until the database's authorization version changes (any write to clients, their owners,
 * secrets, subscriptions, catalogue, policies or APIs), so a revoked secret, a deleted client or a
 * narrowed policy takes effect on the next request, as without the cache.
 */
interface ClientSnapshot {
  client: OAuthClient;
  /** Secrets that worked when loaded; `matchClientSecret` re-checks expiry per request. */
  secrets: ClientSecretRow[];
  entitlements: Entitlement[];
}

interface IssueInput {
  /**
   * The authorization version the client was checked at. The write confirms it; if it changed, the
   * write either fails with `StaleAuthentication` (the caller starts over) or, with `recheck`, looks
   * at the client again with fresh data and refuses if the token would no longer be issued.
   */
  authzVersion: number;
  /** Whether fresh entitlements still give the resolution the token was signed with. */
  recheck?: (entitlements: Entitlement[]) => boolean;
  /** The client secret the request authenticated with, which must still work at the recheck. */
  secretId: string | null;
  client: OAuthClient;
  grantType: (typeof SUPPORTED_GRANT_TYPES)[number];
  subject: string;
  userId: string | null;
  grantId: string | null;
  resolution: ScopeResolution;
  /** Issue a refresh token with these scopes (RFC 6749 §6: identical to the one it replaces). */
  refresh?: { scopes: string[]; parentId: string | null };
  /**
   * Runs first, in the same savepoint as the writes: refresh rotation claims the old token here, the
   * code grant checks its grant is still live. When it returns false nothing is written and `#issue`
   * calls `onClaimLost` instead.
   */
  claim?: { take: () => boolean; onClaimLost: () => never };
  ip: string;
}

/**
 * Portico's OAuth 2.0 authorization server (RFC 6749 as profiled by RFC 9700): the authorization
 * code flow with PKCE and a consent screen, the token endpoint's three grants, revocation (RFC 7009)
 * and introspection (RFC 7662). Routes translate HTTP to these calls; this class holds every rule.
 */
export class OAuthServerService {
  readonly #clock: () => number;
  /** Group commit of issued tokens (see `WriteBatcher`): persisted before the response, cheaply. */
  readonly #writes: WriteBatcher;
  readonly #clientCache: VersionedCache<string, ClientSnapshot>;
  #lastSweep = 0;

  constructor(
    private readonly deps: OAuthServerDeps,
    private readonly options: OAuthServerOptions,
  ) {
    this.#clock = options.clock ?? Date.now;
    this.#writes = new WriteBatcher((fn) => deps.grants.transaction(fn));
    this.#clientCache = new VersionedCache(() => deps.authzVersion.current());
  }

  get issuer(): string {
    return this.options.issuer;
  }

  // -------------------------------------------------------------------------------------------
  // Authorization endpoint (RFC 6749 §4.1.1)

  authorize(query: RawParams, user: EndUser | null): AuthorizeOutcome {
    // 1. Client and redirect URI. Until both are verified nothing may be sent to the redirect URI
    //    (RFC 6749 §4.1.2.1, RFC 9700 §4.11.1: no open redirector).
    if (Array.isArray(query.client_id))
      return errorPage('invalid_request', 'The client_id parameter is repeated.');
    const clientId = query.client_id;
    if (clientId === undefined || clientId === '') {
      return errorPage('invalid_request', 'The request has no client_id.');
    }
    const client = this.deps.clients.findByClientId(clientId);
    if (!client) return errorPage('invalid_client', 'No application is registered with this client_id.');
    // A client that may not be used (draft, pending, rejected, developer deactivated) has redirect URIs
    // nobody vouches for: redirecting there would make Portico an open redirector (RFC 9700 §4.11.2).
    const unusable = this.#unusableReason(client);
    if (unusable !== undefined) return errorPage(unusable.code, unusable.description);
    if (Array.isArray(query.redirect_uri)) {
      return errorPage('invalid_request', 'The redirect_uri parameter is repeated.');
    }
    const registered = this.deps.clients.redirectUris(client.id);
    let redirectUri: string;
    if (query.redirect_uri === undefined || query.redirect_uri === '') {
      // RFC 6749 §3.1.2.3: may be omitted only when exactly one URI is registered.
      if (registered.length !== 1 || registered[0] === undefined) {
        return errorPage('invalid_request', 'The request has no redirect_uri.');
      }
      redirectUri = registered[0];
    } else {
      // Only native apps (public clients) get the loopback port exception (RFC 8252 §7.3).
      if (matchRedirectUri(registered, query.redirect_uri, !isConfidential(client.appType)) === undefined) {
        return errorPage('invalid_request', 'The redirect_uri is not registered for this application.');
      }
      redirectUri = query.redirect_uri;
    }

    // 2. From here on, errors go back to the client with `state` and `iss` (RFC 9207).
    const state = typeof query.state === 'string' && query.state !== '' ? query.state : undefined;
    try {
      const repeated = repeatedParam(query, AUTHORIZE_PARAMS);
      if (repeated !== undefined) throw invalidRequest(`The '${repeated}' parameter must not be repeated.`);

      const responseType = singleParam(query, 'response_type');
      if (responseType === undefined) throw invalidRequest('The "response_type" parameter is required.');
      // RFC 9700 §2.1.2: no implicit grant (token) and no hybrid types: only the code flow.
      if (responseType !== 'code') {
        throw new OAuthError('unsupported_response_type', 'Only response_type=code is supported.');
      }
      const responseMode = singleParam(query, 'response_mode');
      if (responseMode !== undefined && responseMode !== 'query') {
        throw invalidRequest('Only response_mode=query is supported.');
      }
      if (!client.grantTypes.includes('authorization_code')) {
        throw unauthorizedClient('This application may not use the authorization code flow.');
      }

      // PKCE (RFC 7636, RFC 9700 §2.1.1): S256 only; required for public clients.
      const challenge = singleParam(query, 'code_challenge');
      const method = singleParam(query, 'code_challenge_method');
      if (challenge === undefined) {
        if (method !== undefined)
          throw invalidRequest('code_challenge_method was sent without a code_challenge.');
        if (!isConfidential(client.appType)) {
          throw invalidRequest('PKCE is required: send code_challenge with code_challenge_method=S256.');
        }
      } else {
        // RFC 7636 §4.3: a missing method means `plain`, which is not supported.
        if (method !== 'S256') throw invalidRequest('Only code_challenge_method=S256 is supported.');
        if (!isValidS256Challenge(challenge)) {
          throw invalidRequest('code_challenge must be the 43-character base64url SHA-256 of the verifier.');
        }
      }

      // RFC 8707: `resource` narrows the request to those APIs; the user is asked only about them.
      const resolution = narrowToResources(
        resolveScopes({
          issuer: this.options.issuer,
          entitlements: this.deps.entitlements.entitlements(client.id),
          grantType: 'authorization_code',
          requested: parseScope(singleParam(query, 'scope')),
        }),
        allParams(query, 'resource'),
      );

      const now = this.#clock();
      const request = {
        id: newAuthorizationRequestId(),
        clientId: client.id,
        redirectUri,
        scopes: resolution.scopes,
        apiIds: resolution.apis.map((api) => api.id),
        apiScopes: apiScopesOf(resolution.apis),
        state: state ?? null,
        codeChallenge: challenge ?? null,
        createdAt: new Date(now),
        expiresAt: new Date(now + this.options.requestTtlMs),
      };
      this.#sweepRequests(now);
      this.deps.requests.insert(request);

      // Consent is remembered per user + client, as scope–API pairs: a signed-in user who already
      // allowed every scope on every API asked for goes straight back to the application. A client
      // that gained an API since (even one defining the same scope names, or none) asks again. Not for public clients (RFC
      // 8252 §8.6): any program can present their client_id with its own loopback port and PKCE
      // pair, so the user confirms every time (the consent screen says they allowed it before).
      if (user !== null && user.status === 'active' && isConfidential(client.appType)) {
        const consent = this.deps.consents.findActive(user.id, client.id);
        if (consent && consentCovers(consent, request)) {
          const completed = this.deps.requests.complete(request.id, new Date(now));
          if (completed) {
            const code = this.#issueCode(client, user.id, completed);
            return { type: 'redirect', location: this.#clientRedirect(redirectUri, { code, state }) };
          }
        }
      }
      return { type: 'redirect', location: `/consent?${new URLSearchParams({ request: request.id })}` };
    } catch (error) {
      if (!isOAuthError(error)) throw error;
      return {
        type: 'redirect',
        location: this.#clientRedirect(redirectUri, {
          error: error.code,
          error_description: error.description,
          state,
        }),
      };
    }
  }

  /** Deletes long-expired authorization requests, at most once a minute (they are never read again). */
  #sweepRequests(now: number): void {
    if (now - this.#lastSweep < 60_000) return;
    this.#lastSweep = now;
    this.deps.requests.deleteExpired(new Date(now - 60 * 60_000));
  }

  /** What the consent screen shows for a pending request. */
  describeRequest(requestId: string, user: EndUser): AuthorizeRequestView {
    const request = this.deps.requests.findPending(requestId, new Date(this.#clock()));
    if (!request) throw expiredRequest();
    const client = this.deps.clients.findById(request.clientId);
    if (!client) throw expiredRequest();

    const apis = new Map<string, AuthorizeRequestView['apis'][number]>();
    for (const { api } of this.deps.entitlements.entitlements(client.id)) {
      if (!request.apiIds.includes(api.id)) continue;
      const asked = askedOn(request, api.id);
      const existing = apis.get(api.id) ?? { id: api.id, name: api.name, scopes: [] };
      for (const scope of api.scopes) {
        if (asked.includes(scope.name) && !existing.scopes.some((s) => s.name === scope.name)) {
          existing.scopes.push({ name: scope.name, description: scope.description });
        }
      }
      apis.set(api.id, existing);
    }
    const consent = this.deps.consents.findActive(user.id, client.id);
    const covered = consent !== undefined && consentCovers(consent, request);
    return {
      id: request.id,
      client: {
        clientId: client.clientId,
        name: client.name,
        description: client.description,
        developerName: client.ownerName,
      },
      apis: [...apis.values()],
      scopes: request.scopes,
      redirectOrigin: new URL(request.redirectUri).origin,
      alreadyGranted: covered && isConfidential(client.appType),
      previouslyAllowed: covered,
      expiresAt: request.expiresAt.toISOString(),
    };
  }

  /** The user's Allow / Deny on the consent screen; returns where the browser goes next. */
  decide(requestId: string, user: EndUser, decision: AuthorizeDecision, ip: string): { redirectTo: string } {
    const now = new Date(this.#clock());
    const request = this.deps.requests.complete(requestId, now);
    if (!request) throw expiredRequest();
    const client = this.deps.clients.findById(request.clientId);
    if (!client) throw expiredRequest();
    const state = request.state ?? undefined;
    // Rejected, or its developer deactivated, since the request was made: its redirect URIs are no
    // longer vouched for, so neither answer is sent there (RFC 9700 §4.11.2).
    const unusable = this.#unusableReason(client);
    if (unusable !== undefined) throw forbidden(unusable.description);
    // Likewise a redirect URI the developer removed while the user was deciding.
    const registered = this.deps.clients.redirectUris(client.id);
    if (matchRedirectUri(registered, request.redirectUri, !isConfidential(client.appType)) === undefined) {
      throw forbidden(
        'The application no longer uses the address this request would return to. Start again from the application.',
      );
    }

    if (decision === 'deny') {
      this.deps.audit.record({
        actorId: user.id,
        action: 'oauth.consent_denied',
        targetType: 'oauth_client',
        targetId: client.id,
        meta: { clientId: client.clientId, scopes: request.scopes },
        ip,
      });
      return {
        redirectTo: this.#clientRedirect(request.redirectUri, {
          error: 'access_denied',
          error_description: 'The user denied the request.',
          state,
        }),
      };
    }
    const consent = this.deps.consents.grant(
      user.id,
      client.id,
      { scopes: request.scopes, apiIds: request.apiIds, apiScopes: request.apiScopes },
      now,
    );
    this.deps.audit.record({
      actorId: user.id,
      action: 'oauth.consent_granted',
      targetType: 'consent',
      targetId: consent.id,
      meta: {
        clientId: client.clientId,
        scopes: request.scopes,
        apiIds: request.apiIds,
        apiScopes: request.apiScopes,
      },
      ip,
    });
    const code = this.#issueCode(client, user.id, request);
    return { redirectTo: this.#clientRedirect(request.redirectUri, { code, state }) };
  }

  // -------------------------------------------------------------------------------------------
  // Token endpoint (RFC 6749 §3.2)

  async token(params: RawParams, authorization: string | undefined, ip: string): Promise<TokenResponse> {
    const repeated = repeatedParam(params, TOKEN_PARAMS);
    if (repeated !== undefined) throw invalidRequest(`The '${repeated}' parameter must not be repeated.`);
    const grantType = singleParam(params, 'grant_type');
    if (grantType === undefined) throw invalidRequest('The "grant_type" parameter is required.');
    // RFC 9700 §2.4: no resource owner password credentials grant; nothing outside the three grants.
    if (!(SUPPORTED_GRANT_TYPES as readonly string[]).includes(grantType)) {
      throw unsupportedGrantType(`The grant type '${grantType}' is not supported.`);
    }
    if (grantType === 'client_credentials') return this.#clientCredentials(authorization, params, ip);
    const authenticated = this.#authenticateClient(authorization, params, ip, true);
    return grantType === 'authorization_code'
      ? this.#authorizationCodeGrant(authenticated, params, ip)
      : this.#refreshTokenGrant(authenticated, params, ip);
  }

  /**
   * The busiest grant, authenticated optimistically: a cached client is trusted without reading the
   * authorization version, and the version is confirmed in the transaction that writes the token.
   * If anything changed in between (a revoked secret, a narrowed policy, ...), nothing is written and
   * the request starts over with a fresh look at the client. Nothing happens before that write, so
   * starting over is safe; this also closes the window in which a token could be written just after
   * its client was revoked.
   */
  async #clientCredentials(
    authorization: string | undefined,
    params: RawParams,
    ip: string,
  ): Promise<TokenResponse> {
    for (let attempt = 1; ; attempt++) {
      const optimistic = attempt === 1;
      const authenticated = this.#authenticateClient(authorization, params, ip, true, optimistic);
      try {
        return await this.#clientCredentialsGrant(authenticated, params, ip);
      } catch (error) {
        const stale = error instanceof StaleAuthentication;
        // A refusal (no scope left, ...) must not rest on a possibly stale client either: the first,
        // optimistic attempt's refusals are decided again on fresh data.
        if (!stale && !(optimistic && isOAuthError(error))) throw error;
        if (stale && attempt >= MAX_STALE_RETRIES) {
          throw new OAuthError(
            'server_error',
            "The client's settings kept changing while the token was issued. Try again.",
            503,
          );
        }
      }
    }
  }

  #authorizationCodeGrant(
    { client, entitlements, authzVersion, secretId }: AuthenticatedClient,
    params: RawParams,
    ip: string,
  ): Promise<TokenResponse> {
    if (!client.grantTypes.includes('authorization_code')) {
      throw unauthorizedClient('This client may not use the authorization code grant.');
    }
    const code = requiredParam(params, 'code');
    const resources = allParams(params, 'resource');
    // RFC 6749 §4.1.3, RFC 9700 §4.1: always required here, and identical to the one authorized.
    const redirectUri = requiredParam(params, 'redirect_uri');
    const verifier = singleParam(params, 'code_verifier');

    const now = this.#clock();
    const hash = hashOpaque(code);
    // Read here, spent in the transaction that writes the tokens (`claim` below): a request that
    // fails on the way there through no fault of its own (a locked database, a re-check refused on
    // fresh data) leaves the code usable. A request of its own client refused here spends it (RFC
    // 6749 §4.1.2: a code is used once).
    const row = this.deps.codes.find(hash);
    // Another client's code is answered as unknown, before anything else: client_ids are public and
    // a public client authenticates with its id alone, so a caller holding someone's code (leaked
    // through history, logs or a Referer) must neither learn whether it was used, nor spend it, nor
    // set off the replay response that revokes its owner's tokens.
    if (!row || row.clientId !== client.id) throw invalidGrant('The authorization code is invalid.');
    if (row.consumedAt !== null) this.#codeReplayed(client, row, now, ip);
    const refuse: (description: string) => never = (description) => {
      if (!this.deps.codes.consume(hash, new Date(now))) this.#codeReplayed(client, row, now, ip);
      throw invalidGrant(description);
    };
    if (row.expiresAt.getTime() <= now) refuse('The authorization code has expired.');
    if (row.redirectUri !== redirectUri) {
      refuse('redirect_uri does not match the one of the authorization request.');
    }
    // RFC 9700 §2.1.1 / §4.8.2: downgrade protection in both directions.
    if (row.codeChallenge !== null) {
      if (verifier === undefined) refuse('code_verifier is required for this authorization code.');
      if (!verifyS256(verifier, row.codeChallenge))
        refuse('code_verifier does not match the code_challenge.');
    } else if (verifier !== undefined) {
      refuse('code_verifier was sent but the authorization request had no code_challenge.');
    }
    if (!this.#userActive(row.userId)) refuse('The user who authorized this application is deactivated.');
    const grant = row.grantId === null ? undefined : this.deps.grants.findGrant(row.grantId);
    if (!grant || grant.revokedAt !== null) refuse('The authorization was revoked.');

    const ceiling = { scopes: grant.scopes, apiIds: grant.apiIds, apiScopes: grant.apiScopes };
    // The refresh token keeps the whole grant; `resource` (RFC 8707) narrows this access token only.
    const whole = this.#resolveForGrant(entitlements, ceiling, undefined);
    const resolution = narrowToResources(whole, resources);
    let lost: 'replayed' | 'revoked' | undefined;
    return this.#issue({
      authzVersion,
      secretId,
      // The whole grant, which the refresh token keeps (the narrowed token follows from it).
      recheck: (fresh) => this.#sameAccess(whole, () => this.#resolveForGrant(fresh, ceiling, undefined)),
      client,
      grantType: 'authorization_code',
      subject: row.userId,
      userId: row.userId,
      grantId: grant.id,
      resolution,
      refresh: this.#refreshAllowed(client, resolution)
        ? { scopes: whole.scopes, parentId: null }
        : undefined,
      // Spends the code in the transaction that writes the tokens. A concurrent exchange of the same
      // code may have spent it meanwhile (a replay), or a replay or a withdrawn consent revoked the
      // grant while this request was signing: then nothing is written (RFC 6749 §4.1.2).
      claim: {
        take: () => {
          if (!this.deps.codes.consume(hash, new Date(now))) {
            lost = 'replayed';
            return false;
          }
          if (this.deps.grants.findGrant(grant.id)?.revokedAt !== null) {
            lost = 'revoked';
            return false;
          }
          return true;
        },
        onClaimLost: () => {
          if (lost === 'replayed') this.#codeReplayed(client, row, now, ip);
          throw invalidGrant('The authorization was revoked.');
        },
      },
      ip,
    });
  }

  #refreshTokenGrant(
    { client, entitlements, authzVersion, secretId }: AuthenticatedClient,
    params: RawParams,
    ip: string,
  ): Promise<TokenResponse> {
    if (!client.grantTypes.includes('refresh_token')) {
      throw unauthorizedClient('This client may not use the refresh token grant.');
    }
    const presented = requiredParam(params, 'refresh_token');
    const requested = parseScope(singleParam(params, 'scope'));
    const resources = allParams(params, 'resource');
    const now = this.#clock();
    const row = this.deps.grants.findRefreshTokenByHash(hashOpaque(presented));
    if (!row || row.clientId !== client.id) throw invalidGrant('The refresh token is invalid.');
    // Checked before `revokedAt`: a rotated token is also marked revoked, and its reuse is an alarm.
    if (row.rotatedAt !== null) this.#refreshReuse(client, row.grantId, ip);
    if (row.revokedAt !== null) throw invalidGrant('The refresh token was revoked.');
    if (row.expiresAt.getTime() <= now) throw invalidGrant('The refresh token has expired.');
    const grant = this.deps.grants.findGrant(row.grantId);
    if (!grant || grant.revokedAt !== null) throw invalidGrant('The authorization was revoked.');
    if (row.userId !== null) this.#assertUserActive(row.userId);

    // RFC 6749 §6: the new access token may keep or narrow the scope, never widen it. APIs whose admin
    // withdrew refresh tokens take no part; the new refresh token's lifetime, and whether there is
    // one, are decided over every API the presented refresh token keeps (see `refreshTerms`).
    const ceiling = { scopes: row.scopes, apiIds: grant.apiIds, apiScopes: grant.apiScopes };
    const resolve = (from: Entitlement[]) =>
      narrowToResources(this.#resolveForGrant(from, ceiling, requested, 'refresh_token'), resources);
    const resolution = resolve(entitlements);
    return this.#issue({
      authzVersion,
      secretId,
      recheck: (fresh) => this.#sameAccess(resolution, () => resolve(fresh)),
      client,
      grantType: 'refresh_token',
      subject: row.userId ?? `${CLIENT_SUBJECT_PREFIX}${client.clientId}`,
      userId: row.userId,
      grantId: grant.id,
      resolution,
      refresh: this.#refreshAllowed(client, resolution)
        ? { scopes: row.scopes, parentId: row.id }
        : undefined,
      // Rotation (RFC 9700 §4.14.2): exactly one request can use a refresh token.
      claim: {
        take: () => this.deps.grants.markRefreshTokenRotated(row.id, new Date(now)),
        // Lost to a concurrent rotation (reuse: revoke the grant) or to a revocation meanwhile (the
        // app signed out, the user withdrew consent, ...), which is no alarm.
        onClaimLost: () => {
          if (this.deps.grants.findRefreshTokenByHash(row.hash)?.rotatedAt == null) {
            throw invalidGrant('The refresh token was revoked.');
          }
          return this.#refreshReuse(client, row.grantId, ip);
        },
      },
      ip,
    });
  }

  /** RFC 9700 §4.14.2: a rotated refresh token used again means it leaked: revoke the whole grant. */
  #refreshReuse(client: OAuthClient, grantId: string, ip: string): never {
    const revoked = this.deps.grants.revokeGrant(grantId, new Date(this.#clock()));
    this.deps.audit.record({
      actorId: null,
      actorType: 'client',
      action: 'oauth.refresh_token_reused',
      targetType: 'grant',
      targetId: grantId,
      meta: { clientId: client.clientId, ...revoked },
      ip,
    });
    throw invalidGrant('The refresh token was already used; the whole authorization has been revoked.');
  }

  #clientCredentialsGrant(
    authenticated: AuthenticatedClient,
    params: RawParams,
    ip: string,
  ): Promise<TokenResponse> {
    const { client, method, entitlements } = authenticated;
    // RFC 6749 §4.4: confidential clients only.
    if (method === 'none' || !client.grantTypes.includes('client_credentials')) {
      throw unauthorizedClient('This client may not use the client credentials grant.');
    }
    const resolution = narrowToResources(
      resolveScopes({
        issuer: this.options.issuer,
        entitlements,
        grantType: 'client_credentials',
        requested: parseScope(singleParam(params, 'scope')),
      }),
      allParams(params, 'resource'),
    );
    // RFC 6749 §4.4.3: no refresh token. `sub` is prefixed so it can never equal a user id.
    return this.#issue({
      authzVersion: authenticated.authzVersion,
      secretId: authenticated.secretId,
      client,
      grantType: 'client_credentials',
      subject: `${CLIENT_SUBJECT_PREFIX}${client.clientId}`,
      userId: null,
      grantId: null,
      resolution,
      ip,
    });
  }

  /** Scopes for a token derived from a grant: within the grant, and within what the client may still use. */
  #resolveForGrant(
    entitlements: Entitlement[],
    ceiling: ScopeCeiling,
    requested: string[] | undefined,
    grantType: 'authorization_code' | 'refresh_token' = 'authorization_code',
  ): ScopeResolution {
    try {
      return resolveScopes({ issuer: this.options.issuer, entitlements, grantType, requested, ceiling });
    } catch (error) {
      // The client lost every API of this grant since it was authorized (or, on a refresh, every one
      // it still has withdrew refresh tokens): RFC 6749 §5.2 invalid_grant, the user authorizes again.
      if (isOAuthError(error) && error.code === 'unauthorized_client') {
        throw invalidGrant(
          grantType === 'refresh_token'
            ? 'The client no longer has access to the APIs of this authorization, or they no longer allow refresh tokens.'
            : 'The client no longer has access to the APIs of this authorization.',
        );
      }
      throw error;
    }
  }

  /** True when `resolveAgain` (on fresh data) yields the same scopes, audiences and lifetimes as `issued`. */
  #sameAccess(issued: ScopeResolution, resolveAgain: () => ScopeResolution): boolean {
    let again: ScopeResolution;
    try {
      again = resolveAgain();
    } catch {
      return false;
    }
    const key = (resolution: ScopeResolution) =>
      JSON.stringify([
        [...resolution.scopes].sort(),
        resolution.apis.map((api) => api.audience).sort(),
        resolution.accessTokenTtl,
        resolution.refreshTokenTtl,
        resolution.refreshAllowed,
      ]);
    return key(again) === key(issued);
  }

  /**
   * Inside the write transaction, after the authorization version moved: the client (fresh from the
   * database), its developer and the end user must still be active, the secret it authenticated
   * with must still work, it must still be allowed the grant, and `recheck` must still hold.
   */
  #stillIssuable(input: IssueInput): boolean {
    const now = new Date(this.#clock());
    const fresh = this.#clientSnapshot(input.client.clientId, now);
    if (!fresh || this.#unusableReason(fresh.client) !== undefined) return false;
    if (!fresh.client.grantTypes.includes(input.grantType)) return false;
    const secretWorks = (row: ClientSecretRow) =>
      row.id === input.secretId && secretStatus(row, now) === 'active';
    if (input.secretId !== null && !fresh.secrets.some(secretWorks)) return false;
    if (input.userId !== null && !this.#userActive(input.userId)) return false;
    return input.recheck?.(fresh.entitlements) ?? false;
  }

  /** RFC 6749 §4.1.2: a code used twice is compromised: revoke what was issued from it. */
  #codeReplayed(client: OAuthClient, code: AuthorizationCodeRow, now: number, ip: string): never {
    const grantId = code.grantId;
    if (grantId !== null) {
      const revoked = this.deps.grants.revokeGrant(grantId, new Date(now));
      this.deps.audit.record({
        actorId: null,
        actorType: 'client',
        action: 'oauth.code_replayed',
        targetType: 'grant',
        targetId: grantId,
        meta: { clientId: client.clientId, ...revoked },
        ip,
      });
    }
    throw invalidGrant(
      'The authorization code was already used; the tokens issued from it have been revoked.',
    );
  }

  #refreshAllowed(client: OAuthClient, resolution: ScopeResolution): boolean {
    return client.grantTypes.includes('refresh_token') && resolution.refreshAllowed;
  }

  async #issue(input: IssueInput): Promise<TokenResponse> {
    const { client, resolution } = input;
    const signer = this.deps.keys.signer();
    const nowMs = this.#clock();
    const iat = Math.floor(nowMs / 1000);
    const exp = iat + resolution.accessTokenTtl;
    const jti = newJti();
    const audience = resolution.apis.map((api) => api.audience);
    // RFC 6749 §3.3: a scope is one or more scope-tokens; with none granted, there is no `scope`.
    const scope = resolution.scopes.length > 0 ? { scope: formatScope(resolution.scopes) } : {};
    // RFC 9068 §2.2.
    const accessToken = await signer.sign({
      iss: this.options.issuer,
      sub: input.subject,
      aud: audience,
      client_id: client.clientId,
      ...scope,
      iat,
      exp,
      jti,
    });

    const refreshToken =
      input.refresh !== undefined && input.grantId !== null ? newRefreshToken() : undefined;
    const written = await this.#writes.run((): boolean | 'stale' | 'changed' => {
      if (this.deps.authzVersion.current() !== input.authzVersion) {
        if (input.recheck === undefined) return 'stale';
        if (!this.#stillIssuable(input)) {
          // Refused on fresh data: an authorization code is spent all the same (the user authorizes
          // again); a refresh token is left as it is.
          if (input.grantType === 'authorization_code') input.claim?.take();
          return 'changed';
        }
      }
      if (input.claim !== undefined && !input.claim.take()) return false;
      this.deps.grants.insertAccessToken({
        jti,
        clientId: client.id,
        subject: input.subject,
        userId: input.userId,
        audience,
        scopes: resolution.scopes,
        grantId: input.grantId,
        issuedAt: new Date(nowMs),
        expiresAt: new Date(exp * 1000),
      });
      let refreshTokenId: string | undefined;
      if (refreshToken !== undefined && input.refresh !== undefined && input.grantId !== null) {
        refreshTokenId = randomUUID();
        this.deps.grants.insertRefreshToken({
          id: refreshTokenId,
          hash: hashOpaque(refreshToken),
          grantId: input.grantId,
          clientId: client.id,
          userId: input.userId,
          scopes: input.refresh.scopes,
          parentId: input.refresh.parentId,
          createdAt: new Date(nowMs),
          expiresAt: new Date(nowMs + resolution.refreshTokenTtl * 1000),
        });
      }
      this.deps.audit.record({
        actorId: null,
        actorType: 'client',
        action: 'oauth.token_issued',
        targetType: 'access_token',
        targetId: jti,
        meta: {
          clientId: client.clientId,
          grantType: input.grantType,
          subject: input.subject,
          scopes: resolution.scopes,
          audience,
          ...(refreshTokenId === undefined ? {} : { refreshTokenId }),
        },
        ip: input.ip,
      });
      return true;
    });
    if (written === 'stale') throw new StaleAuthentication();
    if (written === 'changed') {
      // No token was written. A refresh token was not rotated, so the client may simply retry; an
      // authorization code was spent, so the user has to authorize again.
      if (input.grantType === 'refresh_token') {
        throw new OAuthError(
          'server_error',
          "The client's or the user's access changed while the token was issued. Try again.",
          503,
          { 'retry-after': '1' },
        );
      }
      throw invalidGrant(
        "The client's or the user's access changed while the token was issued. Start the authorization again.",
      );
    }
    if (!written) input.claim?.onClaimLost();

    const response: TokenResponse = {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: exp - iat,
      ...scope,
    };
    if (refreshToken !== undefined) response.refresh_token = refreshToken;
    return response;
  }

  // -------------------------------------------------------------------------------------------
  // Revocation (RFC 7009) and introspection (RFC 7662)

  revoke(params: RawParams, authorization: string | undefined, ip: string): void {
    const repeated = repeatedParam(params, TOKEN_OPERATION_PARAMS);
    if (repeated !== undefined) throw invalidRequest(`The '${repeated}' parameter must not be repeated.`);
    // RFC 7009 §2.1: public clients identify themselves and may revoke their own tokens.
    const { client } = this.#authenticateClient(authorization, params, ip, true);
    const token = requiredParam(params, 'token');
    const now = new Date(this.#clock());

    // `token_type_hint` is only a hint (RFC 7009 §2.1): the token's shape tells which kind it is.
    if (JWT_SHAPE.test(token)) {
      const jti = unverifiedJti(token);
      const row = jti === undefined ? undefined : this.deps.grants.findAccessToken(jti);
      // Another client's token is left alone, and the answer is the same 200 (no token probing).
      if (row && row.clientId === client.id && this.deps.grants.revokeAccessToken(row.jti, now)) {
        this.deps.audit.record({
          actorId: null,
          actorType: 'client',
          action: 'oauth.token_revoked',
          targetType: 'access_token',
          targetId: row.jti,
          meta: { clientId: client.clientId, via: 'revocation_endpoint' },
          ip,
        });
      }
      return;
    }
    const row = this.deps.grants.findRefreshTokenByHash(hashOpaque(token));
    if (row && row.clientId === client.id && row.revokedAt === null) {
      // RFC 7009 §2.1: revoking a refresh token also invalidates the access tokens of its grant.
      const revoked = this.deps.grants.revokeGrant(row.grantId, now);
      this.deps.audit.record({
        actorId: null,
        actorType: 'client',
        action: 'oauth.token_revoked',
        targetType: 'refresh_token',
        targetId: row.id,
        meta: { clientId: client.clientId, via: 'revocation_endpoint', grantId: row.grantId, ...revoked },
        ip,
      });
    }
  }

  async introspect(
    params: RawParams,
    authorization: string | undefined,
    ip: string,
  ): Promise<IntrospectionResponse> {
    const repeated = repeatedParam(params, TOKEN_OPERATION_PARAMS);
    if (repeated !== undefined) throw invalidRequest(`The '${repeated}' parameter must not be repeated.`);
    // RFC 7662 §2.1 requires authorization: only confidential clients, with their secret.
    const { client } = this.#authenticateClient(authorization, params, ip, false);
    const token = requiredParam(params, 'token');
    const now = this.#clock();
    const inactive: IntrospectionResponse = { active: false };

    if (JWT_SHAPE.test(token)) {
      // A key another instance on this database rotated to is read at once (see `publicKey`).
      const kid = kidOf(token);
      if (kid !== undefined) this.deps.keys.publicKey(kid);
      const claims = await verifyAccessToken(token, this.deps.keys.jwks(), this.options.issuer);
      if (claims === null || typeof claims.jti !== 'string') return inactive;
      const row = this.deps.grants.findAccessToken(claims.jti);
      if (!row || row.clientId !== client.id || row.revokedAt !== null || row.expiresAt.getTime() <= now)
        return inactive;
      if (row.userId !== null && !this.#userActive(row.userId)) return inactive;
      return {
        active: true,
        ...(row.scopes.length > 0 ? { scope: formatScope(row.scopes) } : {}),
        client_id: client.clientId,
        token_type: 'Bearer',
        exp: Math.floor(row.expiresAt.getTime() / 1000),
        iat: Math.floor(row.issuedAt.getTime() / 1000),
        sub: row.subject,
        aud: row.audience,
        iss: this.options.issuer,
        jti: row.jti,
      };
    }

    const row = this.deps.grants.findRefreshTokenByHash(hashOpaque(token));
    if (
      !row ||
      row.clientId !== client.id ||
      row.revokedAt !== null ||
      row.rotatedAt !== null ||
      row.expiresAt.getTime() <= now
    ) {
      return inactive;
    }
    const grant = this.deps.grants.findGrant(row.grantId);
    if (!grant || grant.revokedAt !== null) return inactive;
    if (row.userId !== null && !this.#userActive(row.userId)) return inactive;
    return {
      active: true,
      ...(row.scopes.length > 0 ? { scope: formatScope(row.scopes) } : {}),
      client_id: client.clientId,
      // No `token_type`: RFC 7662 §2.2 means an access token's type, and a refresh token has none.
      exp: Math.floor(row.expiresAt.getTime() / 1000),
      iat: Math.floor(row.createdAt.getTime() / 1000),
      sub: row.userId ?? `${CLIENT_SUBJECT_PREFIX}${client.clientId}`,
      iss: this.options.issuer,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Shared checks

  /**
   * Client authentication (RFC 6749 §2.3), with brute-force limits per address and per client_id:
   * failures are counted. An address over its limit is refused with 429 before any secret is checked:
   * that is what stops guessing. A client over its limit has its wrong secrets answered 429, but the
   * right secret still works: client_ids are public, so anyone could otherwise lock a client out by
   * sending it wrong secrets. From an address this client authenticated from with its secret in the
   * last `TRUSTED_SOURCE_MS`, its failures are answered and counted as usual. Public clients have no
   * secret to guess and no per-client limit.
   */
  #authenticateClient(
    authorization: string | undefined,
    params: RawParams,
    ip: string,
    allowPublic: boolean,
    /** Trust a cached client without reading the version (the caller confirms it when writing). */
    optimistic = false,
  ): AuthenticatedClient {
    const credentials = extractClientCredentials(authorization, params);
    const { limiter } = this.deps;
    const { perClient, perAddress } = this.options.authFailures;
    const withSecret = credentials.method !== 'none';
    const clientKey = `client:${credentials.clientId}`;
    const address = addressKey(ip);
    const addressLimitKey = `ip:${address}`;
    const sourceKey = `${clientKey}@${address}`;
    const addressWait = limiter.retryAfter(addressLimitKey, perAddress);
    if (addressWait > 0) throw rateLimited(addressWait);
    // Over its own failure limit (strangers guessed at it: client_ids are public), a client's wrong
    // secrets are answered 429, but the right one still works, from any address: a denial of service
    // would otherwise take ten wrong guesses a minute. The per-address limit is what stops guessing
    // (and secrets have 256 random bits).
    let clientWait = withSecret ? limiter.retryAfter(clientKey, perClient) : 0;
    if (clientWait > 0 && limiter.trusted(sourceKey)) clientWait = 0;

    const now = new Date(this.#clock());
    const accept = (client: AuthenticatedClient): AuthenticatedClient => {
      if (withSecret) limiter.trust(sourceKey, TRUSTED_SOURCE_MS);
      return client;
    };
    if (optimistic) {
      const cached = this.#clientCache.peek(credentials.clientId);
      const verdict =
        cached && this.#verifyClient(credentials, cached.value, cached.version, now, allowPublic);
      if (verdict && 'ok' in verdict) return accept(verdict.ok);
      // A refusal is never based on a possibly stale entry: decide again on the current one.
    }
    const snapshot = this.#clientSnapshot(credentials.clientId, now);
    const verdict: ClientVerdict = snapshot
      ? this.#verifyClient(credentials, snapshot, this.#clientCache.version ?? 0, now, allowPublic)
      : { failure: 'Client authentication failed.' };
    if ('ok' in verdict) return accept(verdict.ok);
    if ('unusable' in verdict) throw verdict.unusable;
    limiter.recordFailure(addressLimitKey, perAddress);
    if (clientWait > 0) throw rateLimited(clientWait);
    if (withSecret) limiter.recordFailure(clientKey, perClient);
    throw invalidClient(verdict.failure, credentials.method === 'client_secret_basic');
  }

  /** Checks presented credentials against a client snapshot, without side effects on failure. */
  #verifyClient(
    credentials: ClientCredentials,
    snapshot: ClientSnapshot,
    authzVersion: number,
    now: Date,
    allowPublic: boolean,
  ): ClientVerdict {
    const { client } = snapshot;
    const confidential = isConfidential(client.appType);
    let secretId: string | null = null;
    if (credentials.method === 'none') {
      // RFC 6749 §2.1: only public clients go without a secret.
      if (confidential) return { failure: 'This client must authenticate with its client secret.' };
      if (!allowPublic) return { failure: 'Public clients cannot use this endpoint.' };
    } else {
      if (!confidential) return { failure: 'Public clients have no client secret.' };
      const matched = matchClientSecret(this.deps.secrets, snapshot.secrets, credentials.secret, now);
      if (!matched) return { failure: 'Client authentication failed.' };
      secretId = matched.id;
    }
    const unusable = this.#unusableReason(client);
    if (unusable !== undefined) return { unusable };
    return {
      ok: { client, method: credentials.method, entitlements: snapshot.entitlements, authzVersion, secretId },
    };
  }

  #clientSnapshot(clientId: string, now: Date): ClientSnapshot | undefined {
    return this.#clientCache.getOrLoad(clientId, () => {
      const client = this.deps.clients.findByClientId(clientId);
      if (!client) return undefined;
      return {
        client,
        secrets: this.deps.secrets.listActive(client.id, now),
        entitlements: this.deps.entitlements.entitlements(client.id),
      };
    });
  }

  /** DESIGN.md: tokens only for active clients of active developers (not draft, pending, rejected). */
  #unusableReason(client: OAuthClient): OAuthError | undefined {
    if (client.status !== 'active') {
      const reason =
        client.status === 'pending'
          ? 'is waiting for approval'
          : client.status === 'draft'
            ? 'is not set up yet'
            : 'was rejected';
      return unauthorizedClient(`This application ${reason}.`);
    }
    if (client.ownerStatus !== 'active')
      return unauthorizedClient("This application's developer account is deactivated.");
    return undefined;
  }

  #userActive(userId: string): boolean {
    return this.deps.users.findById(userId)?.status === 'active';
  }

  #assertUserActive(userId: string): void {
    if (!this.#userActive(userId))
      throw invalidGrant('The user who authorized this application is deactivated.');
  }

  #issueCode(client: OAuthClient, userId: string, request: AuthorizationRequestRow): string {
    const now = this.#clock();
    const grantId = randomUUID();
    const code = newAuthorizationCode();
    this.deps.grants.transaction(() => {
      // The grant is created with the code so a replayed code can revoke everything issued from it.
      this.deps.grants.insertGrant({
        id: grantId,
        clientId: client.id,
        userId,
        grantType: 'authorization_code',
        scopes: request.scopes,
        apiIds: request.apiIds,
        // `{}` only on a request made before migration 0005, which has no pairs to keep.
        apiScopes: Object.keys(request.apiScopes).length > 0 ? request.apiScopes : null,
        createdAt: new Date(now),
      });
      this.deps.codes.insert({
        hash: hashOpaque(code),
        clientId: client.id,
        userId,
        redirectUri: request.redirectUri,
        scopes: request.scopes,
        codeChallenge: request.codeChallenge,
        codeChallengeMethod: request.codeChallenge === null ? null : 'S256',
        createdAt: new Date(now),
        expiresAt: new Date(now + this.options.codeTtlMs),
        grantId,
      });
    });
    return code;
  }

  /**
   * The client's redirect URI with response parameters added to its query (RFC 6749 §4.1.2) and `iss`
   * (RFC 9207). RFC 6749 §3.1.2: the registered query is retained as it is, so the pairs are appended
   * to the string (not re-serialised with URLSearchParams, which would turn `a%20b` into `a+b` and
   * `flag` into `flag=`). Registration refuses fragments; one stored before stays after the query.
   */
  #clientRedirect(redirectUri: string, params: Record<string, string | undefined>): string {
    const pairs: string[] = [];
    for (const [name, value] of Object.entries(params))
      if (value !== undefined) pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
    pairs.push(`iss=${encodeURIComponent(this.options.issuer)}`);
    const hash = redirectUri.indexOf('#');
    const base = asciiUri(hash === -1 ? redirectUri : redirectUri.slice(0, hash));
    const fragment = hash === -1 ? '' : asciiUri(redirectUri.slice(hash));
    const separator = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
    return `${base}${separator}${pairs.join('&')}${fragment}`;
  }
}

/**
 * `uri` with any non-ASCII characters (an IRI's, which the redirect URI rules let through) in UTF-8
 * percent-encoding, as the URL parser would write them, and everything else verbatim: a `Location`
 * header carries bytes, not Unicode.
 */
function asciiUri(uri: string): string {
  const percentEncoded = (text: string) =>
    text.replace(/[\u0080-\uFFFF]+/g, (run) =>
      Array.from(
        Buffer.from(run, 'utf8'),
        (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
      ).join(''),
    );
  // A non-ASCII host is written as the URL parser writes it, in punycode (`xn--...`): percent-encoding
  // is for the path and query, and strict parsers refuse it in a host.
  const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(uri)?.[0];
  if (authority !== undefined && /[\u0080-\uFFFF]/.test(authority)) {
    try {
      const url = new URL(authority);
      return `${url.protocol}//${url.host}${percentEncoded(uri.slice(authority.length))}`;
    } catch {
      // Not a URL after all: percent-encode it like the rest.
    }
  }
  return percentEncoded(uri);
}

function errorPage(error: string, description: string): AuthorizeOutcome {
  return { type: 'error_page', error, description };
}

const expiredRequest = () =>
  notFound('This sign-in request has expired or was already answered. Start again from the application.');

/** The `jti` of a JWT without verifying it: revocation only needs to find the caller's own token. */
function unverifiedJti(token: string): string | undefined {
  try {
    const { jti } = decodeJwt(token);
    return typeof jti === 'string' ? jti : undefined;
  } catch {
    return undefined;
  }
}
