import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { closeGracefully } from './server.js';
import { gwUrl, setUpstream } from './test/gateway-fixtures.js';
import { buildTestApp } from './test/helpers.js';
import { createEntry } from './test/portal-fixtures.js';

/** Graceful shutdown of the listening server (`server.ts`). */

let upstream: Server | undefined;

afterAll(async () => {
  upstream?.closeAllConnections();
  await new Promise<void>((resolve) => (upstream ? upstream.close(() => resolve()) : resolve()));
});

describe('closeGracefully', () => {
  it('finishes a keep-alive request in flight, then closes at once', async () => {
    // An upstream that answers after its caller's shutdown has begun.
    let answer: () => void = () => {};
    const arrived = new Promise<void>((resolve) => {
      upstream = createServer((_request, response) => {
        answer = () => response.end('{"ok":true}');
        resolve();
      });
    });
    await new Promise<void>((resolve) => upstream!.listen(0, '127.0.0.1', resolve));
    const app = await buildTestApp();
    const entry = createEntry(app, { authMode: 'keyless' });
    setUpstream(app, entry.apiId, `http://127.0.0.1:${(upstream!.address() as AddressInfo).port}`);
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });

    const agent = new Agent({ keepAlive: true });
    const response = new Promise<number>((resolve, reject) => {
      const call = httpRequest(`${origin}${gwUrl(entry.listenPath, '/slow')}`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      call.on('error', reject);
      call.end();
    });
    await arrived;
    // Before, the connection stayed open for its keep-alive timeout (72 s) and close() waited for it.
    const closed = closeGracefully(app, 20);
    answer();
    expect(await response).toBe(200);
    await closed;
    expect(app.server.listening).toBe(false);
    agent.destroy();
  });
});
