import type {
  AccessRightInput,
  AdminPolicy,
  FieldError,
  PolicyInput,
  PolicyListQuery,
  PolicyPage,
  PolicyPatch,
  PolicyUpdateResult,
} from '@portico/contracts';
import { badRequest, conflict, notFound } from '../lib/errors.js';
import type { ApisRepository } from '../repositories/apis.js';
import type { PoliciesRepository, PolicyRecord, PolicyValues } from '../repositories/policies.js';
import type { AdminAccessService } from './admin-access.js';
import { type AdminActor, adminNameError, nameList, paging } from './admin-common.js';
import type { AuditService } from './audit.js';

export const DEFAULT_TOKEN_EXPIRY = 3_600;

export function toAdminPolicy(record: PolicyRecord): AdminPolicy {
  return {
    id: record.id,
    name: record.name,
    accessRights: record.accessRights,
    rateLimit: { requests: record.rateLimit, perSeconds: record.rateLimitPer },
    quota:
      record.quotaMax === null
        ? null
        : { max: record.quotaMax, renewalSeconds: record.quotaRenewal ?? 2_592_000 },
    tokenExpiry: record.tokenExpiry,
    active: record.active,
    catalogueEntryCount: record.catalogueEntryCount,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

interface Deps {
  policies: PoliciesRepository;
  apis: ApisRepository;
  access: AdminAccessService;
  audit: AuditService;
}

type RightsValue = { apiId: string; allowedScopes: string[] }[];

/**
 * Policies: access rights are checked against the APIs they name, and saving a policy that narrows
 * access revokes exactly the tokens that exceed the new rights (see `AdminAccessService`). Each change
 * is one transaction with those revocations and its audit event: all of it happens, or none.
 */
export class AdminPoliciesService {
  constructor(private readonly deps: Deps) {}

  list(query: PolicyListQuery): PolicyPage {
    const { page, pageSize } = paging(query);
    const { items, total } = this.deps.policies.list({
      page,
      pageSize,
      q: query.q?.trim() || undefined,
      apiId: query.apiId,
      active: query.active,
      sort: query.sort ?? 'name',
      order: query.order ?? 'asc',
    });
    return { items: items.map(toAdminPolicy), total, page, pageSize };
  }

  get(id: string): AdminPolicy {
    return toAdminPolicy(this.load(id));
  }

  create(actor: AdminActor, body: PolicyInput): AdminPolicy {
    return this.deps.apis.transaction(() => {
      const rights = this.checkRights(body.accessRights);
      const values: PolicyValues = {
        name: this.checkName(body.name),
        rateLimit: body.rateLimit.requests,
        rateLimitPer: body.rateLimit.perSeconds,
        quotaMax: body.quota?.max ?? null,
        quotaRenewal: body.quota?.renewalSeconds ?? null,
        tokenExpiry: body.tokenExpiry ?? DEFAULT_TOKEN_EXPIRY,
        active: body.active ?? true,
      };
      const id = this.deps.policies.create(values, rights);
      this.record(actor, 'policy.create', id, { name: values.name, apis: rights.map((r) => r.apiId) });
      return this.get(id);
    });
  }

  update(actor: AdminActor, id: string, patch: PolicyPatch): PolicyUpdateResult {
    return this.deps.apis.transaction(() => {
      const existing = this.load(id);
      const values: Partial<PolicyValues> = {};
      const changed: string[] = [];
      if (patch.name !== undefined && patch.name !== existing.name) {
        values.name = this.checkName(patch.name);
        changed.push('name');
      }
      if (patch.rateLimit !== undefined) {
        values.rateLimit = patch.rateLimit.requests;
        values.rateLimitPer = patch.rateLimit.perSeconds;
        changed.push('rateLimit');
      }
      if (patch.quota !== undefined) {
        values.quotaMax = patch.quota?.max ?? null;
        values.quotaRenewal = patch.quota?.renewalSeconds ?? null;
        changed.push('quota');
      }
      if (patch.tokenExpiry !== undefined) {
        values.tokenExpiry = patch.tokenExpiry;
        changed.push('tokenExpiry');
      }
      if (patch.active !== undefined && patch.active !== existing.active) {
        values.active = patch.active;
        changed.push('active');
      }

      let rights: RightsValue | undefined;
      if (patch.accessRights !== undefined) {
        rights = this.checkRights(patch.accessRights);
        // A catalogue entry publishes its API with this policy: the policy must keep granting it.
        const granted = new Set(rights.map((right) => right.apiId));
        const orphaned = this.deps.policies
          .catalogueEntriesFor(id)
          .filter((entry) => !granted.has(entry.apiId));
        if (orphaned.length > 0) {
          throw conflict(
            `Catalogue ${orphaned.length === 1 ? 'entry' : 'entries'} ${nameList(orphaned.map((e) => e.name))} publish an API this policy would no longer grant. Change ${orphaned.length === 1 ? 'its' : 'their'} policy first.`,
            [{ field: 'accessRights', message: `still needed by ${nameList(orphaned.map((e) => e.name))}` }],
          );
        }
        const before = JSON.stringify(
          existing.accessRights.map(({ apiId, allowedScopes }) => ({ apiId, allowedScopes })),
        );
        if (before !== JSON.stringify(rights)) changed.push('accessRights');
      }

      this.deps.policies.update(id, values, rights);
      const narrowing = changed.includes('accessRights') || changed.includes('active');
      const revokedTokens = narrowing
        ? this.deps.access.revokeExceeding(this.deps.access.clientsForPolicy(id))
        : 0;
      this.record(actor, 'policy.update', id, { changed, revokedTokens });
      return { policy: this.get(id), revokedTokens };
    });
  }

  delete(actor: AdminActor, id: string): void {
    this.deps.apis.transaction(() => {
      const policy = this.load(id);
      const entries = this.deps.policies.catalogueEntriesFor(id);
      if (entries.length > 0) {
        throw conflict(
          `"${policy.name}" is used by catalogue ${entries.length === 1 ? 'entry' : 'entries'} ${nameList(entries.map((e) => e.name))}. Give ${entries.length === 1 ? 'it' : 'them'} another policy or delete ${entries.length === 1 ? 'it' : 'them'} first.`,
        );
      }
      this.deps.policies.delete(id);
      this.record(actor, 'policy.delete', id, { name: policy.name });
    });
  }

  count(): number {
    return this.deps.policies.count();
  }

  private load(id: string): PolicyRecord {
    const record = this.deps.policies.findById(id);
    if (!record) throw notFound('No policy with this id.');
    return record;
  }

  private checkName(name: string): string {
    const nameError = adminNameError(name);
    if (nameError) throw badRequest('Check the highlighted fields.', [nameError]);
    return name.trim();
  }

  /** Every API must exist, appear once, and the allowed scopes must be scopes that API defines. */
  private checkRights(rights: readonly AccessRightInput[]): RightsValue {
    const apis = new Map(
      this.deps.apis.findByIds(rights.map((right) => right.apiId)).map((api) => [api.id, api]),
    );
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    rights.forEach((right, index) => {
      const api = apis.get(right.apiId);
      if (!api) {
        errors.push({ field: `accessRights/${index}/apiId`, message: 'no API with this id' });
        return;
      }
      if (seen.has(right.apiId)) {
        errors.push({ field: `accessRights/${index}/apiId`, message: `"${api.name}" is listed twice` });
      }
      seen.add(right.apiId);
      const defined = new Set(api.scopes.map((scope) => scope.name));
      for (const scope of right.allowedScopes) {
        if (!defined.has(scope)) {
          errors.push({
            field: `accessRights/${index}/allowedScopes`,
            message: `"${api.name}" does not define the scope "${scope}"`,
          });
        }
      }
    });
    if (errors.length > 0) throw badRequest('Check the access rights.', errors);
    return rights.map((right) => ({ apiId: right.apiId, allowedScopes: [...right.allowedScopes] }));
  }

  private record(actor: AdminActor, action: string, targetId: string, meta: Record<string, unknown>): void {
    this.deps.audit.record({ actorId: actor.id, action, targetType: 'policy', targetId, meta, ip: actor.ip });
  }
}
