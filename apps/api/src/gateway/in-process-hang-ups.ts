/**
 * Lets an in-process caller of the gateway (Try it, through `app.inject`) hang up on its call.
 *
 * A real caller hangs up by closing its connection, which closes the gateway's response and ends the
 * upstream request. light-my-request cannot do that for a request whose body it has handed over, so
 * Try it names its call with a random id (`TRY_IT_CALL_HEADER`) and hangs up here instead: the gateway
 * destroys that call's response, as a closed connection would. A hang-up that comes before the gateway
 * took the call (while its token was checked) is remembered, and the call is ended when it arrives.
 *
 * Ids are random UUIDs known only to the caller that made them; the header goes no further than the
 * gateway (every incoming `x-portico-*` header is removed before the upstream), and an id nobody
 * registered or hung up on does nothing.
 */
export const TRY_IT_CALL_HEADER = 'x-portico-try-it-call';

/** Hang-ups whose call never arrived are forgotten after this long. */
const FORGET_AFTER_MS = 60_000;

export class InProcessHangUps {
  readonly #calls = new Map<string, () => void>();
  readonly #hungUp = new Map<string, number>();

  constructor(private readonly clock: () => number = Date.now) {}

  /**
   * The gateway took call `id`: `end` ends it (destroys its response). Ends it at once if its caller
   * already hung up. Returns the function that forgets the call once its response has closed.
   */
  take(id: string, end: () => void): () => void {
    if (this.#hungUp.delete(id)) {
      end();
      return () => {};
    }
    this.#calls.set(id, end);
    return () => this.#calls.delete(id);
  }

  /** The caller of `id` hangs up. */
  hangUp(id: string): void {
    const end = this.#calls.get(id);
    if (end !== undefined) {
      this.#calls.delete(id);
      end();
      return;
    }
    const now = this.clock();
    for (const [old, at] of this.#hungUp) if (now - at > FORGET_AFTER_MS) this.#hungUp.delete(old);
    this.#hungUp.set(id, now);
  }

  /** Calls and early hang-ups held (for tests). */
  get size(): number {
    return this.#calls.size + this.#hungUp.size;
  }
}
