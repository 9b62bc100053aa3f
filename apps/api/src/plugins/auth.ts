import fastifyCookie from '@fastify/cookie';
import fastifyJwt from '@fastify/jwt';
import { CSRF_HEADER, SESSION_COOKIE } from '@portico/contracts';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Role, SessionRow, UserStatus } from '../db/schema.js';
import { randomToken } from '../lib/crypto.js';
import { csrfFailed, forbidden, unauthorized } from '../lib/errors.js';
import type { StartedSession } from '../services/auth.js';

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
}

/** Claims of the session JWT. `csrf` lets `GET /api/auth/me` hand the token back; the row stores its hash. */
interface SessionClaims {
  sid: string;
  csrf: string;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: SessionClaims;
    user: SessionClaims;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook: 401 without a live session; 403 `csrf_failed` for unsafe methods without `x-csrf-token`. */
    requireUser: onRequestAsyncHookHandler;
    /** onRequest hook: like `requireUser`, then 403 unless the user is an admin. */
    requireAdmin: onRequestAsyncHookHandler;
    /** Sets the session cookie for a session the auth service just started. */
    issueSessionCookie(reply: FastifyReply, session: StartedSession): void;
    clearSessionCookie(reply: FastifyReply): void;
  }
  interface FastifyRequest {
    /** The signed-in user; set by `requireUser`/`requireAdmin`. */
    currentUser: CurrentUser | null;
    /** The sessions row behind the cookie; set by `requireUser`/`requireAdmin`. */
    authSession: SessionRow | null;
    /** The CSRF token of the current session (from the signed cookie), for `GET /api/auth/me`. */
    csrfToken: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const SESSION_SECRET_SETTING = 'session_jwt_secret';

export default fp(
  async (app) => {
    const { config } = app;
    // A generated secret is persisted so sessions survive a restart without any configuration.
    const secret =
      config.sessionSecret ?? app.repos.settings.getOrCreate(SESSION_SECRET_SETTING, () => randomToken(48));

    await app.register(fastifyCookie);
    await app.register(fastifyJwt, {
      secret,
      sign: { algorithm: 'HS256' },
      verify: { algorithms: ['HS256'] },
    });

    app.decorateRequest('currentUser', null);
    app.decorateRequest('authSession', null);
    app.decorateRequest('csrfToken', null);

    const cookieOptions = {
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: config.cookieSecure,
      path: '/',
    };

    app.decorate('issueSessionCookie', (reply: FastifyReply, session: StartedSession) => {
      const maxAge = Math.max(1, Math.floor((session.expiresAt.getTime() - Date.now()) / 1000));
      const token = app.jwt.sign({ sid: session.sessionId, csrf: session.csrfToken }, { expiresIn: maxAge });
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge });
    });

    app.decorate('clearSessionCookie', (reply: FastifyReply) => {
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
    });

    /** Reads the cookie, verifies the JWT and loads the live session; throws 401 otherwise. */
    async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) throw unauthorized();
      let claims: SessionClaims;
      try {
        claims = app.jwt.verify<SessionClaims>(token);
      } catch {
        app.clearSessionCookie(reply);
        throw unauthorized('Your session has expired. Sign in again.');
      }
      const live = app.services.auth.resolveSession(claims.sid);
      if (!live) {
        app.clearSessionCookie(reply);
        throw unauthorized('Your session has ended. Sign in again.');
      }
      // Cookie-authenticated state changes need the per-session token in a header a cross-site form cannot set.
      if (!SAFE_METHODS.has(request.method)) {
        const header = request.headers[CSRF_HEADER];
        const sent = Array.isArray(header) ? header[0] : header;
        if (!app.services.auth.checkCsrf(live.session, sent)) throw csrfFailed();
      }
      const { id, email, name, role, status } = live.user;
      request.currentUser = { id, email, name, role, status };
      request.authSession = live.session;
      request.csrfToken = claims.csrf;
    }

    app.decorate('requireUser', async function requireUser(request: FastifyRequest, reply: FastifyReply) {
      await authenticate(request, reply);
    });

    app.decorate('requireAdmin', async function requireAdmin(request: FastifyRequest, reply: FastifyReply) {
      await authenticate(request, reply);
      if (request.currentUser?.role !== 'admin') throw forbidden('This area is for administrators only.');
    });

    // Document the cookie security scheme on every guarded route, so /docs shows which need a session.
    app.addHook('onRoute', (route) => {
      const isGuard = (h: unknown) => h === app.requireUser || h === app.requireAdmin;
      // Guards belong in `onRequest`: it runs before body parsing and validation, so an anonymous caller
      // gets 401 (not a 400 that reveals the route's schema) and no body is parsed for them.
      if (([] as unknown[]).concat(route.preHandler ?? []).some(isGuard)) {
        throw new Error(
          `${route.method} ${route.url}: use requireUser/requireAdmin as onRequest, not preHandler`,
        );
      }
      if (!([] as unknown[]).concat(route.onRequest ?? []).some(isGuard)) return;
      route.schema = { ...route.schema, security: [{ sessionCookie: [] }] };
    });
  },
  { name: 'auth', dependencies: ['config', 'database'] },
);
