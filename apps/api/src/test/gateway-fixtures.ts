import { eq } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { apis, policies } from '../db/schema.js';
import type { TestApp } from './helpers.js';
import { basicAuth, postForm } from './oauth-fixtures.js';

/**
 * Gateway route-test fixtures: a real upstream on a loopback port (the gateway proxies over the
 * network, so `inject` alone cannot stand in for it), and small setters for APIs and policies.
 */

export interface UpstreamRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface TestUpstream {
  url: string;
  requests: UpstreamRequest[];
  close(): Promise<void>;
}

/**
 * `/*` echoes the request (method, url, headers, raw body) as JSON and sets a hop-by-hop header the
 * gateway must drop; `/page` is an HTML page with cookies of its own, `/one-cookie` sets one; `/slow` answers after 1 s; `/stream` sends its body in chunks; `/status/:code`
 * answers with that status.
 */
export async function startUpstream(): Promise<TestUpstream> {
  const requests: UpstreamRequest[] = [];
  const upstream: FastifyInstance = Fastify();
  upstream.removeAllContentTypeParsers();
  upstream.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  upstream.get('/slow', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    return { slow: true };
  });
  upstream.get('/stream', (_request, reply) => {
    reply.raw.writeHead(200, { 'content-type': 'text/plain' });
    let n = 0;
    const timer = setInterval(() => {
      reply.raw.write(`chunk-${n}\n`);
      n += 1;
      if (n === 3) {
        clearInterval(timer);
        reply.raw.end();
      }
    }, 20);
  });
  upstream.get<{ Params: { code: string } }>('/status/:code', async (request, reply) => {
    reply.code(Number(request.params.code));
    return { status: Number(request.params.code) };
  });
  // A page that tries to act on the portal's origin: an HTML body, its own CSP and cookies, one of
  // them the portal's session cookie.
  upstream.get('/page', async (_request, reply) => {
    reply
      .header('content-type', 'text/html')
      .header('content-security-policy', "img-src 'self'")
      .header('set-cookie', ['portico_session=attacker; Path=/; HttpOnly', 'upstream_pref=dark; Path=/gw']);
    return '<script>fetch("/api/auth/me")</script>';
  });
  // One Set-Cookie line: undici passes it on as a string, not an array.
  upstream.get('/one-cookie', async (_request, reply) => {
    reply.header('set-cookie', 'upstream_pref=light; Path=/gw');
    return { ok: true };
  });
  upstream.all('/*', async (request, reply) => {
    const entry = {
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: typeof request.body === 'string' ? request.body : '',
    };
    requests.push(entry);
    reply.header('keep-alive', 'timeout=5').header('x-upstream', 'echo');
    return entry;
  });
  const address = await upstream.listen({ port: 0, host: '127.0.0.1' });
  return { url: address, requests, close: () => upstream.close() };
}

export function setUpstream(app: TestApp, apiId: string, upstreamUrl: string): void {
  app.database.db.update(apis).set({ upstreamUrl }).where(eq(apis.id, apiId)).run();
}

export function setApi(app: TestApp, apiId: string, patch: Partial<typeof apis.$inferInsert>): void {
  app.database.db.update(apis).set(patch).where(eq(apis.id, apiId)).run();
}

export function setPolicy(
  app: TestApp,
  policyId: string,
  patch: Partial<typeof policies.$inferInsert>,
): void {
  app.database.db.update(policies).set(patch).where(eq(policies.id, policyId)).run();
}

/** A client_credentials access token from the real token endpoint. */
export async function issueToken(
  app: TestApp,
  client: { clientId: string; clientSecret: string | null },
  scope?: string,
): Promise<string> {
  if (client.clientSecret === null) throw new Error('issueToken needs a confidential client');
  const res = await postForm(
    app,
    '/oauth/token',
    { grant_type: 'client_credentials', ...(scope === undefined ? {} : { scope }) },
    { authorization: basicAuth(client.clientId, client.clientSecret) },
  );
  if (res.statusCode !== 200) throw new Error(`token endpoint answered ${res.statusCode}: ${res.body}`);
  return (res.json() as { access_token: string }).access_token;
}

/** `/gw/<listen path><suffix>` */
export const gwUrl = (listenPath: string, suffix = '/'): string =>
  `/gw/${listenPath.replace(/^\/+|\/+$/g, '')}${suffix}`;
