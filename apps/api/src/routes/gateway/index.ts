import replyFrom, { type FastifyReplyFromHooks } from '@fastify/reply-from';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, GATEWAY_PREFIX, GatewayErrorCode } from '@portico/contracts';
import type { FastifyReply } from 'fastify';
import {
  type Admission,
  admit,
  type GatewayApi,
  GatewayRejection,
  isCorsPreflight,
  PREFLIGHT_ADMISSION,
} from '../../gateway/checks.js';
import { downstreamResponseHeaders, type Identity, upstreamRequestHeaders } from '../../gateway/headers.js';
import { InvalidPathError, type RouteMatch } from '../../gateway/paths.js';

/** Per-request state: what the proxy callbacks and the usage hook need once the checks ran. */
interface GatewayContext {
  api: GatewayApi;
  /** Set once the caller's client is known (valid token); anonymous refusals are not attributed. */
  clientRowId: string | null;
  throttled: boolean;
  identity: Identity | null;
  /** Query string for the upstream, without `?`: the upstream URL's own query, then the caller's. */
  query: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    gateway: GatewayContext | null;
  }
}

const METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];

/**
 * `/gw/<listen path>/*`: checks the caller (see `gateway/checks.ts` for the order and the answers),
 * then streams the request to the API's upstream and the response back with @fastify/reply-from.
 */
const gatewayRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const runtime = app.gateway;
  // Upstream response-headers and idle-body timeout; past it the gateway answers 504.
  const timeout = app.config.gatewayUpstreamTimeoutMs;

  await app.register(replyFrom, {
    // Two info lines per proxied request would double the log volume of the busiest route.
    disableRequestLogging: true,
    // Never retry: a retried POST could run twice upstream.
    retryMethods: [],
  });

  // One options object for every request (no closures per request): the callbacks read the request's
  // gateway context.
  const proxyOptions: FastifyReplyFromHooks = {
    timeout,
    // The caller's query goes upstream as it came, after the upstream URL's own. `reply.from` gets the
    // path only: its URL building decodes what it is given (a stray `%` is a 500 there, and `../` in a
    // value a 400), and WHATWG URL parsing would re-encode the query.
    queryString: (_search, _url, request) => (request.gateway as GatewayContext).query,
    rewriteRequestHeaders: (request, headers) => {
      const context = request.gateway as GatewayContext;
      return upstreamRequestHeaders(headers, {
        // X-Forwarded-For grows by the peer this hop received the request from (behind a trusted
        // proxy: the proxy, whose own X-Forwarded-For already names the caller), and the host is
        // the one the caller addressed (behind a trusted proxy: its X-Forwarded-Host).
        ip: request.socket.remoteAddress,
        protocol: request.protocol,
        host: request.host,
        dropAuthorization: context.api.authMode === 'oauth2',
        identity: context.identity,
      });
    },
    rewriteHeaders: (headers) => downstreamResponseHeaders(headers),
    onError: (reply, { error }) => {
      const { api } = reply.request.gateway as GatewayContext;
      const timedOut = (error as { statusCode?: number }).statusCode === 504;
      reply.send(
        timedOut
          ? new GatewayRejection(
              504,
              GatewayErrorCode.gatewayTimeout,
              `The upstream of ${api.name} did not answer within ${timeout} ms.`,
            )
          : new GatewayRejection(
              502,
              GatewayErrorCode.badGateway,
              `The upstream of ${api.name} could not be reached.`,
            ),
      );
    },
  };

  // Bodies go upstream as streams, unparsed and unbuffered, whatever their type (and size: the upstream
  // sets its own limit). This scope is encapsulated, so the rest of the API keeps its JSON parsers.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  app.decorateRequest('gateway', null);
  // Callback style: an async hook would cost a promise on every proxied request.
  app.addHook('onResponse', (request, reply, done) => {
    const context = request.gateway;
    if (context?.clientRowId) {
      runtime.record({
        clientId: context.clientRowId,
        apiId: context.api.id,
        status: reply.statusCode,
        latencyMs: reply.elapsedTime,
        throttled: context.throttled,
      });
    }
    done();
  });
  app.route({
    method: METHODS,
    url: '/*',
    // No `params` schema: the gateway forwards the raw URL and never reads the wildcard, so validating
    // it would only add work to every proxied request.
    schema: {
      tags: ['gateway'],
      summary: 'Call an API through the gateway',
      description:
        'Forwards to the upstream of the API whose listen path prefixes the path. For oauth2 APIs it first checks ' +
        'the `Authorization: Bearer <access token>` header: token (401), audience, client, developer, subscription ' +
        'and scope (403), rate limit and quota (429).',
      response: {
        400: ErrorResponse,
        401: ErrorResponse,
        403: ErrorResponse,
        404: ErrorResponse,
        429: ErrorResponse,
        501: ErrorResponse,
        502: ErrorResponse,
        504: ErrorResponse,
      },
    },
    // Not `async`: with a cached token every check is synchronous, and a handler that returns nothing
    // after starting the proxy costs neither a promise nor Fastify's wait on the reply.
    handler: (request, reply) => {
      let match: RouteMatch<GatewayApi> | null;
      try {
        match = runtime.route(request.url.slice(GATEWAY_PREFIX.length));
      } catch (error) {
        if (error instanceof InvalidPathError) {
          throw new GatewayRejection(400, GatewayErrorCode.invalidPath, error.message);
        }
        throw error;
      }
      if (match === null) {
        throw new GatewayRejection(404, GatewayErrorCode.notFound, 'No API listens on this path.');
      }
      const context: GatewayContext = {
        api: match.api,
        clientRowId: null,
        throttled: false,
        identity: null,
        query: '',
      };
      request.gateway = context;

      let admission: Admission | Promise<Admission>;
      try {
        admission =
          match.api.authMode === 'oauth2' && isCorsPreflight(request.method, request.headers)
            ? PREFLIGHT_ADMISSION
            : admit(match.api, request.headers.authorization, runtime.checks);
      } catch (error) {
        throw noteRejection(context, error);
      }
      if (!(admission instanceof Promise)) {
        forward(reply, context, match, admission);
        return;
      }
      const route = match;
      // A token seen for the first time: wait for its signature check, then resolve with the reply — a
      // thenable that settles when the proxied response is sent — so Fastify does not answer first.
      return admission.then(
        (admitted) => {
          forward(reply, context, route, admitted);
          return reply;
        },
        (error: unknown) => {
          throw noteRejection(context, error);
        },
      ) as unknown as Promise<void>;
    },
  });

  /** Remembers who was refused (for usage) and passes the error on to the error handler. */
  function noteRejection(context: GatewayContext, error: unknown): unknown {
    if (error instanceof GatewayRejection) {
      context.clientRowId = error.clientRowId;
      context.throttled = error.throttled;
    }
    return error;
  }

  function forward(
    reply: FastifyReply,
    context: GatewayContext,
    match: RouteMatch<GatewayApi>,
    admission: Admission,
  ): void {
    const { api } = match;
    if (admission.identity !== null) {
      context.clientRowId = admission.identity.clientRowId;
      context.identity = admission.identity;
    }
    reply.headers(admission.headers);
    if (api.upstream === null) {
      throw new GatewayRejection(
        502,
        GatewayErrorCode.badGateway,
        `The upstream URL of ${api.name} is not valid.`,
      );
    }
    const { base, search, root } = api.upstream;
    const { suffix, query } = match;
    context.query = search === '' ? query : query === '' ? search : `${search}&${query}`;
    reply.from(suffix === '' && root ? `${base}/` : `${base}${suffix}`, proxyOptions);
  }
};

export default gatewayRoutes;
