import { randomBytes } from 'node:crypto';
import {
  APP_TYPE_PROFILES,
  type AppType,
  CLIENT_APIS_MAX,
  CLIENT_ID_PREFIX,
  type ClientApi,
  type ClientApiChange,
  type ClientCredentials,
  type ClientSecretInfo,
  type ClientSecretList,
  type CompleteClientBody,
  clientDetailsErrors,
  type DeleteClientResult,
  displayNameProblem,
  displayTextProblem,
  type FieldError,
  type GracePeriod,
  type GrantType,
  grantTypesFor,
  isConfidential,
  type OAuthClient,
  type OAuthClientList,
  type OAuthClientSummary,
  type RevokeTokensResponse,
  type RotateSecretResult,
  redirectUriFieldErrors,
  type TokenSummary,
  type UpdateClientBody,
} from '@portico/contracts';
import type { Config } from '../config.js';
import { badRequest, conflict, notFound } from '../lib/errors.js';
import { apiAudience } from '../oauth/scopes.js';
import type {
  ClientPatch,
  ClientRecord,
  ClientsRepository,
  SubscriptionRef,
} from '../repositories/clients.js';
import type { Repositories } from '../repositories/index.js';
import type { CatalogueEntryView, PortalCatalogueRepository } from '../repositories/portal-catalogue.js';
import type { TokensRepository } from '../repositories/tokens.js';
import type { AuditService } from './audit.js';
import { ClientSecretsService } from './client-secrets.js';
import { entryScopes, PortalCatalogueService, policyLimits } from './portal-catalogue.js';

/** Who is acting: the signed-in developer (and where from, for the audit log). */
export interface Actor {
  id: string;
  ip?: string | undefined;
}

export interface ClientsServiceDeps {
  clients: ClientsRepository;
  catalogue: PortalCatalogueRepository;
  tokens: TokensRepository;
  secrets: ClientSecretsService;
  audit: AuditService;
  /** Public origin; token audiences are derived from it (see `apiAudience`). */
  issuer: string;
  clock?: () => Date;
}

const GRANT_LABELS: Record<GrantType, string> = {
  authorization_code: 'authorization code',
  client_credentials: 'client credentials',
  refresh_token: 'refresh token',
};

const NOT_FOUND = 'OAuth client not found.';

/**
 * Clients one developer may have, drafts included. Far above what an application team needs, and it
 * keeps a developer's lists (which are not paginated) and the work of deactivating them bounded.
 */
export const MAX_CLIENTS_PER_DEVELOPER = 100;

/** `pc_` + 128 random bits: public, but unguessable so ids cannot be enumerated. */
export const generateClientId = (): string => `${CLIENT_ID_PREFIX}${randomBytes(16).toString('base64url')}`;

/**
 * The portal's OAuth client lifecycle: draft (APIs selected) → complete (details, credentials once)
 * → managed (details, APIs, secrets, tokens) → deleted. Every method takes the acting developer and
 * answers 404 for clients that are not theirs (never 403, so ids cannot be probed).
 */
export class ClientsService {
  private readonly clock: () => Date;

