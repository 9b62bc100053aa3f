import type { FieldError } from '@portico/contracts';
import { ErrorCode } from '@portico/contracts';

/**
 * Errors the single error handler renders as `{ error, message, details? }`.
 * Throw these from services and handlers; anything else becomes an opaque 500.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: FieldError[],
    /** Extra response headers, e.g. `Retry-After` or `WWW-Authenticate`. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: FieldError[]) =>
  new AppError(400, ErrorCode.validationFailed, message, details);

export const unauthorized = (message = 'Sign in to continue.', details?: FieldError[]) =>
  new AppError(401, ErrorCode.unauthorized, message, details);

export const forbidden = (message = 'You are not allowed to do this.', details?: FieldError[]) =>
  new AppError(403, ErrorCode.forbidden, message, details);

export const csrfFailed = (message = 'Missing or invalid CSRF token.') =>
  new AppError(403, ErrorCode.csrf, message);

export const notFound = (message = 'Not found.', details?: FieldError[]) =>
  new AppError(404, ErrorCode.notFound, message, details);

export const conflict = (message: string, details?: FieldError[]) =>
  new AppError(409, ErrorCode.conflict, message, details);

/** 429 `rate_limited`; with `retryAfterSeconds`, also the `Retry-After` header (RFC 6585 §4). */
export const tooManyRequests = (
  message = 'Too many requests, try again later.',
  retryAfterSeconds?: number,
) =>
  new AppError(
    429,
    ErrorCode.rateLimited,
    message,
    undefined,
    retryAfterSeconds === undefined ? undefined : { 'retry-after': String(retryAfterSeconds) },
  );

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
