import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import {
  GATEWAY_PREFIX,
  GatewayErrorCode,
  OAUTH_ENDPOINT_PATHS,
  TRY_IT_BODY_LIMIT,
  type TryItBody,
  type TryItResponse,
} from '@portico/contracts';
import { TRY_IT_CALL_HEADER } from '../gateway/in-process-hang-ups.js';
import { assertNoDotSegments, trimSlashes } from '../gateway/paths.js';
import { AppError, badRequest, tooManyRequests } from '../lib/errors.js';

export interface InjectRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string;
  /** The socket address the injected request reports (light-my-request defaults to 127.0.0.1). */
  remoteAddress?: string;
  /**
   * Resolve once the response headers are written and deliver the body through `stream()` instead of
   * buffering all of it (light-my-request's option). The gateway's stream then follows the reader's
   * pace: what is not read stays upstream, behind TCP backpressure.
   */
  payloadAsStream?: boolean;
}

export interface InjectResponse {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  /** The whole body; not set with `payloadAsStream`. */
  body?: string;
  /** The body as it arrives (with `payloadAsStream`). */
  stream(): Readable;
  /** The injected response: destroying it ends the route's response, and with it the upstream request. */
  raw: { res: { destroy(error?: Error): unknown } };
}

/** The subset of `app.inject` Try it needs: requests go through the real token endpoint and gateway. */
export type Inject = (request: InjectRequest) => PromiseLike<InjectResponse>;

/** How Try it hangs up on its gateway call (the gateway's `InProcessHangUps`). */
export interface HangUps {
  hangUp(callId: string): void;
}

export interface TryItOptions {
  /**
   * How long Try it waits for the API: from sending the request through the gateway to the end of
   * the response body (or of the part it keeps). Default `TRY_IT_DEADLINE_MS`.
   */
  deadlineMs?: number;
}

/** Try it stops waiting for an API's answer after this long, and hangs up (ending the upstream request). */
export const TRY_IT_DEADLINE_MS = 10_000;

export interface TryItClient {
  /** Public `client_id`. */
  clientId: string;
  confidential: boolean;
  grantTypes: readonly string[];
}

export interface TryItApi {
  id: string;
  listenPath: string;
}

/** Who pressed "Send": the injected requests are made on their behalf. */
export interface TryItCaller {
  /** The caller's address as the portal route saw it (`request.ip`, which honours `trustProxy`). */
  ip: string;
}

