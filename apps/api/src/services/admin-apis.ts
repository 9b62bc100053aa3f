import {
  type AdminApi,
  APP_TYPE_PROFILES,
  type ApiDeleteResult,
  type ApiDependants,
  type ApiInput,
  type ApiListQuery,
  type ApiPage,
  type ApiPatch,
  checkApiRules,
  type FieldError,
  normaliseListenPath,
} from '@portico/contracts';
import { badRequest, conflict, notFound } from '../lib/errors.js';
import { apiAudience } from '../oauth/scopes.js';
import type { ApiRow, ApisRepository, ApiValues } from '../repositories/apis.js';
import type { AdminAccessService } from './admin-access.js';
import { type AdminActor, adminNameError, nameList, paging, plural } from './admin-common.js';
import type { AuditService } from './audit.js';

export const DEFAULT_ACCESS_TOKEN_TTL = 3_600;
export const DEFAULT_REFRESH_TOKEN_TTL = 2_592_000;

export function toAdminApi(row: ApiRow): AdminApi {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    listenPath: row.listenPath,
    upstreamUrl: row.upstreamUrl,
    authMode: row.authMode,
    active: row.active,
    grantTypes: row.grantTypes,
    scopes: row.scopes,
    accessTokenTtl: row.accessTokenTtl,
    refreshTokenTtl: row.refreshTokenTtl,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

interface Deps {
  apis: ApisRepository;
  access: AdminAccessService;
  audit: AuditService;
  issuer: string;
}

interface ListenPathOwner {
  name: string;
  listenPath: string;
  authMode: string;
}

/** APIs: validation beyond the schema, uniqueness, dependants, and token revocation on narrowing changes. */
export class AdminApisService {
  constructor(private readonly deps: Deps) {}

  list(query: ApiListQuery): ApiPage {
    const { page, pageSize } = paging(query);
    const { items, total } = this.deps.apis.list({
      page,
      pageSize,
      q: query.q?.trim() || undefined,
      authMode: query.authMode,
      sort: query.sort ?? 'name',
      order: query.order ?? 'asc',
    });
    return { items: items.map(toAdminApi), total, page, pageSize };
  }

  get(id: string): AdminApi {
    return toAdminApi(this.load(id));
  }

  create(actor: AdminActor, body: ApiInput): AdminApi {
    const values = this.validate({
      name: body.name,
      slug: body.slug,
      listenPath: body.listenPath,
      upstreamUrl: body.upstreamUrl,
      authMode: body.authMode,
      active: body.active ?? true,
      grantTypes: body.grantTypes ?? [],
      scopes: body.scopes ?? [],
      accessTokenTtl: body.accessTokenTtl ?? DEFAULT_ACCESS_TOKEN_TTL,
      refreshTokenTtl: body.refreshTokenTtl ?? DEFAULT_REFRESH_TOKEN_TTL,
    });
    const row = this.deps.apis.transaction(() => {
      this.checkUnique(values);
      this.checkNesting(values);
      const created = this.deps.apis.create(values);
      this.record(actor, 'api.create', created.id, {
        name: created.name,
        listenPath: created.listenPath,
        authMode: created.authMode,
      });
      return created;
    });
    return toAdminApi(row);
  }

  /**
   * One transaction: the new definition, the revocation of the tokens it no longer allows and the
   * audit event land together, so a failure never leaves tokens working past a narrowing change.
   */
  update(actor: AdminActor, id: string, patch: ApiPatch): { api: AdminApi; revokedTokens: number } {
    return this.deps.apis.transaction(() => this.applyUpdate(actor, id, patch));
  }

  private applyUpdate(
    actor: AdminActor,
    id: string,
    patch: ApiPatch,
  ): { api: AdminApi; revokedTokens: number } {
    const existing = this.load(id);
    const leavingOAuth = patch.authMode !== undefined && patch.authMode !== 'oauth2';
    const values = this.validate({
      name: patch.name ?? existing.name,
      slug: patch.slug ?? existing.slug,
      listenPath: patch.listenPath ?? existing.listenPath,
      upstreamUrl: patch.upstreamUrl ?? existing.upstreamUrl,
      authMode: patch.authMode ?? existing.authMode,
      active: patch.active ?? existing.active,
      // Switching to keyless/auth_token drops the OAuth settings unless the patch sends them (then they are refused).
      grantTypes: patch.grantTypes ?? (leavingOAuth ? [] : existing.grantTypes),
      scopes: patch.scopes ?? (leavingOAuth ? [] : existing.scopes),
      accessTokenTtl: patch.accessTokenTtl ?? existing.accessTokenTtl,
      refreshTokenTtl: patch.refreshTokenTtl ?? existing.refreshTokenTtl,
    });
    this.checkUnique(values, id);
    const changed = (Object.keys(values) as (keyof ApiValues)[]).filter(
      (key) => JSON.stringify(values[key]) !== JSON.stringify(existing[key]),
    );
    // Only a change can create a nesting (and an older one must not block other edits, deactivation included).
    if (changed.includes('listenPath') || changed.includes('authMode')) this.checkNesting(values, id);

    // A policy that names a scope explicitly would silently grant nothing (or, once emptied, everything),
    // so a scope still listed by a policy cannot disappear from the API.
    const kept = new Set(values.scopes.map((scope) => scope.name));
    const removed = existing.scopes.map((scope) => scope.name).filter((name) => !kept.has(name));
    if (removed.length > 0) {
      const blocking = this.deps.apis
        .policiesFor(id)
        .filter((policy) => policy.allowedScopes.some((scope) => removed.includes(scope)));
      if (blocking.length > 0) {
        const scopes = removed.filter((scope) => blocking.some((p) => p.allowedScopes.includes(scope)));
        throw conflict(
          `Scope ${nameList(scopes)} is still granted by ${blocking.length === 1 ? 'policy' : 'policies'} ${nameList(
            blocking.map((p) => p.name),
          )}. Remove it from those policies first.`,
          [{ field: 'scopes', message: `still granted by ${nameList(blocking.map((p) => p.name))}` }],
        );
      }
    }

    // A client's app type works through one flow (authorization code, or client credentials for a
    // service): an API that stops allowing it would strand its clients, whose tokens still work but
    // can never be renewed, and which the portal itself would refuse to add the API to.
    // (A keyless or auth_token API needs no token, so any client may use it.)
    if (values.authMode === 'oauth2' && (changed.includes('authMode') || changed.includes('grantTypes'))) {
      const stranded = this.deps.apis
        .setUpClientsFor(id)
        .filter((client) => !values.grantTypes.includes(APP_TYPE_PROFILES[client.appType].primaryGrant));
      if (stranded.length > 0) {
        const names = nameList(stranded.map((client) => client.name));
        const one = stranded.length === 1;
        const flows = [...new Set(stranded.map((c) => APP_TYPE_PROFILES[c.appType].primaryGrant))]
          .map((grant) => grant.replace('_', ' '))
          .join(' and ');
        throw conflict(
          `${plural(stranded.length, 'OAuth client')} (${names}) ${one ? 'gets its' : 'get their'} tokens with the ${flows} flow, which this API would no longer allow. Unsubscribe ${one ? 'it' : 'them'} first: delete this API's catalogue entries with cascade, or have ${one ? 'its developer' : 'their developers'} remove the API.`,
          [{ field: 'grantTypes', message: `still used by ${names}` }],
        );
      }
    }

    const row = this.deps.apis.update(id, values) ?? existing;
    if (removed.length > 0) this.deps.apis.forgetScopes(id, removed);
    // Anything that changes what a token for this API may carry: its audience (listen path), its
    // scopes, whether it is an active OAuth 2.0 API at all.
    const narrowing = ['listenPath', 'scopes', 'authMode', 'active'].some((key) =>
      changed.includes(key as keyof ApiValues),
    );
    const revokedTokens = narrowing
      ? this.deps.access.revokeExceeding(this.deps.access.clientsForApi(id))
      : 0;
    this.record(actor, 'api.update', id, { changed, revokedTokens });
    return { api: toAdminApi(row), revokedTokens };
  }

  dependants(id: string): ApiDependants {
    const api = this.load(id);
    const clients = this.deps.apis.clientsFor(id);
    return {
      catalogueEntries: this.deps.apis.catalogueEntriesFor(id),
      policies: this.deps.apis.policiesFor(id).map(({ id: policyId, name }) => ({ id: policyId, name })),
      clients,
      activeTokens: this.deps.access.countLiveForAudience(
        clients.map((client) => client.id),
        apiAudience(this.deps.issuer, api.listenPath),
      ),
    };
  }

  /** One transaction, for the same reason as `update`; the dependants are read in it too. */
  delete(actor: AdminActor, id: string, cascade: boolean): ApiDeleteResult {
    return this.deps.apis.transaction(() => this.applyDelete(actor, id, cascade));
  }

  private applyDelete(actor: AdminActor, id: string, cascade: boolean): ApiDeleteResult {
    const api = this.load(id);
    const removed = this.dependants(id);
    const hasDependants =
      removed.catalogueEntries.length > 0 || removed.policies.length > 0 || removed.clients.length > 0;
    if (hasDependants && !cascade) {
      const parts = [
        removed.catalogueEntries.length > 0 &&
          `catalogue ${removed.catalogueEntries.length === 1 ? 'entry' : 'entries'} ${nameList(removed.catalogueEntries.map((e) => e.name))}`,
        removed.policies.length > 0 &&
          `${removed.policies.length === 1 ? 'policy' : 'policies'} ${nameList(removed.policies.map((p) => p.name))}`,
        removed.clients.length > 0 &&
          `OAuth ${removed.clients.length === 1 ? 'client' : 'clients'} ${nameList(removed.clients.map((c) => c.name))}`,
      ].filter(Boolean);
      throw conflict(
        `"${api.name}" is used by ${parts.join('; ')}. Remove those first, or delete with cascade to remove them and revoke ${plural(removed.activeTokens, 'active token')}.`,
      );
    }
    const clientIds = removed.clients.map((client) => client.id);
    this.deps.apis.delete(id);
    this.deps.access.settleWaiting(clientIds);
    // A policy whose only API this was grants nothing now; deactivate it so nobody publishes it by mistake.
    this.deps.apis.deactivatePolicies(
      this.deps.apis.policiesWithoutRights(removed.policies.map((p) => p.id)),
    );
    const revokedTokens = this.deps.access.revokeExceeding(clientIds);
    this.record(actor, 'api.delete', id, {
      name: api.name,
      cascade,
      catalogueEntries: removed.catalogueEntries.map((e) => e.id),
      policies: removed.policies.map((p) => p.id),
      clients: clientIds,
      revokedTokens,
    });
    return { deleted: true, removed, revokedTokens };
  }

  count(): number {
    return this.deps.apis.count();
  }

  private load(id: string): ApiRow {
    const row = this.deps.apis.findById(id);
    if (!row) throw notFound('No API with this id.');
    return row;
  }

  /** Applies the shared rules and normalises; throws 400 with every problem at once. */
  private validate(values: ApiValues): ApiValues {
    const errors: FieldError[] = checkApiRules(values);
    const nameError = adminNameError(values.name);
    if (nameError) errors.push(nameError);
    if (errors.length > 0) throw badRequest('Check the highlighted fields.', errors);
    const listen = normaliseListenPath(values.listenPath);
    return {
      ...values,
      name: values.name.trim(),
      listenPath: listen.ok ? listen.value : values.listenPath,
      upstreamUrl: values.upstreamUrl.trim(),
      scopes: values.scopes.map((scope) => ({ name: scope.name, description: scope.description.trim() })),
    };
  }

  private checkUnique(values: { slug: string; listenPath: string }, exceptId?: string): void {
    const taken = this.deps.apis.takenFields(values, exceptId);
    const details: FieldError[] = [];
    if (taken.slug)
      details.push({ field: 'slug', message: `"${values.slug}" is already used by another API` });
    if (taken.listenPath) {
      details.push({ field: 'listenPath', message: `${values.listenPath} is already used by another API` });
    }
    if (details.length > 0) throw conflict('Another API already uses this slug or listen path.', details);
  }

  /**
   * The gateway routes a path to the API with the longest listen path that prefixes it, and passes a
   * keyless or auth_token API's callers' `Authorization` header on upstream. So such an API may not sit
   * under an OAuth 2.0 API's listen path (nor one above it): calls meant for the OAuth 2.0 API, with
   * their bearer tokens, would reach the other API's upstream.
   */
  private checkNesting(values: ListenPathOwner, exceptId?: string): void {
    const under = (inner: string, outer: string) => inner !== outer && inner.startsWith(outer);
    for (const other of this.deps.apis.listenPaths(exceptId)) {
      let outer: ListenPathOwner;
      let inner: ListenPathOwner;
      if (under(values.listenPath, other.listenPath)) [outer, inner] = [other, values];
      else if (under(other.listenPath, values.listenPath)) [outer, inner] = [values, other];
      else continue;
      if (outer.authMode !== 'oauth2' || inner.authMode === 'oauth2') continue;
      throw conflict(
        `"${inner.name}" (${inner.authMode}) would sit under the listen path of "${outer.name}", an OAuth 2.0 API: calls meant for "${outer.name}", with their bearer tokens, would reach the upstream of "${inner.name}". Choose another listen path.`,
        [{ field: 'listenPath', message: `nests with "${other.name}" (${other.listenPath})` }],
      );
    }
  }

  private record(actor: AdminActor, action: string, targetId: string, meta: Record<string, unknown>): void {
    this.deps.audit.record({ actorId: actor.id, action, targetType: 'api', targetId, meta, ip: actor.ip });
  }
}