  constructor(private readonly deps: ClientsServiceDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  // -------------------------------------------------------------------------------------------
  // Reads

  list(ownerId: string): OAuthClientList {
    return { items: this.deps.clients.listForOwner(ownerId).map(toSummary) };
  }

  get(ownerId: string, id: string): OAuthClient {
    return this.toDto(this.load(ownerId, id));
  }

  // -------------------------------------------------------------------------------------------
  // Wizard

  /** Step "Select APIs": a draft that a reload (or "Continue setup") resumes. */
  createDraft(actor: Actor, catalogueEntryIds: readonly string[]): OAuthClient {
    const views = this.selectableEntries(catalogueEntryIds, 'catalogueEntryIds');
    this.checkLimits(actor.id, views, 'catalogueEntryIds');
    if (this.deps.clients.countLiveOwnedBy(actor.id) >= MAX_CLIENTS_PER_DEVELOPER) {
      throw conflict(
        `You have ${MAX_CLIENTS_PER_DEVELOPER} OAuth clients (drafts included), the most one developer may have. Delete one you no longer use first.`,
      );
    }
    const record = this.deps.clients.transaction(() => {
      const created = this.deps.clients.createDraft({
        ownerId: actor.id,
        clientId: generateClientId(),
        // A draft has no app type yet; "Web application" is the wizard's default choice.
        appType: 'web',
        grantTypes: grantTypesFor('web'),
        catalogueEntryIds,
      });
      this.audit(actor, 'client.created', created.id, { catalogueEntryIds });
      return created;
    });
    return this.toDto(record);
  }

  update(actor: Actor, id: string, body: UpdateClientBody): OAuthClient {
    const client = this.load(actor.id, id);
    const patch: ClientPatch = {};
    const errors: FieldError[] = [];

    if (body.catalogueEntryIds !== undefined) {
      if (client.status !== 'draft') {
        throw badRequest('Add or remove the APIs of a set-up client one at a time.', [
          { field: 'catalogueEntryIds', message: 'Only a draft takes a new list of APIs.' },
        ]);
      }
      const views = this.selectableEntries(body.catalogueEntryIds, 'catalogueEntryIds');
      this.checkLimits(actor.id, views, 'catalogueEntryIds');
    }
    if (body.name !== undefined) {
      const name = body.name.trim();
      const problem = displayNameProblem(name);
      if (problem !== undefined) errors.push({ field: 'name', message: problem });
      else patch.name = name;
    }
    if (body.description !== undefined) {
      const description = body.description.trim();
      const problem = displayTextProblem(description);
      if (problem !== undefined) errors.push({ field: 'description', message: problem });
      else patch.description = description;
    }
    if (body.appType !== undefined) {
      if (client.status !== 'draft') {
        throw badRequest('The app type of a set-up client cannot change.', [
          { field: 'appType', message: 'Only a draft takes another app type; create a new client instead.' },
        ]);
      }
      // Kept for the wizard; whether the draft's APIs allow it is checked when it is completed.
      patch.appType = body.appType;
      patch.grantTypes = grantTypesFor(body.appType);
    }
    if (body.redirectUris !== undefined) {
      // A draft's app type is not settled yet, so only the per-URL and list rules apply to it.
      const presence =
        client.status === 'draft' ? 'optional' : APP_TYPE_PROFILES[client.appType].redirectUris;
      errors.push(...redirectUriFieldErrors(body.redirectUris, { presence }));
      patch.redirectUris = body.redirectUris;
    }
    if (errors.length > 0) throw badRequest('Check the highlighted fields.', errors);
    // A draft's name is only saved for later (the wizard's Back): it is checked when it is completed.
    if (patch.name !== undefined && client.status !== 'draft')
      this.checkNameFree(actor.id, patch.name, client.id);

    this.deps.clients.transaction(() => {
      this.deps.clients.update(client.id, patch);
      if (body.catalogueEntryIds !== undefined) {
        this.deps.clients.replaceSubscriptions(
          client.id,
          body.catalogueEntryIds.map((catalogueEntryId) => ({ catalogueEntryId, status: 'active' as const })),
        );
      }
      this.audit(actor, 'client.updated', client.id, { fields: Object.keys(body) });
    });
    return this.toDto(this.load(actor.id, id));
  }

  /**
   * Step "Application details": the draft becomes a real client. Returns the credentials — the only
   * response that ever contains the secret.
   */
  complete(actor: Actor, id: string, body: CompleteClientBody): ClientCredentials {
    const client = this.load(actor.id, id);
    if (client.status !== 'draft') throw conflict('This OAuth client is already set up.');

    const name = body.name.trim();
    const description = (body.description ?? '').trim();
    const errors = clientDetailsErrors({
      name,
      description,
      appType: body.appType,
      redirectUris: body.redirectUris,
    });
    if (errors.length > 0) throw badRequest('Check the highlighted fields.', errors);
    this.checkNameFree(actor.id, name, client.id);

    const entryIds = client.subscriptions.map((s) => s.catalogueEntryId);
    if (entryIds.length === 0) {
      throw badRequest('Select at least one API first.', [
        { field: 'catalogueEntryIds', message: 'Select an API.' },
      ]);
    }
    const views = this.selectableEntries(entryIds, 'catalogueEntryIds');
    this.checkLimits(actor.id, views, 'catalogueEntryIds', client.id);
    this.checkGrantSupport(views, body.appType, 'appType');

    // Manual-approval entries wait for an administrator; the client is pending until they have.
    const subscriptions: SubscriptionRef[] = views.map((view) => ({
      catalogueEntryId: view.id,
      status: view.approval === 'manual' ? 'pending' : 'active',
    }));
    const status = subscriptions.some((s) => s.status === 'pending') ? 'pending' : 'active';

    const secret = this.deps.clients.transaction(() => {
      this.deps.clients.update(client.id, {
        name,
        description,
        appType: body.appType,
        grantTypes: grantTypesFor(body.appType),
        status,
        redirectUris: body.redirectUris,
      });
      this.deps.clients.replaceSubscriptions(client.id, subscriptions);
      const issued = isConfidential(body.appType) ? this.deps.secrets.issue(client.id) : null;
      this.audit(actor, 'client.completed', client.id, {
        status,
        appType: body.appType,
        secretId: issued?.info.id,
      });
      return issued;
    });

    const dto = this.toDto(this.load(actor.id, id));
    return { client: dto, clientId: dto.clientId, clientSecret: secret?.secret ?? null };
  }

  // -------------------------------------------------------------------------------------------
  // APIs of a client

  addApi(actor: Actor, id: string, catalogueEntryId: string): ClientApiChange {
    const client = this.load(actor.id, id);
    // A rejected client stays rejected: an API added now would put it back in the approval queue,
    // whose decision would overwrite the rejection and its reason.
    if (client.status === 'rejected') {
      throw conflict('This client was rejected by an administrator; create a new client instead.');
    }
    if (client.subscriptions.some((s) => s.catalogueEntryId === catalogueEntryId)) {
      throw conflict('This client already uses that API.', [
        { field: 'catalogueEntryId', message: 'Already added to this client.' },
      ]);
    }
    // The same bound the schema puts on a whole list (`CatalogueEntryIds`), for lists grown one by one.
    if (client.subscriptions.length >= CLIENT_APIS_MAX) {
      throw badRequest(`An OAuth client can use at most ${CLIENT_APIS_MAX} APIs.`, [
        {
          field: 'catalogueEntryId',
          message: `This client already uses ${CLIENT_APIS_MAX} APIs. Remove one first, or create another client.`,
        },
      ]);
    }
    const views = this.selectableEntries([catalogueEntryId], 'catalogueEntryId');
    const view = views[0]!;
    if (client.status !== 'draft') {
      this.checkLimits(actor.id, views, 'catalogueEntryId', client.id);
      this.checkGrantSupport(views, client.appType, 'catalogueEntryId');
    }
    // A manual entry added later waits for approval on its own; the client's other APIs keep working.
    const status = client.status !== 'draft' && view.approval === 'manual' ? 'pending' : 'active';
    this.deps.clients.transaction(() => {
      this.deps.clients.addSubscription(client.id, catalogueEntryId, status);
      this.audit(actor, 'client.api_added', client.id, { catalogueEntryId, status });
    });
    return { client: this.toDto(this.load(actor.id, id)), revokedTokens: 0 };
  }

  /** Removing an API revokes the tokens that covered it, unless another remaining entry still grants that API. */
  removeApi(actor: Actor, id: string, catalogueEntryId: string): ClientApiChange {
    const client = this.load(actor.id, id);
    const subscription = client.subscriptions.find((s) => s.catalogueEntryId === catalogueEntryId);
    if (!subscription) throw notFound('This client does not use that API.');
    if (client.subscriptions.length === 1) {
      throw conflict('An OAuth client needs at least one API. Delete the client instead.');
    }
    const [removed] = this.deps.catalogue.findByIds([catalogueEntryId]);
    const remaining = this.deps.catalogue.findByIds(
      client.subscriptions
        .filter((s) => s.catalogueEntryId !== catalogueEntryId)
        .map((s) => s.catalogueEntryId),
    );
    const now = this.clock();
    const revokedTokens = this.deps.clients.transaction(() => {
      this.deps.clients.removeSubscription(client.id, catalogueEntryId);
      // The last pending API gone: nothing is waiting for approval any more.
      if (client.status === 'pending') {
        const stillPending = client.subscriptions.some(
          (s) => s.catalogueEntryId !== catalogueEntryId && s.status === 'pending',
        );
        if (!stillPending) this.deps.clients.update(client.id, { status: 'active' });
      }
      const revoked =
        !removed || remaining.some((view) => view.api.id === removed.api.id)
          ? 0
          : this.deps.tokens.revokeForClientAudience(
              client.id,
              { id: removed.api.id, audience: apiAudience(this.deps.issuer, removed.api.listenPath) },
              now,
            );
      this.audit(actor, 'client.api_removed', client.id, { catalogueEntryId, revokedTokens: revoked });
      return revoked;
    });
    return { client: this.toDto(this.load(actor.id, id)), revokedTokens };
  }

  // -------------------------------------------------------------------------------------------
  // Secrets

  listSecrets(ownerId: string, id: string): ClientSecretList {
    const client = this.load(ownerId, id);
    return { items: this.deps.secrets.list(client.id) };
  }

  rotateSecret(actor: Actor, id: string, gracePeriod: GracePeriod): RotateSecretResult {
    const client = this.load(actor.id, id);
    this.requireSecretHolder(client);
    // One transaction with its audit event: a rotation that is not answered must not have happened,
    // or "Immediately" would lock the client out with a secret nobody saw.
    const { info, secret } = this.deps.clients.transaction(() => {
      const rotated = this.deps.secrets.rotate(client.id, gracePeriod);
      this.audit(actor, 'client.secret_rotated', client.id, { secretId: rotated.info.id, gracePeriod });
      return rotated;
    });
    return { secret: info, clientSecret: secret, secrets: this.deps.secrets.list(client.id) };
  }

  revokeSecret(actor: Actor, id: string, secretId: string): ClientSecretInfo {
    const client = this.load(actor.id, id);
    return this.deps.clients.transaction(() => {
      const info = this.deps.secrets.revoke(client.id, secretId);
      if (!info) throw notFound('Secret not found.');
      this.audit(actor, 'client.secret_revoked', client.id, { secretId });
      return info;
    });
  }

  // -------------------------------------------------------------------------------------------
  // Tokens

  tokenSummary(ownerId: string, id: string): TokenSummary {
    const client = this.load(ownerId, id);
    const counts = this.deps.tokens.countActiveForClient(client.id, this.clock());
    return { active: counts.accessTokens + counts.refreshTokens, ...counts };
  }

  revokeAllTokens(actor: Actor, id: string): RevokeTokensResponse {
    const client = this.load(actor.id, id);
    const revoked = this.deps.clients.transaction(() => {
      const count = this.deps.tokens.revokeAllForClient(client.id, this.clock());
      this.audit(actor, 'client.tokens_revoked', client.id, { revoked: count });
      return count;
    });
    return { revoked };
  }

  // -------------------------------------------------------------------------------------------
  // Delete

  /** Deletes a client after the developer typed its name; every token and secret stops working at once. */
  delete(actor: Actor, id: string, confirmName: string): DeleteClientResult {
    const client = this.load(actor.id, id);
    if (confirmName !== client.name) {
      throw badRequest('Type the name of the client to confirm.', [
        { field: 'confirmName', message: `Type "${client.name}" exactly to confirm.` },
      ]);
    }
    const now = this.clock();
    const revokedTokens = this.deps.clients.transaction(() => {
      const revoked = this.deps.tokens.revokeAllForClient(client.id, now);
      this.deps.secrets.revokeAll(client.id);
      this.deps.clients.softDelete(client.id, now);
      this.audit(actor, 'client.deleted', client.id, { name: client.name, revokedTokens: revoked });
      return revoked;
    });
    return { deleted: true, revokedTokens };
  }

  // -------------------------------------------------------------------------------------------
  // Rules

  private load(ownerId: string, id: string): ClientRecord {
    const client = this.deps.clients.findForOwner(id, ownerId);
    if (!client) throw notFound(NOT_FOUND);
    return client;
  }

  /** Only public catalogue entries whose API uses OAuth 2.0 (and is switched on) can back a client. */
  private selectableEntries(ids: readonly string[], field: string): CatalogueEntryView[] {
    const views = new Map(this.deps.catalogue.findByIds(ids).map((view) => [view.id, view]));
    const errors: FieldError[] = [];
    const selected: CatalogueEntryView[] = [];
    ids.forEach((id, index) => {
      const at = ids.length === 1 && !field.endsWith('s') ? field : `${field}/${index}`;
      const view = views.get(id);
      if (view?.visibility !== 'public' || !view.api.active || !view.policy.active) {
        errors.push({ field: at, message: 'This API is not in the catalogue.' });
      } else if (view.api.authMode !== 'oauth2') {
        errors.push({
          field: at,
          message: `${view.name} does not use OAuth 2.0, so an OAuth client cannot use it.`,
        });
      } else {
        selected.push(view);
      }
    });
    if (errors.length > 0) {
      throw badRequest(
        errors.length === 1 ? errors[0]!.message : 'Some selected APIs cannot be used by an OAuth client.',
        errors,
      );
    }
    return selected;
  }

  /** Tyk's `oauth_usage_limit`: how many set-up clients one developer may have per catalogue entry. */
  private checkLimits(
    ownerId: string,
    views: readonly CatalogueEntryView[],
    field: string,
    exceptClientId?: string,
  ) {
    const errors: FieldError[] = [];
    views.forEach((view, index) => {
      const max = view.maxClientsPerDeveloper;
      if (max === null) return;
      const used = this.deps.clients.countUsingEntry(ownerId, view.id, exceptClientId);
      if (used >= max) {
        errors.push({
          field: views.length === 1 && !field.endsWith('s') ? field : `${field}/${index}`,
          message: `${view.name} allows at most ${max} OAuth ${max === 1 ? 'client' : 'clients'} per developer, and you already have ${used}.`,
        });
      }
    });
    if (errors.length > 0) throw conflict(errors.map((e) => e.message).join(' '), errors);
  }

  /** Each API must accept the grant this kind of client uses, or its credentials could never get a token. */
  private checkGrantSupport(views: readonly CatalogueEntryView[], appType: AppType, field: string) {
    const profile = APP_TYPE_PROFILES[appType];
    const unsupported = views.filter((view) => !view.api.grantTypes.includes(profile.primaryGrant));
    if (unsupported.length === 0) return;
    const names = unsupported.map((view) => view.name).join(', ');
    throw badRequest(
      `${names} ${unsupported.length === 1 ? 'does' : 'do'} not allow the ${GRANT_LABELS[profile.primaryGrant]} flow that a ${profile.label} uses.`,
      [
        {
          field,
          message: `${names} ${unsupported.length === 1 ? 'does' : 'do'} not allow the ${GRANT_LABELS[profile.primaryGrant]} flow. Choose another app type or remove the API.`,
        },
      ],
    );
  }

  private checkNameFree(ownerId: string, name: string, exceptId: string) {
    if (this.deps.clients.nameTaken(ownerId, name, exceptId)) {
      throw conflict('You already have an OAuth client with this name.', [
        { field: 'name', message: `You already have an OAuth client called "${name}". Choose another name.` },
      ]);
    }
  }

  private requireSecretHolder(client: ClientRecord) {
    if (client.status === 'draft') throw conflict('Finish setting up the client first.');
    if (!isConfidential(client.appType)) {
      throw conflict(`A ${APP_TYPE_PROFILES[client.appType].label} is a public client and has no secret.`);
    }
  }

  private audit(actor: Actor, action: string, clientId: string, meta?: Record<string, unknown>) {
    this.deps.audit.record({
      actorId: actor.id,
      action,
      targetType: 'oauth_client',
      targetId: clientId,
      ...(meta ? { meta } : {}),
      ...(actor.ip ? { ip: actor.ip } : {}),
    });
  }

  private toDto(record: ClientRecord): OAuthClient {
    const views = new Map(
      this.deps.catalogue
        .findByIds(record.subscriptions.map((s) => s.catalogueEntryId))
        .map((v) => [v.id, v]),
    );
    const apis: ClientApi[] = [];
    for (const subscription of record.subscriptions) {
      const view = views.get(subscription.catalogueEntryId);
      if (!view) continue;
      apis.push({
        catalogueEntryId: view.id,
        name: view.name,
        apiId: view.api.id,
        apiName: view.api.name,
        authMode: view.api.authMode,
        approval: view.approval,
        status: subscription.status,
        limits: policyLimits(view),
        scopes: entryScopes(view).map((scope) => scope.name),
      });
    }
    return {
      id: record.id,
      clientId: record.clientId,
      name: record.name,
      description: record.description,
      appType: record.appType,
      confidential: isConfidential(record.appType),
      grantTypes: record.grantTypes,
      redirectUris: record.redirectUris,
      status: record.status,
      rejectionReason: record.rejectionReason,
      apis,
      createdAt: record.createdAt.toISOString(),
      updatedAt: record.updatedAt.toISOString(),
    };
  }
}

function toSummary(record: ClientRecord): OAuthClientSummary {
  return {
    id: record.id,
    clientId: record.clientId,
    name: record.name,
    appType: record.appType,
    status: record.status,
    apis: record.subscriptions.map((s) => ({
      catalogueEntryId: s.catalogueEntryId,
      name: s.entryName,
      status: s.status,
    })),
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

/** The portal's client and catalogue services, spread into `app.services` by `createServices`. */
export function createClientServices(
  repos: Pick<Repositories, 'clients' | 'clientSecrets' | 'tokens' | 'portalCatalogue'>,
  config: Pick<Config, 'issuer'>,
  audit: AuditService,
) {
  const clientSecrets = new ClientSecretsService(repos.clientSecrets);
  return {
    clientSecrets,
    clients: new ClientsService({
      clients: repos.clients,
      catalogue: repos.portalCatalogue,
      tokens: repos.tokens,
      secrets: clientSecrets,
      audit,
      issuer: config.issuer,
    }),
    portalCatalogue: new PortalCatalogueService(repos.portalCatalogue),
  };
}