/** RFC 6749 §2.3.1: client id and secret are form-urlencoded before Base64 (RFC 7617 Basic). */
const basic = (clientId: string, secret: string): string =>
  `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;

const tokenRefused = (message: string, field?: string) =>
  new AppError(
    400,
    'token_request_failed',
    message,
    field ? [{ field, message: 'was not accepted' }] : undefined,
  );

/**
 * The token endpoint's brute-force limit (or its rate limit) refused the request: pass the 429 and
 * its `Retry-After` on (RFC 6585 §4), so the developer waits instead of retrying a "bad request".
 */
const tokenRateLimited = (retryAfter: string | undefined) => {
  const seconds = retryAfter !== undefined && /^[1-9][0-9]*$/.test(retryAfter) ? Number(retryAfter) : 60;
  return tooManyRequests(
    `Too many failed client authentication attempts; try again in ${seconds} seconds.`,
    seconds,
  );
};

/**
 * WHATWG URL parsing (light-my-request's, then the router's) drops tabs and newlines anywhere and
 * trims other C0 controls and spaces, *before* it resolves `.`/`..`: `/.\t./` becomes `/../`. The
 * dot-segment check sees the raw text, so refuse everything the parser would rewrite.
 */
const UNSAFE_PATH_CHARACTER = /[\s\p{Cc}]/u;

const badPath = (message: string) => badRequest(`The path ${message}.`, [{ field: 'path', message }]);

function header(value: string | string[] | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value[0] : String(value);
}

function flatten(headers: Record<string, string | string[] | number | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/**
 * "Try it" on the client page: asks the token endpoint for a `client_credentials` token with the
 * secret the developer pasted, then sends one request through the gateway with it. Both hops use the
 * server's real routes (in-process), so the result is exactly what an outside caller would get —
 * including the token being recorded (and revocable) and the request counted in usage.
 *
 * The secret lives only in this call's arguments: it is not stored, not logged, not echoed back.
 */
export class TryItService {
  private readonly deadlineMs: number;

  constructor(
    private readonly inject: Inject,
    private readonly hangUps: HangUps,
    options: TryItOptions = {},
  ) {
    this.deadlineMs = options.deadlineMs ?? TRY_IT_DEADLINE_MS;
  }

  async run(
    client: TryItClient,
    api: TryItApi,
    body: TryItBody,
    caller: TryItCaller,
  ): Promise<TryItResponse> {
    if (!client.confidential) {
      throw badRequest(
        'Try it needs a confidential client: public clients have no secret to get a token with.',
      );
    }
    if (!client.grantTypes.includes('client_credentials')) {
      throw badRequest(
        'Try it gets its token with the client_credentials grant, which only service clients use. ' +
          'Create a service client to try the APIs from here.',
      );
    }

    // The request is injected into this server: a `..` could otherwise leave `/gw/` for another route.
    if (UNSAFE_PATH_CHARACTER.test(body.path)) {
      throw badPath('must not contain spaces, tabs, line breaks or other control characters');
    }
    try {
      assertNoDotSegments(body.path.split('?')[0] ?? '');
    } catch {
      throw badPath('must not contain "." or ".." segments');
    }
    const base = `${GATEWAY_PREFIX}/${trimSlashes(api.listenPath)}`;
    const url = `${base}${body.path}`;
    // Belt and braces: resolve the URL the way the injected request will be, and make sure it still
    // lands below this API's listen path (no other gateway API, no portal route).
    if (!new URL(url, 'http://x').pathname.startsWith(`${base}/`)) {
      throw badPath(`must stay below the API's listen path ${base}/`);
    }

    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (body.scopes.length > 0) form.set('scope', body.scopes.join(' '));
    // Both requests come from the caller's address, not from the server's own: the token endpoint
    // counts failed client authentication per address, and one developer's typos must not lock
    // Try it for everyone else (nor may the audit log attribute their tokens to 127.0.0.1).
    const tokenResponse = await this.inject({
      method: 'POST',
      url: OAUTH_ENDPOINT_PATHS.token,
      headers: {
        authorization: basic(client.clientId, body.clientSecret),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: form.toString(),
      remoteAddress: caller.ip,
    });
    const token = parseJson(tokenResponse.body ?? '');
    if (tokenResponse.statusCode !== 200) {
      const error = typeof token?.error === 'string' ? token.error : `HTTP ${tokenResponse.statusCode}`;
      const description = typeof token?.error_description === 'string' ? ` ${token.error_description}` : '';
      if (tokenResponse.statusCode === 429 || error === 'rate_limited') {
        throw tokenRateLimited(header(tokenResponse.headers['retry-after']));
      }
      if (error === 'invalid_client') {
        throw tokenRefused('The client secret was not accepted (invalid_client).', 'clientSecret');
      }
      if (error === 'invalid_scope')
        throw tokenRefused(`The scopes were refused (invalid_scope).${description}`, 'scopes');
      throw tokenRefused(`The authorization server refused the token request (${error}).${description}`);
    }
    const accessToken = token?.access_token;
    if (typeof accessToken !== 'string')
      throw new Error('token endpoint answered 200 without an access_token');

    const headers: Record<string, string> = {
      authorization: `Bearer ${accessToken}`,
      accept: 'application/json, */*',
    };
    const sendsBody =
      body.body !== undefined && body.body !== '' && body.method !== 'GET' && body.method !== 'DELETE';
    if (sendsBody) {
      headers['content-type'] = isJson(body.body ?? '') ? 'application/json' : 'text/plain; charset=utf-8';
    }
    const started = performance.now();
    const { response, text, truncated } = await this.send({
      method: body.method,
      url,
      headers,
      ...(sendsBody ? { payload: body.body } : {}),
      remoteAddress: caller.ip,
    });
    const durationMs = Math.round((performance.now() - started) * 100) / 100;

    return {
      token: {
        accessToken,
        tokenType: typeof token?.token_type === 'string' ? token.token_type : 'Bearer',
        scope: typeof token?.scope === 'string' ? token.scope : '',
        expiresIn: typeof token?.expires_in === 'number' ? token.expires_in : 0,
      },
      request: { method: body.method, url },
      response: {
        status: response.statusCode,
        headers: flatten(response.headers),
        body: text,
        truncated,
        durationMs,
      },
    };
  }

  /**
   * Sends the request through the gateway and reads at most `TRY_IT_BODY_LIMIT` + 1 bytes of the
   * answer (the extra byte tells a cut body from one of exactly the limit), within the deadline. Past
   * either, the injected response is destroyed: the gateway stops streaming and aborts the upstream
   * request, so an endless or huge body costs no more than the limit (plus socket buffers).
   */
  private async send(
    request: InjectRequest,
  ): Promise<{ response: InjectResponse; text: string; truncated: boolean }> {
    // Named, so Try it can hang up at the deadline (light-my-request cannot abort a request whose
    // body it has handed over): the gateway then ends the call and its upstream request.
    const callId = randomUUID();
    const pending = this.inject({
      ...request,
      headers: { ...request.headers, [TRY_IT_CALL_HEADER]: callId },
      payloadAsStream: true,
    });
    let onDeadline: () => void = () => {};
    const timer = setTimeout(() => onDeadline(), this.deadlineMs);
    try {
      const response = await new Promise<InjectResponse>((resolve, reject) => {
        onDeadline = () => {
          reject(this.deadlineExceeded('did not answer'));
          // Hang up: the gateway aborts its upstream request, instead of waiting for it up to its
          // own timeout.
          this.hangUps.hangUp(callId);
          pending.then(
            (late) => late.raw.res.destroy(stopReading()),
            () => {},
          );
        };
        pending.then(resolve, reject);
      });

      const stream = response.stream();
      const chunks: Buffer[] = [];
      let size = 0;
      onDeadline = () => {
        stream.destroy(this.deadlineExceeded('did not finish its response', ` (${size} bytes received)`));
      };
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          const room = TRY_IT_BODY_LIMIT + 1 - size;
          chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
          size += Math.min(chunk.length, room);
          if (size > TRY_IT_BODY_LIMIT) break;
        }
      } catch (error) {
        if (error instanceof AppError) throw error;
        // The upstream broke the connection in the middle of the body; the gateway then ends its
        // response early.
        throw new AppError(
          502,
          GatewayErrorCode.badGateway,
          `The API's response broke off after ${size} bytes.`,
        );
      } finally {
        // Done early (limit, deadline, error): stop the gateway's stream and the upstream request. An
        // error (not a plain close) so the gateway's response hooks still run and count the call.
        if (!stream.readableEnded) response.raw.res.destroy(stopReading());
      }
      const truncated = size > TRY_IT_BODY_LIMIT;
      const bytes = Buffer.concat(chunks, size);
      // A cut body may end inside a UTF-8 sequence: the decoder keeps such a tail back.
      const text = truncated
        ? new StringDecoder('utf8').write(bytes.subarray(0, TRY_IT_BODY_LIMIT))
        : bytes.toString('utf8');
      return { response, text, truncated };
    } finally {
      clearTimeout(timer);
    }
  }

  /** 504 `gateway_timeout`, e.g. "The API did not answer within 10000 ms; Try it stopped waiting." */
  private deadlineExceeded(what: string, received = ''): AppError {
    return new AppError(
      504,
      GatewayErrorCode.gatewayTimeout,
      `The API ${what} within ${this.deadlineMs} ms${received}; Try it stopped waiting.`,
    );
  }
}

/**
 * Why Try it ends a gateway response early. `ERR_STREAM_PREMATURE_CLOSE`, as for a caller that hangs
 * up: Fastify logs it at `info`, not as a failed response.
 */
function stopReading(): Error {
  return Object.assign(new Error('Try it stopped reading the response'), {
    code: 'ERR_STREAM_PREMATURE_CLOSE',
  });
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
