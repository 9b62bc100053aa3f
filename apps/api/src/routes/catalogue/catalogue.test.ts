import type { PortalCatalogueEntryDetail, PortalCatalogueList } from '@portico/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/helpers.js';
import { call, createEntry, type EntryFixture } from '../../test/portal-fixtures.js';

let app: TestApp;
let weather: EntryFixture;
let keyless: EntryFixture;
let hidden: EntryFixture;
let inactive: EntryFixture;

beforeAll(async () => {
  app = await buildTestApp();
  weather = createEntry(app, {
    name: 'Weather 100% API',
    approval: 'manual',
    maxClientsPerDeveloper: 2,
    scopes: [
      { name: 'weather:read', description: 'Read forecasts' },
      { name: 'weather:admin', description: 'Manage stations' },
    ],
    longDescription: '# Weather\n\n<script>alert(1)</script>',
  });
  keyless = createEntry(app, { name: 'Open Status', authMode: 'keyless' });
  hidden = createEntry(app, { name: 'Hidden Weather', visibility: 'hidden' });
  inactive = createEntry(app, { name: 'Retired Weather', apiActive: false });
});

afterAll(async () => {
  await app.close();
});

const list = async (query = '') => {
  const res = await call(app, undefined, 'GET', `/api/catalogue${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<PortalCatalogueList>();
};

describe('GET /api/catalogue', () => {
  it('lists public entries of active APIs to anyone, sorted by name', async () => {
    const body = await list();
    const names = body.items.map((e) => e.name);
    expect(names).toEqual(['Open Status', 'Weather 100% API']);
    expect(body.total).toBe(2);
    expect(names).not.toContain(hidden.name);
    expect(names).not.toContain(inactive.name);
  });

  it('filters by auth mode for the wizard', async () => {
    expect((await list('?authMode=oauth2')).items.map((e) => e.id)).toEqual([weather.entryId]);
    expect((await list('?authMode=keyless')).items.map((e) => e.id)).toEqual([keyless.entryId]);
    expect((await call(app, undefined, 'GET', '/api/catalogue?authMode=basic')).statusCode).toBe(400);
  });

  it('searches names and descriptions, treating LIKE wildcards literally', async () => {
    expect((await list('?q=weather')).items.map((e) => e.id)).toEqual([weather.entryId]);
    expect((await list('?q=100%25')).items.map((e) => e.id)).toEqual([weather.entryId]);
    expect((await list('?q=short%20description%20of%20open')).items.map((e) => e.id)).toEqual([
      keyless.entryId,
    ]);
    expect((await list('?q=_')).items).toEqual([]);
  });

  it('describes what a developer gets, and never the upstream', async () => {
    const [entry] = (await list('?authMode=oauth2')).items;
    expect(entry).toMatchObject({
      approval: 'manual',
      maxClientsPerDeveloper: 2,
      api: { authMode: 'oauth2', listenPath: weather.listenPath },
      limits: { rateLimit: { requests: 100, perSeconds: 60 }, quota: { max: 1000, renewalSeconds: 86_400 } },
      scopes: [
        { name: 'weather:read', description: 'Read forecasts' },
        { name: 'weather:admin', description: 'Manage stations' },
      ],
    });
    expect(JSON.stringify(entry)).not.toContain('upstream');
  });
});

describe('GET /api/catalogue/:id', () => {
  it('returns the entry with its raw Markdown', async () => {
    const res = await call(app, undefined, 'GET', `/api/catalogue/${weather.entryId}`);
    expect(res.statusCode).toBe(200);
    const entry = res.json<PortalCatalogueEntryDetail>();
    expect(entry.longDescription).toBe('# Weather\n\n<script>alert(1)</script>');
    expect(entry.api.grantTypes).toEqual(['authorization_code', 'client_credentials', 'refresh_token']);
  });

  it('hides hidden entries, inactive APIs and unknown ids', async () => {
    for (const id of [hidden.entryId, inactive.entryId, 'nope']) {
      const res = await call(app, undefined, 'GET', `/api/catalogue/${id}`);
      expect(res.statusCode, id).toBe(404);
    }
  });
});
