import type { AccountConsentList } from '@portico/contracts';
import { notFound } from '../lib/errors.js';
import type { ConsentsRepository } from '../repositories/oauth-consents.js';
import type { OAuthGrantsRepository } from '../repositories/oauth-grants.js';
import type { AuditService } from './audit.js';

/** The account page's "apps you allowed": list and revoke (which also ends the app's access at once). */
export class OAuthConsentsService {
  constructor(
    private readonly consents: ConsentsRepository,
    private readonly grants: OAuthGrantsRepository,
    private readonly audit: AuditService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  list(userId: string): AccountConsentList {
    return {
      items: this.consents.listForUser(userId).map((consent) => ({
        id: consent.id,
        client: {
          clientId: consent.client.clientId,
          name: consent.client.name,
          description: consent.client.description,
          developerName: consent.client.developerName,
        },
        scopes: consent.scopes,
        apis: consent.apis,
        grantedAt: consent.grantedAt.toISOString(),
      })),
    };
  }

  /**
   * Withdraws consent: the next authorization asks again, and every token the app holds for this
   * user (access and refresh, through their grants) is revoked now.
   */
  revoke(userId: string, consentId: string, ip: string): void {
    const at = this.clock();
    this.grants.transaction(() => {
      const consent = this.consents.revoke(userId, consentId, at);
      if (!consent) throw notFound('No such consent.');
      const revoked = this.grants.revokeGrantsForUser(userId, consent.clientId, at);
      this.audit.record({
        actorId: userId,
        action: 'oauth.consent_revoked',
        targetType: 'consent',
        targetId: consent.id,
        meta: { clientRowId: consent.clientId, scopes: consent.scopes, apiIds: consent.apiIds, ...revoked },
        ip,
      });
    });
  }
}
