import type { IncomingMessage, ServerResponse } from 'node:http';
import fastifyRateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import { tooManyRequests } from '../lib/errors.js';

/**
 * The headers helmet would set, worked out once. Helmet is Express middleware that computes every
 * header from its options on each call (`@fastify/helmet` even rebuilds the middleware per request,
 * which cost the token endpoint ~6 µs a request, see bench/run.ts). Nothing in Portico's policy varies
 * per request (no CSP nonces), so running it once against a recording response gives the same headers.
 */
export function staticSecurityHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  // Invalid options throw (helmet >= 8.1 no longer passes errors to `next`).
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, () => {});
  return headers;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * `api` for routes that only ever answer JSON to programs (the OAuth token, revocation and
     * introspection endpoints): they get the headers that matter for an API response (OWASP REST
     * Security Cheat Sheet) instead of a document's, with nothing allowed to load or frame them.
     */
    securityHeaders?: 'document' | 'api';
  }
}

/** What a response that is never rendered gets whatever the options: nothing may load, frame or sniff it. */
export const NEVER_RENDERED_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
};

/**
 * The API profile, from the document headers helmet worked out: a response that is never rendered
 * keeps CORP and HSTS (when set), and lets nothing load or frame it.
 */
function apiSecurityHeaders(document: Readonly<Record<string, string>>): Record<string, string> {
  const kept = ['cross-origin-resource-policy', 'strict-transport-security'];
  return {
    ...Object.fromEntries(kept.filter((name) => name in document).map((name) => [name, document[name]!])),
    ...NEVER_RENDERED_HEADERS,
  };
}

/**
 * Security headers and the rate limiter. Form bodies are parsed only under `/oauth` (the protocol
 * endpoints, RFC 6749 §4.1.3): a cross-site HTML form can post one, so everywhere else (sign-in,
 * registration, ...) only JSON is accepted, which a browser sends cross-site only after a CORS
 * preflight.
 */
export default fp(
  async (app) => {
    const https = app.config.issuer.startsWith('https:');
    const securityHeaders = staticSecurityHeaders({
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
          // No form leaves the portal: the consent screen posts its decision with fetch and then
          // navigates to the client's redirect URI, which form-action does not govern. An injected
          // form cannot send what it collects elsewhere.
          'form-action': ["'self'"],
          'upgrade-insecure-requests': https ? [] : null,
        },
      },
      // HSTS only makes sense when the public origin is https.
      strictTransportSecurity: https ? { maxAge: 15_552_000, includeSubDomains: true } : false,
    });
    const apiHeaders = apiSecurityHeaders(securityHeaders);
    app.addHook('onRequest', (request, reply, done) => {
      reply.headers(request.routeOptions.config.securityHeaders === 'api' ? apiHeaders : securityHeaders);
      // The portal's JSON is one user's (their email, CSRF token, clients, ...): no cache may keep it
      // for the next user of a shared proxy or browser.
      if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
      done();
    });

    // Off by default; routes opt in with `config: { rateLimit: { max, timeWindow } }`.
    await app.register(fastifyRateLimit, {
      global: false,
      errorResponseBuilder: (_request, context) =>
        tooManyRequests(`Too many requests. Try again in ${context.after}.`),
    });
  },
  { name: 'security', dependencies: ['config'] },
);
