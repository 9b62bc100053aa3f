import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientUsageResponse } from '@portico/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  gwUrl,
  issueToken,
  setPolicy,
  setUpstream,
  startUpstream,
  type TestUpstream,
} from '../../test/gateway-fixtures.js';
import { buildTestApp, createUser, login, type TestApp } from '../../test/helpers.js';
import { createClient } from '../../test/oauth-fixtures.js';
import type { EntryFixture } from '../../test/portal-fixtures.js';

/**
 * Two app instances on the same database file, one after the other, as in a restart: quota and usage
 * counted in memory by the first must be on disk (flushed on close) when the second starts.
 */
const dir = mkdtempSync(join(tmpdir(), 'portico-restart-'));
const dbFile = join(dir, 'shared.db');
let upstream: TestUpstream;
let second: TestApp | undefined;

beforeAll(async () => {
  upstream = await startUpstream();
});

afterAll(async () => {
  await second?.close();
  await upstream.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('gateway state across a restart', () => {
  it('keeps the quota period and the usage counts of the first instance', async () => {
    const first = await buildTestApp({ config: { dbFile } });
    await first.ready();
    const owner = await createUser(first);
    const client = await createClient(first, { appType: 'service', ownerId: owner.id });
    const api = client.entries[0] as EntryFixture;
    setUpstream(first, api.apiId, upstream.url);
    setPolicy(first, api.policyId, { quotaMax: 3, quotaRenewal: 3600 });
    first.gateway.invalidate();
    const token = await issueToken(first, client);
    const call = (app: TestApp) =>
      app.inject({
        method: 'GET',
        url: gwUrl(api.listenPath, '/ok'),
        headers: { authorization: `Bearer ${token}` },
      });

    expect((await call(first)).statusCode).toBe(200);
    expect((await call(first)).statusCode).toBe(200);
    // Nothing was flushed yet (the timer runs every 2 s): closing must write it.
    await first.close();

    second = await buildTestApp({ config: { dbFile } });
    await second.ready();
    expect((await call(second)).statusCode).toBe(200);
    const refused = await call(second);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: 'quota_exceeded' });

    const session = await login(second, owner.email);
    const usage = (
      await second.inject({ method: 'GET', url: `/api/clients/${client.id}/usage`, headers: session.headers })
    ).json() as ClientUsageResponse;
    expect(usage.totals).toMatchObject({ requests: 4, status2xx: 3, status4xx: 1, throttled: 1 });
    expect(usage.apis[0]?.quota).toMatchObject({ max: 3, used: 3, remaining: 0 });
  });
});
