import { ErrorResponse } from '@portico/contracts';
import type { FastifyInstance, FastifyRequest, FastifySchema } from 'fastify';
import { unauthorized } from '../../lib/errors.js';
import type { AdminActor } from '../../services/admin-common.js';

/** The signed-in admin (every route here runs `requireAdmin` first). */
export function actor(request: FastifyRequest): AdminActor {
  const user = request.currentUser;
  if (!user) throw unauthorized();
  return { id: user.id, ip: request.ip };
}

const tags = ['admin'];

/** The error statuses every admin route can answer. */
export const guarded = { 401: ErrorResponse, 403: ErrorResponse } as const;
/** Lists: their querystring can be invalid. */
export const listErrors = { 400: ErrorResponse, ...guarded } as const;
/** Reads of one object, which may not exist. */
export const lookupErrors = { ...guarded, 404: ErrorResponse } as const;
/** Changes: the body can also be invalid (400) or conflict with what exists (409). */
export const errors = { 400: ErrorResponse, ...guarded, 404: ErrorResponse, 409: ErrorResponse } as const;

/**
 * The options every admin route shares, around its own schema: the `admin` tag, and `requireAdmin`
 * as an `onRequest` guard (before body parsing and validation, so an anonymous caller gets 401, not
 * 400). The guard stays on each route, where the auth plugin looks for it to document the session.
 */
export function adminRoute<S extends FastifySchema>(app: Pick<FastifyInstance, 'requireAdmin'>, schema: S) {
  return { onRequest: app.requireAdmin, schema: { tags, ...schema } };
}
