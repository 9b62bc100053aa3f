import type { ErrorResponse, FieldError } from '@portico/contracts';

/**
 * Thrown by every SDK call that gets a non-2xx answer (or no answer at all).
 * Mirrors the API's one error shape (`{ error, message, details? }`): `code` is the stable
 * machine code (`validation_failed`, `not_found`, ...), `message` is meant for humans.
 */
export class PorticoApiError extends Error {
  override readonly name = 'PorticoApiError';
  /** HTTP status; `0` when the request never got an answer (network failure, CORS, offline). */
  readonly status: number;
  /** Stable machine code from the error body, e.g. `validation_failed`; see `ErrorCode` in contracts. */
  readonly code: string;
  /** Per-field problems, present for validation failures. */
  readonly details: readonly FieldError[];

  constructor(status: number, code: string, message: string, details: readonly FieldError[] = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Builds the error from a parsed error body, falling back to the status when the body is not ours. */
  static fromResponse(status: number, statusText: string, body: unknown): PorticoApiError {
    if (isErrorResponse(body))
      return new PorticoApiError(status, body.error, body.message, body.details ?? []);
    return new PorticoApiError(
      status,
      codeForStatus(status),
      statusText || `Request failed with status ${status}`,
    );
  }

  /** `{ [field]: message }` for the error's details; the first message per field wins. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const { field, message } of this.details) {
      const key = normaliseField(field);
      if (!(key in out)) out[key] = message;
    }
    return out;
  }

  /** True for 4xx answers: the request itself was refused, so retrying it unchanged cannot help. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }
}

export function isPorticoApiError(error: unknown): error is PorticoApiError {
  return error instanceof PorticoApiError;
}

/** `fieldErrors()` for any thrown value: an empty record unless it is a `PorticoApiError` with details. */
export function fieldErrors(error: unknown): Record<string, string> {
  return isPorticoApiError(error) ? error.fieldErrors() : {};
}

/**
 * Field paths are "JSON pointer-ish" (`redirectUris/1`); a validator may still hand us the raw
 * instance path (`/redirectUris/1`), so both spellings map to the same key.
 */
function normaliseField(field: string): string {
  return field.replace(/^\/+/, '');
}

function isErrorResponse(body: unknown): body is ErrorResponse {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Record<string, unknown>;
  if (typeof candidate.error !== 'string' || typeof candidate.message !== 'string') return false;
  return candidate.details === undefined || Array.isArray(candidate.details);
}

function codeForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 429:
      return 'rate_limited';
    default:
      return status >= 500 ? 'internal_error' : `http_${status}`;
  }
}
