import { readFileSync } from 'node:fs';
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
import { TRY_IT_CALL_HEADER } from '../../gateway/in-process-hang-ups.js';
import { InvalidPathError, type RouteMatch } from '../../gateway/paths.js';
import { UpstreamAbort, UpstreamDispatcher } from '../../gateway/upstream-dispatcher.js';

/** Per-request state: what the proxy callbacks and the usage hook need once the checks ran. */
interface GatewayContext {
  api: GatewayApi;
  /** Set once the caller's client is known (valid token); anonymous refusals are not attributed. */
  clientRowId: string | null;
  throttled: boolean;
  identity: Identity | null;
  /** Query string for the upstream, without `?`: the upstream URL's own query, then the caller's. */
  query: string;
  /** Counted in usage already (see `recordCall`). */
  recorded: boolean;
}

/** nginx's status for a call whose caller hung up before the response started. */
const CLIENT_CLOSED_REQUEST = 499;

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

  // Verifies upstream certificates and aborts upstream requests whose caller is gone (see its doc).
  const upstream = new UpstreamDispatcher({ extraCa: readUpstreamCa(app.config.gatewayUpstreamCaFile) });
  await app.register(replyFrom, {
    undici: upstream,
    // Close the agent's keep-alive sockets to upstreams when the server closes.
    destroyAgent: true,
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
      // The caller hung up and the upstream request was aborted for it: there is no one to answer.
      if (reply.raw.destroyed) return;
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
    recordCall(request.gateway, reply);
    done();
  });

  /**
   * Counts a call in usage, once: when its response ends, or when its caller hangs up first (then
   * Fastify runs no response hook). A call that ended before its response started is counted as 499,
   * "client closed request" (nginx's code), not as the 200 a reply starts with.
   */
  function recordCall(context: GatewayContext | null, reply: FastifyReply): void {
    if (!context?.clientRowId || context.recorded) return;
    context.recorded = true;
    runtime.record({
      clientId: context.clientRowId,
      apiId: context.api.id,
      status: reply.raw.headersSent ? reply.statusCode : CLIENT_CLOSED_REQUEST,
      latencyMs: reply.elapsedTime,
      throttled: context.throttled,
    });
  }
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
        recorded: false,
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
    const target = suffix === '' && root ? `${base}/` : `${base}${suffix}`;
    // A caller that hangs up before the response is complete ends the upstream request too.
    const callerGone = new UpstreamAbort();
    // An in-process caller (Try it) names its call so it can hang up (see `InProcessHangUps`).
    const callId = reply.request.headers[TRY_IT_CALL_HEADER];
    const forget =
      typeof callId === 'string'
        ? runtime.hangUps.take(callId, () => reply.raw.destroy(hungUp()))
        : undefined;
    const onClose = () => {
      forget?.();
      if (reply.raw.writableFinished) return;
      callerGone.abort();
      recordCall(context, reply);
    };
    // Gone already, while a new token's signature was checked: no one is left to send the call for.
    if (reply.raw.destroyed) {
      onClose();
      return;
    }
    reply.raw.once('close', onClose);
    upstream.withSignal(callerGone, () => reply.from(target, proxyOptions));
  }
};

/**
 * Why the gateway ends the response of an in-process caller that hung up. `ERR_STREAM_PREMATURE_CLOSE`,
 * as for a caller that closes its connection: Fastify logs it at `info`, not as a failed response.
 */
function hungUp(): Error {
  return Object.assign(new Error('The caller hung up'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}

function readUpstreamCa(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`PORTICO_GATEWAY_CA_FILE: cannot read ${file} (${(error as Error).message})`);
  }
}

export default gatewayRoutes;
