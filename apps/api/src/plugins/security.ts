import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { tooManyRequests } from '../lib/errors.js';

/** Security headers, form bodies (the OAuth token endpoint, RFC 6749 §4.1.3) and the rate limiter. */
export default fp(
  async (app) => {
    const https = app.config.issuer.startsWith('https:');
    await app.register(fastifyHelmet, {
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          // React sets `style` attributes, which CSP treats as inline styles.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'frame-ancestors': ["'none'"],
          // The authorization endpoint ends in a redirect to the client's registered redirect URI,
          // which `form-action 'self'` would block after the consent form is submitted.
          'form-action': null,
          'upgrade-insecure-requests': https ? [] : null,
        },
      },
      // HSTS only makes sense when the public origin is https.
      strictTransportSecurity: https ? { maxAge: 15_552_000, includeSubDomains: true } : false,
    });

    await app.register(fastifyFormbody);

    // Off by default; routes opt in with `config: { rateLimit: { max, timeWindow } }`.
    await app.register(fastifyRateLimit, {
      global: false,
      errorResponseBuilder: (_request, context) =>
        tooManyRequests(`Too many requests. Try again in ${context.after}.`),
    });
  },
  { name: 'security', dependencies: ['config'] },
);
