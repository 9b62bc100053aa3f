import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TryItBody } from '@portico/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors.js';
import { setUpstream } from '../test/gateway-fixtures.js';
import { buildTestApp, type TestApp } from '../test/helpers.js';
import { type ClientFixture, createClient } from '../test/oauth-fixtures.js';
import type { EntryFixture } from '../test/portal-fixtures.js';
import { TryItService } from './gateway-try-it.js';

/**
 * Try it's deadline and early stops, through the real token endpoint and gateway to a real upstream.
 * The route always uses the 10-second deadline; these tests build the service with a short one.
 */

/** Resolves when the upstream's response closes, with the bytes it had written by then. */
type Closed = Promise<number>;

interface SlowUpstream {
  url: string;
  /** Set by the next request to `/trickle` or `/silent`. */
  closed: Closed;
  close(): Promise<void>;
}

/**
 * `/trickle` sends its headers and then one byte every 20 ms, for as long as the connection lasts;
 * `/silent` never answers; `/broken` sends a few bytes of a longer body and then
 * drops the connection.
 */
async function startSlowUpstream(): Promise<SlowUpstream> {
  let onClosed: (sent: number) => void = () => {};
  const upstream: SlowUpstream = {
    url: '',
    closed: Promise.resolve(0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const track = (response: ServerResponse, sent: () => number) => {
    upstream.closed = new Promise<number>((resolve) => {
      onClosed = resolve;
    });
    response.on('close', () => onClosed(sent()));
  };
  const server = createServer((request, response) => {
    if (request.url?.endsWith('/trickle')) {
      let sent = 0;
      track(response, () => sent);
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('x');
      sent = 1;
      const timer = setInterval(() => {
        response.write('x');
        sent += 1;
      }, 20);
      response.on('close', () => clearInterval(timer));
    } else if (request.url?.endsWith('/silent')) {
      track(response, () => 0);
    } else if (request.url?.endsWith('/broken')) {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '10000' });
      response.write('y'.repeat(1000), () => setTimeout(() => response.socket?.destroy(), 20));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  upstream.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return upstream;
}

let app: TestApp;
let upstream: SlowUpstream;
let client: ClientFixture;
let api: EntryFixture;

beforeAll(async () => {
  upstream = await startSlowUpstream();
  // The gateway's own upstream timeout is far longer than Try it's deadline and than a test may take:
  // an upstream request closed within a test was closed by Try it, not by that timeout.
  app = await buildTestApp({ config: { gatewayUpstreamTimeoutMs: 60_000 } });
  await app.ready();
  client = await createClient(app, { appType: 'service' });
  api = client.entries[0] as EntryFixture;
  setUpstream(app, api.apiId, upstream.url);
  app.gateway.invalidate();
});

afterAll(async () => {
  await upstream.close();
  await app.close();
});

const call = (
  deadlineMs: number,
  path: string,
  request: Pick<TryItBody, 'method' | 'body'> = { method: 'GET' },
) => {
  const body: TryItBody = {
    apiId: api.apiId,
    clientSecret: client.clientSecret as string,
    scopes: [],
    path,
    ...request,
  };
  return new TryItService((request) => app.inject(request), app.gateway.hangUps, { deadlineMs }).run(
    { clientId: client.clientId, confidential: true, grantTypes: ['client_credentials'] },
    { id: api.apiId, listenPath: api.listenPath },
    body,
    { ip: '198.51.100.20' },
  );
};

/** The client's usage counters, summed over buckets. */
const usageOf = (clientRowId: string) =>
  app.database.db.$client
    .prepare(
      `select coalesce(sum(requests), 0) as requests, coalesce(sum(status_2xx), 0) as status_2xx,
              coalesce(sum(status_4xx), 0) as status_4xx
         from usage_counters where client_id = ?`,
    )
    .get(clientRowId) as { requests: number; status_2xx: number; status_4xx: number };

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => new Error('expected Try it to fail'),
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('TryItService: deadline and early stops', () => {
  it('answers 504 when the body still trickles at the deadline, and closes the upstream request', async () => {
    const error = await failure(call(1_000, '/trickle'));
    expect(error.statusCode).toBe(504);
    expect(error.code).toBe('gateway_timeout');
    expect(error.message).toMatch(
      /^The API did not finish its response within 1000 ms \(\d+ bytes received\); Try it stopped waiting\.$/,
    );
    // The upstream's response is closed (the gateway aborted it), not left trickling.
    expect(await upstream.closed).toBeGreaterThan(0);
  });

  it('answers 504 when no response comes before the deadline, and ends the upstream request', async () => {
    app.gateway.flush();
    const before = usageOf(client.id);
    const error = await failure(call(300, '/silent'));
    expect(error.statusCode).toBe(504);
    expect(error.message).toBe('The API did not answer within 300 ms; Try it stopped waiting.');

    // Try it hung up, and the gateway aborted its upstream request at once, instead of waiting for an
    // answer no one would read (up to its 60-second timeout here).
    expect(await upstream.closed).toBe(0);
    // Counted in usage as a call its caller closed (499), not as the 200 a reply starts with.
    app.gateway.flush();
    expect(usageOf(client.id)).toEqual({
      requests: before.requests + 1,
      status_2xx: before.status_2xx,
      status_4xx: before.status_4xx + 1,
    });
  });

  it('ends the upstream request of a call with a body too', async () => {
    const error = await failure(call(300, '/silent', { method: 'POST', body: '{"amount":5}' }));
    expect(error.statusCode).toBe(504);
    expect(await upstream.closed).toBe(0);
    expect(app.gateway.hangUps.size).toBe(0);
  });

  it('answers 502 when the upstream drops the connection in the middle of the body', async () => {
    const error = await failure(call(5_000, '/broken'));
    expect(error.statusCode).toBe(502);
    expect(error.code).toBe('bad_gateway');
    expect(error.message).toMatch(/^The API's response broke off after \d+ bytes\.$/);
  });
});
