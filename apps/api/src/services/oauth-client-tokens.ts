import { CLIENT_SUBJECT_PREFIX, type ClientTokenList } from '@portico/contracts';
import { notFound } from '../lib/errors.js';
import type { ClientsRepository } from '../repositories/clients.js';
import type { OAuthGrantsRepository } from '../repositories/oauth-grants.js';
import type { TokensRepository } from '../repositories/tokens.js';
import type { AuditService } from './audit.js';

/** How many tokens of each kind the client page lists (the total is always reported). */
export const CLIENT_TOKENS_LIST_LIMIT = 100;

/**
 * The client page's tokens panel: the developer sees the working tokens of their own client and
 * can revoke one (a refresh token takes its whole grant with it, RFC 7009 §2.1).
 */
export class OAuthClientTokensService {
  constructor(
    private readonly clients: ClientsRepository,
    private readonly tokens: TokensRepository,
    private readonly grants: OAuthGrantsRepository,
    private readonly audit: AuditService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  list(ownerId: string, clientRowId: string): ClientTokenList {
    const client = this.clients.findForOwner(clientRowId, ownerId);
    if (!client) throw notFound('No such OAuth client.');
    const { access, refresh, total } = this.tokens.listActiveForClient(
      client.id,
      this.clock(),
      CLIENT_TOKENS_LIST_LIMIT,
    );
    const clientSubject = { kind: 'client' as const, id: client.clientId, label: client.name };
    const userSubject = (userId: string, userName: string | null) => ({
      kind: 'user' as const,
      id: userId,
      label: userName ?? userId,
    });
    const items: ClientTokenList['items'] = [
      ...access.map((token) => ({
        id: token.id,
        type: 'access_token' as const,
        subject:
          token.userId === null || token.subject.startsWith(CLIENT_SUBJECT_PREFIX)
            ? clientSubject
            : userSubject(token.userId, token.userName),
        scopes: token.scopes,
        issuedAt: token.issuedAt.toISOString(),
        expiresAt: token.expiresAt.toISOString(),
      })),
      ...refresh.map((token) => ({
        id: token.id,
        type: 'refresh_token' as const,
        subject: token.userId === null ? clientSubject : userSubject(token.userId, token.userName),
        scopes: token.scopes,
        issuedAt: token.issuedAt.toISOString(),
        expiresAt: token.expiresAt.toISOString(),
      })),
    ].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
    return { items, total };
  }

  /** Revokes one token of the developer's client; 404 for anything else (no probing of ids). */
  revoke(actor: { id: string; ip: string }, clientRowId: string, tokenId: string): void {
    const client = this.clients.findForOwner(clientRowId, actor.id);
    if (!client) throw notFound('No such OAuth client.');
    const at = this.clock();
    const access = this.grants.findAccessToken(tokenId);
    if (access && access.clientId === client.id) {
      if (access.revokedAt !== null || access.expiresAt <= at) throw notFound('No such active token.');
      this.grants.revokeAccessToken(access.jti, at);
      this.#record(actor, 'access_token', access.jti, client.clientId, {});
      return;
    }
    const refresh = this.tokens.findRefreshTokenById(tokenId);
    if (
      !refresh ||
      refresh.clientId !== client.id ||
      refresh.revokedAt !== null ||
      refresh.rotatedAt !== null
    ) {
      throw notFound('No such active token.');
    }
    const revoked = this.grants.revokeGrant(refresh.grantId, at);
    this.#record(actor, 'refresh_token', refresh.id, client.clientId, {
      grantId: refresh.grantId,
      ...revoked,
    });
  }

  #record(
    actor: { id: string; ip: string },
    targetType: 'access_token' | 'refresh_token',
    targetId: string,
    clientId: string,
    meta: Record<string, unknown>,
  ): void {
    this.audit.record({
      actorId: actor.id,
      action: 'oauth.token_revoked',
      targetType,
      targetId,
      meta: { clientId, via: 'client_page', ...meta },
      ip: actor.ip,
    });
  }
}
