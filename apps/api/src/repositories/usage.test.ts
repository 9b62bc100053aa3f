import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apis, catalogueEntries } from '../db/schema.js';
import { emptyHistogram } from '../gateway/histogram.js';
import type { UsageDelta } from '../gateway/usage-recorder.js';
import { buildTestApp, type TestApp } from '../test/helpers.js';
import { createClient } from '../test/oauth-fixtures.js';
import { createEntry, type EntryFixture } from '../test/portal-fixtures.js';

let app: TestApp;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

const delta = (clientId: string, apiId: string, requests: number): UsageDelta => ({
  clientId,
  apiId,
  bucket: Date.UTC(2030, 0, 1, 12, 0),
  requests,
  status2xx: requests,
  status3xx: 0,
  status4xx: 0,
  status5xx: 0,
  throttled: 0,
  latencySumMs: requests * 2.4,
  histogram: (() => {
    const h = emptyHistogram();
    h[2] = requests;
    return h;
  })(),
});

describe('usage repository', () => {
  it('adds batches to the same minute, merging the latency histograms', async () => {
    const client = await createClient(app, { appType: 'service' });
    const api = client.entries[0] as EntryFixture;
    app.repos.usage.addCounters([delta(client.id, api.apiId, 2)]);
    app.repos.usage.addCounters([delta(client.id, api.apiId, 3)]);
    const [row] = app.repos.usage.counters({ from: 0, to: Date.UTC(2031, 0, 1), clientIds: [client.id] });
    expect(row).toMatchObject({ requests: 5, status2xx: 5, latencyHistogram: { '5': 5 } });
  });

  it('skips counts of an API deleted before the flush instead of failing the whole batch', async () => {
    const client = await createClient(app, {
      appType: 'service',
      entries: [createEntry(app), createEntry(app)],
    });
    const [kept, deleted] = client.entries as [EntryFixture, EntryFixture];
    // An admin removes the catalogue entry, then the API (entries restrict API deletion).
    app.database.db.delete(catalogueEntries).where(eq(catalogueEntries.id, deleted.entryId)).run();
    app.database.db.delete(apis).where(eq(apis.id, deleted.apiId)).run();
    expect(() =>
      app.repos.usage.addCounters([delta(client.id, deleted.apiId, 1), delta(client.id, kept.apiId, 4)]),
    ).not.toThrow();
    expect(() =>
      app.repos.usage.saveQuota([{ clientId: client.id, apiId: deleted.apiId, periodStart: 1, delta: 1 }]),
    ).not.toThrow();
    const rows = app.repos.usage.counters({ from: 0, to: Date.UTC(2031, 0, 1), clientIds: [client.id] });
    expect(rows.map((row) => [row.apiId, row.requests])).toEqual([[kept.apiId, 4]]);
  });

  it('adds quota within a period, replaces it with a newer one and ignores an older one', async () => {
    const client = await createClient(app, { appType: 'service' });
    const api = client.entries[0] as EntryFixture;
    const save = (periodStart: number, delta: number) =>
      app.repos.usage.saveQuota([{ clientId: client.id, apiId: api.apiId, periodStart, delta }]);
    save(1000, 2);
    save(1000, 3);
    expect(app.repos.usage.loadQuota(client.id, api.apiId)).toEqual({ periodStart: 1000, used: 5 });
    save(5000, 1);
    expect(app.repos.usage.loadQuota(client.id, api.apiId)).toEqual({ periodStart: 5000, used: 1 });
    save(1000, 7);
    expect(app.repos.usage.loadQuota(client.id, api.apiId)).toEqual({ periodStart: 5000, used: 1 });
  });
});
