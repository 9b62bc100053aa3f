/**
 * Group commit for the token endpoint. Every issued token is written (and audited) before its
 * response leaves, but a commit costs far more than the inserts it commits, so writes queued during
 * one turn of the event loop share one transaction: `run` queues a write and resolves once the
 * transaction holding it has committed. Writes must touch nothing but the database (they may be
 * replayed): if one fails, the batch is retried write by write, so only the failing request fails.
 * Not when the database was locked (another process held the write lock for the whole busy
 * timeout): every replay would wait as long again, on the event loop, so the batch fails at once.
 */
import { isDatabaseLocked } from '../db/client.js';

type Transaction = <T>(fn: () => T) => T;

interface Pending {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

export class WriteBatcher {
  #queue: Pending[] = [];
  #scheduled = false;

  constructor(
    /** Runs `fn` in one transaction (rolled back if `fn` throws). */
    private readonly transaction: Transaction,
    private readonly schedule: (flush: () => void) => void = setImmediate,
  ) {}

  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        this.schedule(() => this.flush());
      }
    });
  }

  /** Commits everything queued so far (normally called by the scheduler). */
  flush(): void {
    this.#scheduled = false;
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length === 0) return;
    let values: unknown[];
    try {
      values = this.transaction(() => batch.map((item) => item.write()));
    } catch (error) {
      if (isDatabaseLocked(error)) {
        for (const item of batch) item.reject(error);
        return;
      }
      // One write failed and the whole batch rolled back: replay each write in its own transaction,
      // so only the culprit's request fails. Writes are pure database work, so replaying is safe.
      for (const [index, item] of batch.entries()) {
        try {
          item.resolve(this.transaction(item.write));
        } catch (error) {
          item.reject(error);
          if (isDatabaseLocked(error)) {
            for (const rest of batch.slice(index + 1)) rest.reject(error);
            return;
          }
        }
      }
      return;
    }
    for (const [index, item] of batch.entries()) item.resolve(values[index]);
  }
}
