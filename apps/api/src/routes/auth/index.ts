import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, LoginBody, RegisterBody, SessionResponse } from '@portico/contracts';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { unauthorized } from '../../lib/errors.js';
import { toUserDto } from '../../services/users.js';

const requestContext = (request: FastifyRequest) => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'],
});

/** Register, log in, log out, current user (`/api/auth/...`). */
const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { rateLimit } = app.config;

  app.post(
    '/register',
    {
      config: { rateLimit: { max: rateLimit.register.max, timeWindow: rateLimit.register.windowMs } },
      schema: {
        tags: ['auth'],
        summary: 'Create a developer account and sign in',
        body: RegisterBody,
        response: { 201: SessionResponse, 400: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { user, session } = await app.services.auth.register(request.body, requestContext(request));
      app.issueSessionCookie(reply, session);
      return reply.status(201).send({ user: toUserDto(user), csrfToken: session.csrfToken });
    },
  );

  app.post(
    '/login',
    {
      config: { rateLimit: { max: rateLimit.login.max, timeWindow: rateLimit.login.windowMs } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        body: LoginBody,
        response: {
          200: SessionResponse,
          400: ErrorResponse,
          401: ErrorResponse,
          403: ErrorResponse,
          429: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const { user, session } = await app.services.auth.login(request.body, requestContext(request));
      app.issueSessionCookie(reply, session);
      return { user: toUserDto(user), csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/logout',
    {
      onRequest: app.requireUser,
      schema: {
        tags: ['auth'],
        summary: 'End the current session',
        response: { 204: Type.Null({ description: 'Signed out' }), 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request, reply) => {
      const session = request.authSession;
      if (!session) throw unauthorized();
      app.services.auth.logout(session, requestContext(request));
      app.clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      onRequest: app.requireUser,
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user and the CSRF token of this session',
        response: { 200: SessionResponse, 401: ErrorResponse },
      },
    },
    async (request) => {
      const user = request.currentUser ? app.services.users.getById(request.currentUser.id) : undefined;
      if (!user || !request.csrfToken) throw unauthorized();
      return { user, csrfToken: request.csrfToken };
    },
  );
};

export default authRoutes;
