import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RetentionConfig } from '../config.js';
import type { RetentionRepository } from '../repositories/retention.js';
import type { AuditService } from './audit.js';

export interface RetentionPolicy {
  /**
   * How long expired access and refresh tokens, authorization codes, consent requests and sessions
   * are kept. A replayed code still revokes its grant during this time (RFC 6749 §4.1.2).
   */
  expiredGraceMs: number;
  /** Audit events older than this are deleted; null keeps them forever. */
  auditMaxAgeMs: number | null;
  /** Rows per delete statement. The sweep yields to the event loop between statements. */
  chunkSize: number;
}

const SWEPT = [
  'accessTokens',
  'refreshTokens',
  'authorizationCodes',
  'authorizationRequests',
  'sessions',
  'auditEvents',
] as const;
export type SweepCounts = Record<(typeof SWEPT)[number], number>;

/**
 * Deletes what is past its use, so the tables the token endpoint appends to (one access token and one
 * audit event per token) stop growing with traffic. Expired rows are only kept for `expiredGraceMs`;
 * audit events for `auditMaxAgeMs`. Runs in chunks: a large backlog never blocks the event loop for
 * longer than one chunk, and `stop()` ends a sweep between two chunks.
 */
export class RetentionService {
  #stopped = false;

  constructor(
    private readonly repo: RetentionRepository,
    private readonly audit: AuditService,
    private readonly policy: RetentionPolicy,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async sweep(): Promise<SweepCounts> {
    const now = this.clock().getTime();
    const expiredBefore = new Date(now - this.policy.expiredGraceMs);
    const auditBefore = this.policy.auditMaxAgeMs === null ? null : new Date(now - this.policy.auditMaxAgeMs);
    const cutoff = (kind: keyof SweepCounts) => (kind === 'auditEvents' ? auditBefore : expiredBefore);
    const counts = Object.fromEntries(SWEPT.map((kind) => [kind, 0])) as SweepCounts;
    try {
      for (const kind of SWEPT) {
        const before = cutoff(kind);
        if (before === null) continue;
        for (;;) {
          if (this.#stopped) return counts;
          const deleted = this.repo[kind](before, this.policy.chunkSize);
          counts[kind] += deleted;
          if (deleted < this.policy.chunkSize) break;
          await nextTurn();
        }
      }
      return counts;
    } finally {
      // Deleting audit history is itself on the record, also when the sweep stopped or failed after.
      if (counts.auditEvents > 0) {
        this.audit.record({
          actorId: null,
          actorType: 'system',
          action: 'audit.events_expired',
          targetType: 'audit_log',
          meta: { deleted: counts.auditEvents, before: auditBefore?.toISOString() },
        });
      }
    }
  }

  /** Ends a running sweep before its next chunk; later sweeps do nothing. */
  stop(): void {
    this.#stopped = true;
  }
}

/** The service as the server and `db:sweep` run it. */
export function createRetentionService(
  repo: RetentionRepository,
  audit: AuditService,
  config: RetentionConfig,
): RetentionService {
  const { expiredGraceMs, auditMaxAgeMs } = config;
  return new RetentionService(repo, audit, { expiredGraceMs, auditMaxAgeMs, chunkSize: 2000 });
}
