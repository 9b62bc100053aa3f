import fastifyFormbody from '@fastify/formbody';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AuthorizeQuery,
  IntrospectionResponse,
  OAuthErrorResponse,
  TokenOperationRequest,
  TokenRequest,
  TokenResponse,
} from '@portico/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { isDatabaseLocked } from '../../db/client.js';
import { isAppError } from '../../lib/errors.js';
import { invalidRequest, isOAuthError, OAuthError } from '../../oauth/errors.js';
import type { RawParams } from '../../oauth/params.js';
import type { EndUser } from '../../services/oauth-server.js';
import { renderAuthorizeErrorPage } from './error-page.js';

const FORM = 'application/x-www-form-urlencoded';

/** RFC 6749 §5.1/§5.2: token responses (and errors) must not be cached. */
function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
}

/** RFC 6749 §3.2, RFC 7009 §2.1, RFC 7662 §2.1: these endpoints take form-encoded bodies only. */
function assertForm(request: FastifyRequest): void {
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== FORM) throw invalidRequest(`The request body must be ${FORM}.`);
}

const oauthErrors = { 400: OAuthErrorResponse, 401: OAuthErrorResponse, 429: OAuthErrorResponse };

/**
 * Browser-based public clients (single-page apps) call the token and revocation endpoints from their
 * own origin. Nothing here relies on cookies — the client authenticates in the request — so any
 * origin may read the answers, and credentials mode stays off (`*` forbids it).
 */
const CORS_PATHS = new Set(['/oauth/token', '/oauth/revoke']);
const CORS_PREFLIGHT = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-max-age': '600',
};

