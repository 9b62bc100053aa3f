import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  CLIENT_SECRET_PREFIX,
  type ClientSecretInfo,
  GRACE_PERIODS,
  type GracePeriod,
  type SecretStatus,
} from '@portico/contracts';
import { sha256 } from '../lib/crypto.js';
import { conflict } from '../lib/errors.js';
import type { ClientSecretRow, ClientSecretsRepository } from '../repositories/clients.js';

/**
 * Client secrets (RFC 6749 §2.3.1). A secret is `pcs_` + 40 random bytes in base64url (320 bits;
 * the displayed prefix reveals 36 of them, leaving well over 256). With that much entropy a fast
 * hash is as good as a slow one — nobody can brute-force 2^256 — so only SHA-256 is stored, and a
 * database leak yields nothing usable. The recognisable `pcs_` prefix lets secret scanners find
 * leaked secrets in code and logs.
 *
 * The authorization server authenticates clients with `matchClientSecret`, against its cached
 * snapshot of the client's working secrets.
 */

const SECRET_BYTES = 40;
/** `pcs_` + 6 characters: enough to tell two secrets apart on the client page. */
const DISPLAY_PREFIX_LENGTH = CLIENT_SECRET_PREFIX.length + 6;
/** At most two secrets work at once: the current one and the previous one during its grace period. */
export const MAX_ACTIVE_SECRETS = 2;
/** How stale `lastUsedAt` may get before a successful authentication updates it. */
const LAST_USED_PRECISION_MS = 60_000;

export interface GeneratedSecret {
  /** The secret itself: hand it to the developer once, never store it. */
  secret: string;
  hash: string;
  prefix: string;
}

export function generateClientSecret(): GeneratedSecret {
  const secret = `${CLIENT_SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64url')}`;
  return { secret, hash: hashClientSecret(secret), prefix: secret.slice(0, DISPLAY_PREFIX_LENGTH) };
}

export const hashClientSecret = (secret: string): string => sha256(secret);

export function secretStatus(row: ClientSecretRow, now: Date): SecretStatus {
  if (row.revokedAt !== null) return 'revoked';
  if (row.expiresAt !== null && row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

export function toSecretInfo(row: ClientSecretRow, now: Date): ClientSecretInfo {
  return {
    id: row.id,
    prefix: row.prefix,
    status: secretStatus(row, now),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/**
 * Checks `presented` against `candidates` in constant time: the presented secret is hashed once and
 * compared with every candidate hash with `timingSafeEqual`, without stopping at the first match, so
 * timing reveals neither which secret matched nor how much of a hash did. Only secrets that work at
 * `now` can match (the candidates may come from a cache loaded earlier, so expiry is checked here).
 * Records `lastUsedAt` (to the minute) on the secret that matched, in the database and on the row.
 */
export function matchClientSecret(
  repo: Pick<ClientSecretsRepository, 'touch'>,
  candidates: readonly ClientSecretRow[],
  presented: string,
  now: Date,
): ClientSecretRow | undefined {
  const presentedHash = Buffer.from(hashClientSecret(presented), 'hex');
  let matched: ClientSecretRow | undefined;
  for (const row of candidates) {
    const candidate = Buffer.from(row.hash, 'hex');
    const equal = candidate.length === presentedHash.length && timingSafeEqual(candidate, presentedHash);
    if (equal && !matched && secretStatus(row, now) === 'active') matched = row;
  }
  if (!matched) return undefined;
  // A busy client must not turn every token request into a write.
  if (matched.lastUsedAt === null || now.getTime() - matched.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    repo.touch(matched.id, now);
    matched.lastUsedAt = now;
  }
  return matched;
}

/** `matchClientSecret` against the client's working secrets as stored now. `clientRowId` is the row id. */
export function verifyClientSecret(
  repo: ClientSecretsRepository,
  clientRowId: string,
  presented: string,
  now: Date = new Date(),
): { secretId: string } | null {
  const matched = matchClientSecret(repo, repo.listActive(clientRowId, now), presented, now);
  return matched ? { secretId: matched.id } : null;
}

export class ClientSecretsService {
  constructor(
    private readonly repo: ClientSecretsRepository,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Every secret of a client (working, expired and revoked), newest first. */
  list(clientRowId: string): ClientSecretInfo[] {
    const now = this.clock();
    return this.repo.listForClient(clientRowId).map((row) => toSecretInfo(row, now));
  }

  /** The first secret of a confidential client, created when the wizard completes. */
  issue(clientRowId: string): { info: ClientSecretInfo; secret: string } {
    const now = this.clock();
    const generated = generateClientSecret();
    const row = this.repo.insert({
      clientId: clientRowId,
      hash: generated.hash,
      prefix: generated.prefix,
      createdAt: now,
    });
    return { info: toSecretInfo(row, now), secret: generated.secret };
  }

  /**
   * Issues a new secret and gives the current one `gracePeriod` before it stops working, so a
   * deployment can switch over without downtime. Refused while two secrets already work: the
   * developer revokes the older one first, rather than having it silently cut off here.
   */
  rotate(clientRowId: string, gracePeriod: GracePeriod): { info: ClientSecretInfo; secret: string } {
    return this.repo.transaction(() => {
      const now = this.clock();
      const active = this.repo.listActive(clientRowId, now);
      // At two, only "Immediately" (which ends both) may rotate: the way out for a leaked new secret.
      if (active.length >= MAX_ACTIVE_SECRETS && gracePeriod !== 'immediately') {
        throw conflict(
          'This client already has two active secrets. Revoke the older one first, or rotate with "Immediately" to replace both.',
        );
      }
      const graceEnd = new Date(now.getTime() + GRACE_PERIODS[gracePeriod].seconds * 1000);
      for (const row of active) {
        // Never extend a grace period that already ends sooner.
        if (row.expiresAt === null || row.expiresAt.getTime() > graceEnd.getTime())
          this.repo.setExpiry(row.id, graceEnd);
      }
      const generated = generateClientSecret();
      const row = this.repo.insert({
        clientId: clientRowId,
        hash: generated.hash,
        prefix: generated.prefix,
        createdAt: now,
      });
      return { info: toSecretInfo(row, now), secret: generated.secret };
    });
  }

  /**
   * Revokes one secret before its grace period ends. The client must keep a secret that does not
   * expire: neither the last working secret nor, during a rotation's grace period, the new secret
   * (the old one would lock the client out when it expires) can be revoked; rotating with
   * "Immediately" replaces a leaked one instead. Returns `undefined` when the secret does not belong
   * to the client.
   */
  revoke(clientRowId: string, secretId: string): ClientSecretInfo | undefined {
    return this.repo.transaction(() => {
      const now = this.clock();
      const row = this.repo.find(clientRowId, secretId);
      if (!row) return undefined;
      if (secretStatus(row, now) === 'active') {
        const active = this.repo.listActive(clientRowId, now);
        if (active.length <= 1) {
          throw conflict(
            'This is the only active secret of the client. Rotate it with "Immediately" to replace it instead.',
          );
        }
        const lasting = active.filter((secret) => secret.expiresAt === null);
        if (row.expiresAt === null && lasting.length <= 1) {
          throw conflict(
            'This is the current secret: the client would stop working when the other one expires. Revoke the expiring secret instead, or rotate with "Immediately" to replace both.',
          );
        }
        this.repo.revoke(row.id, now);
      }
      const updated = this.repo.find(clientRowId, secretId);
      return updated ? toSecretInfo(updated, now) : undefined;
    });
  }

  revokeAll(clientRowId: string): number {
    return this.repo.revokeAllForClient(clientRowId, this.clock());
  }
}
