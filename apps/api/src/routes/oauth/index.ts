import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import accountConsentsRoutes from './account-consents.js';
import clientTokensRoutes from './client-tokens.js';
import consentRoutes from './consent.js';
import oauthProtocolRoutes from './protocol.js';

/**
 * The authorization server: the protocol endpoints (`/oauth/*`, OAuth error shape) and the JSON
 * endpoints the portal uses around them (consent screen, account consents, client tokens panel).
 * Metadata and JWKS live in `routes/well-known`.
 */
const oauthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // RFC 9068 tokens need a signing key: generated (and persisted) on first start.
  await app.services.oauthKeys.init();
  app.addHook('onClose', () => app.services.oauthKeys.close());
  await app.register(oauthProtocolRoutes, { prefix: '/oauth' });
  await app.register(consentRoutes, { prefix: '/api/oauth' });
  await app.register(accountConsentsRoutes, { prefix: '/api/account' });
  await app.register(clientTokensRoutes, { prefix: '/api/clients' });
};

export default oauthRoutes;