/** The signed-in user at the authorization endpoint, or null (a missing session is not an error here). */
async function optionalUser(
  app: Parameters<FastifyPluginAsyncTypebox>[0],
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<EndUser | null> {
  if (!request.headers.cookie) return null;
  try {
    await app.requireUser(request, reply);
  } catch (error) {
    if (isAppError(error) && error.statusCode === 401) return null;
    throw error;
  }
  return request.currentUser === null
    ? null
    : { id: request.currentUser.id, status: request.currentUser.status };
}

/**
 * The OAuth 2.0 protocol endpoints under `/oauth`. Errors here are OAuth errors
 * (`{ error, error_description }`, RFC 6749 §5.2), so this scope has its own error handler.
 */
const oauthProtocolRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['oauth'];
  // RFC 6749 §4.1.3, RFC 7009 §2.1, RFC 7662 §2.1: form-encoded bodies, here only (see security.ts).
  await app.register(fastifyFormbody);
  const oauth = app.services.oauth;

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.statusCode === 429 && request.routeOptions.url === '/oauth/authorize') {
      // A browser page: answered as one (the rate limiter has set Retry-After).
      return noStore(reply)
        .status(429)
        .type('text/html; charset=utf-8')
        .send(
          renderAuthorizeErrorPage(
            'rate_limited',
            'Too many sign-in requests came from your network. Wait a minute, then start again from the application.',
          ),
        );
    }
    let oauthError: OAuthError;
    if (isOAuthError(error)) {
      oauthError = error;
    } else if (error.validation) {
      oauthError = invalidRequest('The request parameters are malformed.');
    } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      // Wrong content type, malformed body, body too large: all protocol errors of the request.
      oauthError = invalidRequest(error.message);
    } else if (isDatabaseLocked(error)) {
      // Another process held the database's write lock too long. Nothing was written (no code spent,
      // no refresh token rotated), so the client may simply try again.
      request.log.warn({ err: error, url: request.url }, 'database locked');
      oauthError = new OAuthError(
        'server_error',
        'The authorization server is busy. Try again shortly.',
        503,
        {
          'retry-after': '1',
        },
      );
    } else {
      request.log.error(
        { err: error, method: request.method, url: request.url, reqId: request.id },
        'request failed',
      );
      oauthError = new OAuthError(
        'server_error',
        'The authorization server failed to process the request.',
        500,
      );
    }
    noStore(reply).headers(oauthError.headers);
    return reply
      .status(oauthError.statusCode)
      .type('application/json; charset=utf-8')
      .send(oauthError.toJSON());
  });

  app.addHook('onSend', async (request, reply) => {
    if (CORS_PATHS.has(request.routeOptions.url ?? '')) reply.header('access-control-allow-origin', '*');
  });
  // Programs call these three and only ever get JSON back: the API set of security headers.
  const api = { securityHeaders: 'api' } as const;
  for (const path of ['/token', '/revoke']) {
    app.options(path, { schema: { hide: true }, config: api }, async (_request, reply) =>
      reply.headers(CORS_PREFLIGHT).status(204).send(),
    );
  }

  const { authorize: authorizeLimit } = app.config.rateLimit;
  app.get(
    '/authorize',
    {
      config: { rateLimit: { max: authorizeLimit.max, timeWindow: authorizeLimit.windowMs } },
      // Fastify's automatic HEAD route runs this handler (which stores a request) under a rate-limit
      // bucket of its own, doubling the limit. No client sends HEAD here.
      exposeHeadRoute: false,
      schema: {
        tags,
        summary: 'Authorization endpoint (RFC 6749 §4.1.1): authorization code flow with PKCE',
        description:
          'Valid requests continue at the consent screen (`/consent?request=...`, after sign-in). Errors about the ' +
          'client or redirect URI show an error page; other errors are redirected to the client with `error`, ' +
          '`state` and `iss` (RFC 9207).',
        querystring: AuthorizeQuery,
        response: {
          302: Type.Null({ description: 'Redirect to the consent screen or back to the client' }),
          400: Type.String({ description: 'HTML error page (unknown client or unregistered redirect URI)' }),
          429: Type.String({
            description: 'HTML error page: too many authorization requests from this address',
          }),
        },
      },
    },
    async (request, reply) => {
      const user = await optionalUser(app, request, reply);
      const outcome = oauth.authorize(request.query as RawParams, user);
      noStore(reply);
      if (outcome.type === 'error_page') {
        return reply
          .status(400)
          .type('text/html; charset=utf-8')
          .send(renderAuthorizeErrorPage(outcome.error, outcome.description));
      }
      return reply.redirect(outcome.location, 302);
    },
  );

  app.post(
    '/token',
    {
      config: api,
      schema: {
        tags,
        summary: 'Token endpoint (RFC 6749 §3.2): authorization_code, client_credentials, refresh_token',
        consumes: [FORM],
        body: TokenRequest,
        response: { 200: TokenResponse, ...oauthErrors },
      },
    },
    async (request, reply) => {
      assertForm(request);
      const response = await oauth.token(
        request.body as RawParams,
        request.headers.authorization,
        request.ip,
      );
      return noStore(reply).send(response);
    },
  );

  app.post(
    '/revoke',
    {
      config: api,
      schema: {
        tags,
        summary: 'Token revocation (RFC 7009): access or refresh token of the authenticated client',
        consumes: [FORM],
        body: TokenOperationRequest,
        response: { 200: Type.Null({ description: 'Revoked, or nothing to revoke' }), ...oauthErrors },
      },
    },
    async (request, reply) => {
      assertForm(request);
      oauth.revoke(request.body as RawParams, request.headers.authorization, request.ip);
      return noStore(reply).status(200).send();
    },
  );

  app.post(
    '/introspect',
    {
      config: api,
      schema: {
        tags,
        summary: "Token introspection (RFC 7662) for the authenticated confidential client's own tokens",
        consumes: [FORM],
        body: TokenOperationRequest,
        response: { 200: IntrospectionResponse, ...oauthErrors },
      },
    },
    async (request, reply) => {
      assertForm(request);
      const response = await oauth.introspect(
        request.body as RawParams,
        request.headers.authorization,
        request.ip,
      );
      return noStore(reply).send(response);
    },
  );
};

export default oauthProtocolRoutes;
