import { DISPLAY_NAME_PATTERN, ErrorCode, type ErrorResponse, type FieldError } from '@portico/contracts';
import type { FastifyError, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import fp from 'fastify-plugin';
import { isDatabaseLocked } from '../db/client.js';
import { isAppError } from '../lib/errors.js';
import { NEVER_RENDERED_HEADERS } from './security.js';

const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: ErrorCode.unauthorized,
  403: ErrorCode.forbidden,
  404: ErrorCode.notFound,
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: ErrorCode.conflict,
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: ErrorCode.rateLimited,
};

const FORMAT_MESSAGES: Record<string, string> = {
  email: 'must be a valid email address',
  uri: 'must be an absolute URL',
  url: 'must be an absolute URL',
  'date-time': 'must be an ISO 8601 date-time',
  uuid: 'must be a UUID',
};

/** Messages for schema patterns whose Ajv message ("must match pattern ...") would mean nothing to a user. */
const PATTERN_MESSAGES: Record<string, string> = {
  '\\S': 'must not be blank',
  [DISPLAY_NAME_PATTERN]: 'must not be blank, nor contain control or text-direction characters',
};

/** Turns Ajv errors into one `{ field, message }` per problem, with `field` a slash path like `redirectUris/1`. */
export function toFieldErrors(errors: FastifySchemaValidationError[], context?: string): FieldError[] {
  return errors.map((error) => {
    const params = error.params as Record<string, unknown>;
    const path = error.instancePath.replace(/^\//, '');
    const join = (name: unknown) => (path ? `${path}/${String(name)}` : String(name));
    switch (error.keyword) {
      case 'required':
        return { field: join(params.missingProperty), message: 'is required' };
      case 'additionalProperties':
        return { field: join(params.additionalProperty), message: 'is not an allowed field' };
      case 'format':
        return {
          field: path || (context ?? 'body'),
          message: FORMAT_MESSAGES[String(params.format)] ?? error.message ?? 'has an invalid format',
        };
      case 'pattern':
        return {
          field: path || (context ?? 'body'),
          message: PATTERN_MESSAGES[String(params.pattern)] ?? error.message ?? 'has an invalid format',
        };
      default:
        return { field: path || (context ?? 'body'), message: error.message ?? 'is invalid' };
    }
  });
}

/**
 * Errors Fastify raises before routing (a URL with malformed percent-encoding), which never reach the
 * error handler below nor the hooks that set security headers: the same `{ error, message }` shape,
 * the headers of a response that is never rendered, and a fixed message (Fastify's repeats the URL).
 * Passed as Fastify's `frameworkErrors`.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 400;
  request.log.info({ code: error.code }, error.message);
  const body: ErrorResponse = {
    error: STATUS_CODES[status] ?? 'bad_request',
    message: 'The request URL is malformed (an invalid percent-encoding).',
  };
  void reply
    .status(status)
    .headers(NEVER_RENDERED_HEADERS)
    .type('application/json; charset=utf-8')
    .send(body);
}

/**
 * The single error handler (STYLE.md): every error leaves as `{ error, message, details? }`.
 * 5xx are logged with the request context and their internals hidden from the client.
 */
export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      let status = 500;
      let body: ErrorResponse;

      if (isAppError(error)) {
        status = error.statusCode;
        body = {
          error: error.code,
          message: error.message,
          ...(error.details ? { details: error.details } : {}),
        };
        if (error.headers) reply.headers(error.headers);
      } else if (error.validation) {
        status = 400;
        body = {
          error: ErrorCode.validationFailed,
          message: 'The request is invalid.',
          details: toFieldErrors(error.validation, error.validationContext),
        };
      } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
        // Fastify's own client errors (bad JSON, wrong content type, body too large) have safe messages.
        status = error.statusCode;
        body = { error: STATUS_CODES[status] ?? 'bad_request', message: error.message };
      } else if (isDatabaseLocked(error)) {
        // Another process (the CLI, a second instance) held the database's write lock too long.
        status = 503;
        reply.header('retry-after', '1');
        body = { error: ErrorCode.unavailable, message: 'The server is busy. Please try again in a moment.' };
      } else {
        body = { error: ErrorCode.internal, message: 'Something went wrong on our side. Please try again.' };
      }

      if (status >= 500) {
        request.log.error(
          { err: error, method: request.method, url: request.url, reqId: request.id },
          'request failed',
        );
      } else {
        request.log.info({ status, code: body.error }, error.message);
      }
      return reply.status(status).type('application/json; charset=utf-8').send(body);
    });
  },
  { name: 'errors' },
);
