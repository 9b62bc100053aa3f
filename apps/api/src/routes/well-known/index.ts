import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuthorizationServerMetadata, JwksResponse } from '@portico/contracts';
import { CLIENT_AUTH_METHODS } from '../../oauth/client-auth.js';
import { SUPPORTED_GRANT_TYPES } from '../../services/oauth-server.js';

/** `/.well-known/oauth-authorization-server` (RFC 8414) and the JWKS (RFC 7517). */
const wellKnownRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['oauth'];
  const { issuer } = app.config;

  app.get(
    '/oauth-authorization-server',
    {
      schema: {
        tags,
        summary: 'Authorization server metadata (RFC 8414)',
        response: { 200: AuthorizationServerMetadata },
      },
    },
    async (_request, reply) => {
      // Public documents: any origin (a browser-based client) may read them.
      reply.header('cache-control', 'public, max-age=300').header('access-control-allow-origin', '*');
      return {
        // RFC 8414 §3.3: must equal the issuer the metadata was fetched for (from config).
        issuer,
        authorization_endpoint: `${issuer}/oauth/authorize`,
        token_endpoint: `${issuer}/oauth/token`,
        revocation_endpoint: `${issuer}/oauth/revoke`,
        introspection_endpoint: `${issuer}/oauth/introspect`,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        scopes_supported: app.repos.oauthEntitlements.allScopes(),
        response_types_supported: ['code'],
        response_modes_supported: ['query'],
        grant_types_supported: [...SUPPORTED_GRANT_TYPES],
        token_endpoint_auth_methods_supported: [...CLIENT_AUTH_METHODS],
        revocation_endpoint_auth_methods_supported: [...CLIENT_AUTH_METHODS],
        // RFC 7662 §2.1: introspection needs an authenticated (confidential) client.
        introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        code_challenge_methods_supported: ['S256'],
        authorization_response_iss_parameter_supported: true,
        service_documentation: `${issuer}/docs`,
      };
    },
  );

  app.get(
    '/jwks.json',
    {
      schema: {
        tags,
        summary: 'Public keys that verify access tokens (active key plus retired keys with live tokens)',
        response: { 200: JwksResponse },
      },
    },
    async (_request, reply) => {
      // Short: after a rotation, verifiers that see an unknown `kid` re-fetch anyway.
      reply.header('cache-control', 'public, max-age=60').header('access-control-allow-origin', '*');
      return { keys: app.services.oauthKeys.jwks() };
    },
  );
};

export default wellKnownRoutes;
