import { type Static, Type } from 'typebox';

/** One problem with one field of a request, e.g. `{ field: 'email', message: 'must be an email address' }`. */
export const FieldError = Type.Object({
  field: Type.String({ description: 'JSON pointer-ish path of the offending field, e.g. "redirectUris/1"' }),
  message: Type.String(),
});
export type FieldError = Static<typeof FieldError>;

/**
 * The one error shape every 4xx/5xx JSON response uses.
 * `error` is a stable machine code (snake_case), `message` is for humans.
 */
export const ErrorResponse = Type.Object(
  {
    error: Type.String({ examples: ['validation_failed', 'not_found', 'conflict'] }),
    message: Type.String(),
    details: Type.Optional(Type.Array(FieldError)),
  },
  { $id: 'ErrorResponse' },
);
export type ErrorResponse = Static<typeof ErrorResponse>;

/** Stable error codes used across the API. */
export const ErrorCode = {
  validationFailed: 'validation_failed',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  notFound: 'not_found',
  conflict: 'conflict',
  rateLimited: 'rate_limited',
  csrf: 'csrf_failed',
  internal: 'internal_error',
  /** 503 with `Retry-After`: momentarily unable (e.g. another process holds the database's write lock). */
  unavailable: 'unavailable',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
