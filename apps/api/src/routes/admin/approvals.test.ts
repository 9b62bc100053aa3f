import type { ApprovalPage } from '@portico/contracts';
import { describe, expect, it, vi } from 'vitest';
import {
  createApi,
  createEntry,
  createPolicy,
  insertAccessToken,
  insertClient,
  isRevoked,
  setupAdminApp,
} from '../../test/admin-fixtures.js';
import type { TestApp, TestSession } from '../../test/helpers.js';

let app: TestApp;
let admin: TestSession;

setupAdminApp((setup) => ({ app, admin } = setup));

async function entries() {
  const api = await createApi(app, admin);
  const policy = await createPolicy(app, admin, [api.id]);
  const manual = await createEntry(app, admin, { apiId: api.id, policyId: policy.id, approval: 'manual' });
  const auto = await createEntry(app, admin, { apiId: api.id, policyId: policy.id });
  return { api, manual, auto };
}

const queue = async () =>
  (
    await app.inject({ method: 'GET', url: '/api/admin/approvals?pageSize=100', headers: admin.headers })
  ).json() as ApprovalPage;
const decide = (id: string, action: 'approve' | 'reject', payload?: object) =>
  app.inject({
    method: 'POST',
    url: `/api/admin/approvals/${id}/${action}`,
    headers: admin.headers,
    ...(payload ? { payload } : {}),
  });

describe('approvals queue', () => {
  it('lists pending clients and active clients with a pending manual API, but not drafts or settled ones', async () => {
    const { manual, auto } = await entries();
    const pending = await insertClient(app, {
      status: 'pending',
      subscriptions: [{ entryId: manual.id, status: 'pending' }],
    });
    const later = await insertClient(app, {
      status: 'active',
      subscriptions: [{ entryId: auto.id }, { entryId: manual.id, status: 'pending' }],
    });
    const settled = await insertClient(app, { status: 'active', subscriptions: [{ entryId: auto.id }] });
    const draft = await insertClient(app, {
      status: 'draft',
      subscriptions: [{ entryId: manual.id, status: 'pending' }],
    });
    const ids = (await queue()).items.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([pending.id, later.id]));
    expect(ids).not.toContain(settled.id);
    expect(ids).not.toContain(draft.id);
    const item = (await queue()).items.find((c) => c.id === pending.id);
    expect(item).toMatchObject({
      status: 'pending',
      subscriptions: [{ name: manual.name, approval: 'manual', status: 'pending' }],
    });
  });

  it('approve makes the client and its pending APIs active, once', async () => {
    const { manual } = await entries();
    const client = await insertClient(app, {
      status: 'pending',
      subscriptions: [{ entryId: manual.id, status: 'pending' }],
    });
    const res = await decide(client.id, 'approve');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'active',
      rejectionReason: null,
      subscriptions: [{ status: 'active' }],
    });
    expect((await queue()).items.map((c) => c.id)).not.toContain(client.id);
    expect((await decide(client.id, 'approve')).statusCode).toBe(409);
    // Recorded on the same target type as every other event about an OAuth client; the Dashboard's
    // older `client` filter value finds it too.
    for (const targetType of ['oauth_client', 'client']) {
      const audit = await app.inject({
        method: 'GET',
        url: `/api/admin/audit?targetType=${targetType}&targetId=${client.id}`,
        headers: admin.headers,
      });
      expect(audit.json().items[0]).toMatchObject({
        action: 'client.approve',
        targetType: 'oauth_client',
        meta: { catalogueEntries: [manual.id] },
      });
    }
  });

  it('reject stores the reason the developer sees', async () => {
    const { manual } = await entries();
    const client = await insertClient(app, {
      status: 'pending',
      subscriptions: [{ entryId: manual.id, status: 'pending' }],
    });
    const res = await decide(client.id, 'reject', { reason: '  Use the sandbox entry first.  ' });
    expect(res.json()).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Use the sandbox entry first.',
      subscriptions: [{ status: 'rejected' }],
    });
  });

  it('refuses a reason that is only blank space, leaving the client pending', async () => {
    const { manual } = await entries();
    const client = await insertClient(app, {
      status: 'pending',
      subscriptions: [{ entryId: manual.id, status: 'pending' }],
    });
    const res = await decide(client.id, 'reject', { reason: ' \t ' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ details: [{ field: 'reason', message: 'must not be blank' }] });
    expect(app.repos.approvals.findClient(client.id)?.status).toBe('pending');
  });

  it('rejecting a later manual API keeps the client active and its other tokens working', async () => {
    const { api, manual, auto } = await entries();
    const client = await insertClient(app, {
      status: 'active',
      subscriptions: [{ entryId: auto.id }, { entryId: manual.id, status: 'pending' }],
    });
    const token = insertAccessToken(app, { clientId: client.id, listenPaths: [api.listenPath], scopes: [] });
    const res = await decide(client.id, 'reject', { reason: 'Not for production' });
    expect(res.json()).toMatchObject({ status: 'active', rejectionReason: 'Not for production' });
    expect(res.json().subscriptions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ catalogueEntryId: manual.id, status: 'rejected' }),
        expect.objectContaining({ catalogueEntryId: auto.id, status: 'active' }),
      ]),
    );
    expect(isRevoked(app, token)).toBe(false);
  });

  it('rejects all or nothing: when revoking fails, the client stays pending and nothing is audited', async () => {
    const { manual } = await entries();
    const client = await insertClient(app, {
      status: 'pending',
      subscriptions: [{ entryId: manual.id, status: 'pending' }],
    });
    const revoke = vi.spyOn(app.services.admin.access, 'revokeExceeding').mockImplementationOnce(() => {
      throw new Error('disk I/O error');
    });
    try {
      expect((await decide(client.id, 'reject', { reason: 'No' })).statusCode).toBe(500);
    } finally {
      revoke.mockRestore();
    }
    expect((await queue()).items.find((c) => c.id === client.id)).toMatchObject({
      status: 'pending',
      rejectionReason: null,
    });
    const audit = await app.inject({
      method: 'GET',
      url: `/api/admin/audit?targetId=${client.id}&action=client.reject`,
      headers: admin.headers,
    });
    expect(audit.json().total).toBe(0);
    expect((await decide(client.id, 'reject', { reason: 'No' })).statusCode).toBe(200);
  });

  it('validates the reason and answers 404 for unknown or draft clients', async () => {
    const { manual } = await entries();
    const client = await insertClient(app, {
      status: 'pending',
      subscriptions: [{ entryId: manual.id, status: 'pending' }],
    });
    expect((await decide(client.id, 'reject', { reason: '' })).statusCode).toBe(400);
    expect((await decide(client.id, 'reject')).statusCode).toBe(400);
    expect((await decide(client.id, 'reject', { reason: 'x'.repeat(501) })).statusCode).toBe(400);
    expect((await decide('missing', 'approve')).statusCode).toBe(404);
    const draft = await insertClient(app, { status: 'draft', subscriptions: [{ entryId: manual.id }] });
    expect((await decide(draft.id, 'approve')).statusCode).toBe(404);
  });
});
