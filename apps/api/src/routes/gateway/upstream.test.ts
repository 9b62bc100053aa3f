import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UpstreamDispatcher } from '../../gateway/upstream-dispatcher.js';
import { gwUrl, issueToken, setUpstream } from '../../test/gateway-fixtures.js';
import { buildTestApp, type TestApp } from '../../test/helpers.js';
import { createClient } from '../../test/oauth-fixtures.js';
import { createEntry, type EntryFixture } from '../../test/portal-fixtures.js';

/**
 * The gateway's connection to upstreams (`gateway/upstream-dispatcher.ts`): certificates are verified,
 * and an upstream request ends when its caller hangs up. The gateway's own timeout is a minute here,
 * longer than a test may take: an upstream request that closes within a test was aborted.
 */

const TLS_CA_FILE = fileURLToPath(new URL('../../test/tls/upstream.cert.pem', import.meta.url));
const tls = {
  cert: readFileSync(TLS_CA_FILE, 'utf8'),
  key: readFileSync(fileURLToPath(new URL('../../test/tls/upstream.key.pem', import.meta.url)), 'utf8'),
};

const ok: RequestListener = (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
};

async function listen(server: Server, scheme: 'http' | 'https'): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const stop = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

let app: TestApp;
const servers: Server[] = [];

beforeAll(async () => {
  app = await buildTestApp({ config: { gatewayUpstreamTimeoutMs: 60_000 } });
});

afterAll(async () => {
  await app.close();
  await Promise.all(servers.map(stop));
});

let listening: Promise<string> | undefined;
/** The app on a real port (for callers that hang up), started once. */
const serve = () => {
  listening ??= app.listen({ port: 0, host: '127.0.0.1' });
  return listening;
};

/** A client's usage counters, summed over its buckets. */
const usageOf = (clientRowId: string) =>
  app.database.db.$client
    .prepare(
      'select sum(requests) as requests, sum(status_4xx) as status_4xx from usage_counters where client_id = ?',
    )
    .get(clientRowId);

/** A keyless API of `target` (its upstream), so no token is needed to reach it. */
function keylessApi(target: TestApp, upstreamUrl: string): string {
  const entry = createEntry(target, { authMode: 'keyless' });
  setUpstream(target, entry.apiId, upstreamUrl);
  target.gateway.invalidate();
  return entry.listenPath;
}

describe('gateway: upstream connections', () => {
  it('aborts the upstream request when the caller hangs up before the answer', async () => {
    let arrived: () => void = () => {};
    let closed: () => void = () => {};
    const reached = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const ended = new Promise<void>((resolve) => {
      closed = resolve;
    });
    // Never answers; notes when the gateway's request arrives and when its connection closes.
    const silent = createServer((_request, response) => {
      response.on('close', closed);
      arrived();
    });
    servers.push(silent);
    const client = await createClient(app, { appType: 'service' });
    const api = client.entries[0] as EntryFixture;
    setUpstream(app, api.apiId, await listen(silent, 'http'));
    app.gateway.invalidate();
    const token = await issueToken(app, client);
    const origin = await serve();

    const caller = httpRequest(`${origin}${gwUrl(api.listenPath, '/wait')}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    caller.on('error', () => {});
    caller.end();
    await reached;
    caller.destroy();
    // Before, the gateway kept waiting for the upstream up to its timeout (a minute here).
    await ended;
    // The call is counted, as one its caller closed (499): before, it was not counted at all.
    app.gateway.flush();
    expect(usageOf(client.id)).toEqual({ requests: 1, status_4xx: 1 });
  });

  it('does not call the upstream for a caller that hung up while its token was checked', async () => {
    let calls = 0;
    const counting = createServer((_request, response) => {
      calls += 1;
      response.end('{}');
    });
    servers.push(counting);
    const client = await createClient(app, { appType: 'service' });
    const api = client.entries[0] as EntryFixture;
    setUpstream(app, api.apiId, await listen(counting, 'http'));
    app.gateway.invalidate();
    const token = await issueToken(app, client);
    // The signature check of this (new) token waits until the caller has gone.
    const { verifier } = app.gateway.checks;
    const verify = verifier.verify.bind(verifier);
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let checking: () => void = () => {};
    const checked = new Promise<void>((resolve) => {
      checking = resolve;
    });
    const spy = vi.spyOn(verifier, 'verify').mockImplementation(async (value) => {
      checking();
      await released;
      return verify(value);
    });
    try {
      const origin = await serve();
      const caller = httpRequest(`${origin}${gwUrl(api.listenPath, '/x')}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      caller.on('error', () => {});
      caller.end();
      await checked;
      caller.destroy();
      await new Promise((resolve) => caller.once('close', resolve));
      release();
      await vi.waitFor(() => {
        app.gateway.flush();
        expect(usageOf(client.id)).toEqual({ requests: 1, status_4xx: 1 });
      });
      expect(calls).toBe(0);
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses an HTTPS upstream whose certificate it cannot verify, with 502', async () => {
    const selfSigned = createHttpsServer(tls, ok);
    servers.push(selfSigned);
    const listenPath = keylessApi(app, await listen(selfSigned, 'https'));
    const res = await app.inject({ method: 'GET', url: gwUrl(listenPath, '/x') });
    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({ error: 'bad_gateway' });
  });

  it('trusts an internal CA given in PORTICO_GATEWAY_CA_FILE', async () => {
    const internal = createHttpsServer(tls, ok);
    servers.push(internal);
    const trusting = await buildTestApp({ env: { PORTICO_GATEWAY_CA_FILE: TLS_CA_FILE } });
    try {
      const listenPath = keylessApi(trusting, await listen(internal, 'https'));
      const res = await trusting.inject({ method: 'GET', url: gwUrl(listenPath, '/x') });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ ok: true });
    } finally {
      await trusting.close();
    }
  });

  it('closes its connections to upstreams when the server closes', async () => {
    const destroy = vi.spyOn(UpstreamDispatcher.prototype, 'destroy');
    try {
      const closing = await buildTestApp();
      await closing.ready();
      expect(destroy).not.toHaveBeenCalled();
      await closing.close();
      expect(destroy).toHaveBeenCalledTimes(1);
    } finally {
      destroy.mockRestore();
    }
  });

  it('refuses to start when PORTICO_GATEWAY_CA_FILE cannot be read', async () => {
    const start = async () => {
      const built = await buildTestApp({ env: { PORTICO_GATEWAY_CA_FILE: '/nonexistent/portico-ca.pem' } });
      try {
        await built.ready();
      } finally {
        await built.close();
      }
    };
    await expect(start()).rejects.toThrow(
      /PORTICO_GATEWAY_CA_FILE: cannot read \/nonexistent\/portico-ca\.pem/,
    );
  });
});
