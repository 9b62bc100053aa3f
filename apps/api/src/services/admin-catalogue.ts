import type {
  AdminCatalogueEntry,
  CatalogueDeleteResult,
  CatalogueEntryInput,
  CatalogueEntryPatch,
  CatalogueListQuery,
  CataloguePage,
  CatalogueUpdateResult,
  FieldError,
} from '@portico/contracts';
import { badRequest, conflict, notFound } from '../lib/errors.js';
import type { ApisRepository } from '../repositories/apis.js';
import type {
  CatalogueEntryRecord,
  CatalogueEntryValues,
  CatalogueRepository,
} from '../repositories/catalogue.js';
import type { PoliciesRepository } from '../repositories/policies.js';
import type { AdminAccessService } from './admin-access.js';
import { type AdminActor, adminNameError, paging, plural } from './admin-common.js';
import type { AuditService } from './audit.js';

export function toAdminCatalogueEntry(record: CatalogueEntryRecord): AdminCatalogueEntry {
  return {
    id: record.id,
    api: record.api,
    policy: record.policy,
    name: record.name,
    shortDescription: record.shortDescription,
    longDescription: record.longDescription,
    visibility: record.visibility,
    approval: record.approval,
    maxClientsPerDeveloper: record.maxClientsPerDeveloper,
    clientCount: record.clientCount,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

interface Deps {
  catalogue: CatalogueRepository;
  apis: ApisRepository;
  policies: PoliciesRepository;
  access: AdminAccessService;
  audit: AuditService;
}

/**
 * Catalogue entries publish one API with one policy; the policy must grant that API. Each change is
 * one transaction with the revocations it causes and its audit event: all of it happens, or none.
 */
export class AdminCatalogueService {
  constructor(private readonly deps: Deps) {}

  list(query: CatalogueListQuery): CataloguePage {
    const { page, pageSize } = paging(query);
    const { items, total } = this.deps.catalogue.list({
      page,
      pageSize,
      q: query.q?.trim() || undefined,
      visibility: query.visibility,
      apiId: query.apiId,
      policyId: query.policyId,
      sort: query.sort ?? 'name',
      order: query.order ?? 'asc',
    });
    return { items: items.map(toAdminCatalogueEntry), total, page, pageSize };
  }

  get(id: string): AdminCatalogueEntry {
    return toAdminCatalogueEntry(this.load(id));
  }

  create(actor: AdminActor, body: CatalogueEntryInput): AdminCatalogueEntry {
    return this.deps.apis.transaction(() => {
      const values: CatalogueEntryValues = {
        apiId: body.apiId,
        policyId: body.policyId,
        name: body.name.trim(),
        shortDescription: (body.shortDescription ?? '').trim(),
        longDescription: body.longDescription ?? '',
        visibility: body.visibility ?? 'public',
        approval: body.approval ?? 'auto',
        maxClientsPerDeveloper: body.maxClientsPerDeveloper ?? null,
      };
      this.check(values);
      const id = this.deps.catalogue.create(values);
      this.record(actor, 'catalogue_entry.create', id, {
        name: values.name,
        apiId: values.apiId,
        policyId: values.policyId,
        visibility: values.visibility,
      });
      return this.get(id);
    });
  }

  update(actor: AdminActor, id: string, patch: CatalogueEntryPatch): CatalogueUpdateResult {
    return this.deps.apis.transaction(() => {
      const existing = this.load(id);
      const values: CatalogueEntryValues = {
        apiId: patch.apiId ?? existing.apiId,
        policyId: patch.policyId ?? existing.policyId,
        name: patch.name?.trim() ?? existing.name,
        shortDescription: patch.shortDescription?.trim() ?? existing.shortDescription,
        longDescription: patch.longDescription ?? existing.longDescription,
        visibility: patch.visibility ?? existing.visibility,
        approval: patch.approval ?? existing.approval,
        maxClientsPerDeveloper:
          patch.maxClientsPerDeveloper === undefined
            ? existing.maxClientsPerDeveloper
            : patch.maxClientsPerDeveloper,
      };
      this.check(values);
      // Subscribers chose this API: moving the entry to another one would hand their clients an API nobody picked.
      if (values.apiId !== existing.apiId && existing.clientCount > 0) {
        throw conflict(
          `${plural(existing.clientCount, 'OAuth client')} use this entry, so its API cannot change. Create a new entry instead.`,
          [{ field: 'apiId', message: 'cannot change while OAuth clients use this entry' }],
        );
      }
      const changed = (Object.keys(values) as (keyof CatalogueEntryValues)[]).filter(
        (key) => values[key] !== existing[key],
      );
      this.deps.catalogue.update(id, values);
      const revokedTokens = changed.includes('policyId')
        ? this.deps.access.revokeExceeding(this.deps.access.clientsForEntries([id]))
        : 0;
      this.record(actor, 'catalogue_entry.update', id, { changed, revokedTokens });
      return { entry: this.get(id), revokedTokens };
    });
  }

  delete(actor: AdminActor, id: string, cascade: boolean): CatalogueDeleteResult {
    return this.deps.apis.transaction(() => {
      const entry = this.load(id);
      const clientIds = this.deps.access.clientsForEntries([id]);
      if (clientIds.length > 0 && !cascade) {
        throw conflict(
          `${plural(clientIds.length, 'OAuth client')} use "${entry.name}". Delete with cascade to unsubscribe ${clientIds.length === 1 ? 'it' : 'them'} and revoke the tokens that relied on this entry.`,
        );
      }
      this.deps.catalogue.delete(id);
      this.deps.access.settleWaiting(clientIds);
      const revokedTokens = this.deps.access.revokeExceeding(clientIds);
      this.record(actor, 'catalogue_entry.delete', id, {
        name: entry.name,
        cascade,
        unsubscribedClients: clientIds,
        revokedTokens,
      });
      return { deleted: true, unsubscribedClients: clientIds.length, revokedTokens };
    });
  }

  count(): number {
    return this.deps.catalogue.count();
  }

  private load(id: string): CatalogueEntryRecord {
    const record = this.deps.catalogue.findById(id);
    if (!record) throw notFound('No catalogue entry with this id.');
    return record;
  }

  private check(values: CatalogueEntryValues): void {
    const errors: FieldError[] = [];
    const nameError = adminNameError(values.name);
    if (nameError) errors.push(nameError);
    const api = this.deps.apis.findById(values.apiId);
    if (!api) errors.push({ field: 'apiId', message: 'no API with this id' });
    const policy = this.deps.policies.findById(values.policyId);
    if (!policy) errors.push({ field: 'policyId', message: 'no policy with this id' });
    if (api && policy && !policy.accessRights.some((right) => right.apiId === api.id)) {
      const message = `"${policy.name}" does not grant access to "${api.name}"`;
      throw badRequest(`Policy ${message}. Pick a policy that grants it.`, [{ field: 'policyId', message }]);
    }
    if (errors.length > 0) throw badRequest('Check the highlighted fields.', errors);
  }

  private record(actor: AdminActor, action: string, targetId: string, meta: Record<string, unknown>): void {
    this.deps.audit.record({
      actorId: actor.id,
      action,
      targetType: 'catalogue_entry',
      targetId,
      meta,
      ip: actor.ip,
    });
  }
}
