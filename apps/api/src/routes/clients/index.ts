import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AddClientApiBody,
  ClientApiChange,
  ClientApiParams,
  ClientCredentials,
  ClientSecretInfo,
  ClientSecretList,
  ClientSecretParams,
  CompleteClientBody,
  CreateClientBody,
  DeleteClientBody,
  DeleteClientResult,
  ErrorResponse,
  IdParams,
  OAuthClient,
  OAuthClientList,
  RevokeTokensResponse,
  RotateSecretBody,
  RotateSecretResult,
  TokenSummary,
  UpdateClientBody,
} from '@portico/contracts';
import type { FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import { unauthorized } from '../../lib/errors.js';
import type { Actor } from '../../services/clients.js';

/** The signed-in developer (every route here runs `requireUser` first). */
function actor(request: FastifyRequest): Actor {
  const user = request.currentUser;
  if (!user) throw unauthorized();
  return { id: user.id, ip: request.ip };
}

/** Responses carrying a secret must not be stored by any cache (RFC 6749 §5.1 does the same for tokens). */
function noStore(reply: FastifyReply) {
  reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
}

/** Reads: not signed in (401), or not one of the caller's clients (404). */
const readErrors = { 401: ErrorResponse, 404: ErrorResponse };
const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};

/**
 * `/api/clients`: the signed-in developer's OAuth clients — the wizard (draft → complete) and the
 * client page (details, APIs, secrets, tokens, delete). Another developer's client is a 404.
 */
const clientsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const clients = app.services.clients;
  const tags = ['clients'];
  /**
   * Every route here: the `clients` tag, and `requireUser` as an onRequest hook (on the route, where the
   * auth plugin finds it to document the session).
   */
  const route = <S extends FastifySchema>(schema: S) => ({
    onRequest: app.requireUser,
    schema: { tags, ...schema },
  });

  app.get(
    '',
    route({
      summary: "The signed-in developer's OAuth clients, newest first (drafts included)",
      response: { 200: OAuthClientList, 401: ErrorResponse },
    }),
    async (request) => clients.list(actor(request).id),
  );

  app.post(
    '',
    route({
      summary: 'Step "Select APIs": create a draft client using public OAuth 2.0 catalogue entries',
      body: CreateClientBody,
      response: { 201: OAuthClient, ...errors },
    }),
    async (request, reply) => {
      const client = clients.createDraft(actor(request), request.body.catalogueEntryIds);
      return reply.status(201).send(client);
    },
  );

  app.get(
    '/:id',
    route({
      summary: 'One OAuth client with its APIs and their policy limits',
      params: IdParams,
      response: { 200: OAuthClient, ...readErrors },
    }),
    async (request) => clients.get(actor(request).id, request.params.id),
  );

  app.patch(
    '/:id',
    route({
      summary: 'Edit name, description, redirect URIs (and, for a draft, the selected APIs)',
      params: IdParams,
      body: UpdateClientBody,
      response: { 200: OAuthClient, ...errors },
    }),
    async (request) => clients.update(actor(request), request.params.id, request.body),
  );

  app.post(
    '/:id/complete',
    route({
      summary:
        'Step "Application details": finish the draft and get its credentials (the secret is shown once)',
      params: IdParams,
      body: CompleteClientBody,
      response: { 200: ClientCredentials, ...errors },
    }),
    async (request, reply) => {
      const result = clients.complete(actor(request), request.params.id, request.body);
      noStore(reply);
      return result;
    },
  );

  app.post(
    '/:id/apis',
    route({
      summary: 'Add a catalogue entry (API) to a client',
      params: IdParams,
      body: AddClientApiBody,
      response: { 200: ClientApiChange, ...errors },
    }),
    async (request) => clients.addApi(actor(request), request.params.id, request.body.catalogueEntryId),
  );

  app.delete(
    '/:id/apis/:entryId',
    route({
      summary: 'Remove an API from a client, revoking the tokens that covered it',
      params: ClientApiParams,
      response: { 200: ClientApiChange, ...errors },
    }),
    async (request) => clients.removeApi(actor(request), request.params.id, request.params.entryId),
  );

  app.get(
    '/:id/secrets',
    route({
      summary: 'Secret metadata (prefix, created, expires, last used); never the secrets themselves',
      params: IdParams,
      response: { 200: ClientSecretList, ...readErrors },
    }),
    async (request) => clients.listSecrets(actor(request).id, request.params.id),
  );

  app.post(
    '/:id/secrets/rotate',
    route({
      summary: 'Issue a new secret (shown once); the current one keeps working for the grace period',
      params: IdParams,
      body: RotateSecretBody,
      response: { 201: RotateSecretResult, ...errors },
    }),
    async (request, reply) => {
      const result = clients.rotateSecret(actor(request), request.params.id, request.body.gracePeriod);
      noStore(reply);
      return reply.status(201).send(result);
    },
  );

  app.delete(
    '/:id/secrets/:secretId',
    route({
      summary: 'Revoke a secret before its grace period ends',
      params: ClientSecretParams,
      response: { 200: ClientSecretInfo, ...errors },
    }),
    async (request) => clients.revokeSecret(actor(request), request.params.id, request.params.secretId),
  );

  app.get(
    '/:id/tokens/summary',
    route({
      summary: 'How many access and refresh tokens of the client still work',
      params: IdParams,
      response: { 200: TokenSummary, ...readErrors },
    }),
    async (request) => clients.tokenSummary(actor(request).id, request.params.id),
  );

  app.post(
    '/:id/tokens/revoke-all',
    route({
      summary: 'Revoke every access and refresh token of the client',
      params: IdParams,
      response: { 200: RevokeTokensResponse, ...errors },
    }),
    async (request) => clients.revokeAllTokens(actor(request), request.params.id),
  );

  app.delete(
    '/:id',
    route({
      summary: 'Delete a client (confirm with its name); every token stops working at once',
      params: IdParams,
      body: DeleteClientBody,
      response: { 200: DeleteClientResult, ...errors },
    }),
    async (request) => clients.delete(actor(request), request.params.id, request.body.confirmName),
  );
};

export default clientsRoutes;
