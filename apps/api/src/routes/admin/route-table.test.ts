import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createUser, login, type TestApp, type TestSession } from '../../test/helpers.js';

/**
 * Every route under `/api/admin` — read from Fastify's own route table, not from a hand-kept list —
 * must refuse an anonymous caller (401) and a developer (403). A new admin route that forgets its
 * guard fails here without anyone having to remember to add a test.
 */

interface RouteEntry {
  method: string;
  url: string;
}

/** Parses `printRoutes({ commonPrefix: false })`: one node per line, children indented under parents. */
export function routeTable(printed: string): RouteEntry[] {
  const routes: RouteEntry[] = [];
  const stack: { depth: number; path: string }[] = [];
  for (const line of printed.split('\n')) {
    const match = /^(.*?)(?:├──|└──) (\S+)(?: \(([^)]*)\))?\s*$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length;
    while (stack.length > 0 && (stack.at(-1)?.depth ?? 0) >= depth) stack.pop();
    const path = `${stack.at(-1)?.path ?? ''}${match[2]}`;
    stack.push({ depth, path });
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim())) {
      if (method) routes.push({ method, url: path });
    }
  }
  return routes;
}

let app: TestApp;
let developer: TestSession;
let adminRoutes: RouteEntry[];

beforeAll(async () => {
  app = await buildTestApp();
  await app.ready();
  const dev = await createUser(app, { role: 'developer' });
  developer = await login(app, dev.email, dev.password);
  adminRoutes = routeTable(app.printRoutes({ commonPrefix: false }))
    .filter((route) => route.url.startsWith('/api/admin'))
    .filter((route) => route.method !== 'HEAD' && route.method !== 'OPTIONS');
});

afterAll(async () => {
  await app?.close();
});

/** Fills `:params` with a well-formed id that matches nothing. */
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');

describe('admin route table', () => {
  it('finds the whole admin API (sanity check of the parser)', () => {
    const keys = adminRoutes.map((r) => `${r.method} ${r.url}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'GET /api/admin/users',
        'GET /api/admin/overview',
        'GET /api/admin/apis',
        'POST /api/admin/apis',
        'PATCH /api/admin/apis/:id',
        'DELETE /api/admin/apis/:id',
        'GET /api/admin/apis/:id/dependants',
        'POST /api/admin/policies',
        'DELETE /api/admin/catalogue/:id',
        'POST /api/admin/developers/:id/deactivate',
        'GET /api/admin/developers/:id/clients',
        'POST /api/admin/approvals/:id/reject',
        'GET /api/admin/audit',
      ]),
    );
    expect(adminRoutes.length).toBeGreaterThanOrEqual(28);
  });

  it('answers 401 to an anonymous caller on every admin route', async () => {
    const failures: string[] = [];
    for (const route of adminRoutes) {
      const res = await app.inject({ method: route.method as 'GET', url: concrete(route.url), payload: {} });
      if (res.statusCode !== 401 || res.json().error !== 'unauthorized') {
        failures.push(`${route.method} ${route.url} → ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 403 to a developer on every admin route', async () => {
    const failures: string[] = [];
    for (const route of adminRoutes) {
      const res = await app.inject({
        method: route.method as 'GET',
        url: concrete(route.url),
        headers: developer.headers,
        payload: {},
      });
      if (res.statusCode !== 403 || res.json().error !== 'forbidden') {
        failures.push(`${route.method} ${route.url} → ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('documents the session requirement of every admin route in the OpenAPI document', () => {
    const spec = app.swagger() as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const undocumented = adminRoutes
      .map((route) => ({ ...route, path: route.url.replace(/:([A-Za-z]+)/g, '{$1}') }))
      .filter((route) => !spec.paths[route.path]?.[route.method.toLowerCase()]?.security?.length)
      .map((route) => `${route.method} ${route.url}`);
    expect(undocumented).toEqual([]);
  });
});
