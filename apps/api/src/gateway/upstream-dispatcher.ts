import { EventEmitter } from 'node:events';
import { rootCertificates } from 'node:tls';
import { Agent, type Dispatcher } from 'undici';

export interface UpstreamDispatcherOptions {
  /**
   * PEM certificates trusted for HTTPS upstreams in addition to Node's bundled roots (an internal
   * CA). Verification itself is never switched off.
   */
  extraCa?: string;
}

type RequestCallback<T> = (error: Error | null, data: Dispatcher.ResponseData<T>) => void;

/**
 * Aborts one upstream request. undici takes an EventEmitter with `aborted` and an `abort` event as a
 * signal: this costs the gateway next to nothing per request, where an AbortSignal's listener costs
 * ~3 µs to add and remove (EventTarget), 5% of a proxied request.
 */
export class UpstreamAbort extends EventEmitter {
  aborted = false;

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.emit('abort');
  }
}

/**
 * The gateway's HTTP client for upstreams, handed to @fastify/reply-from as its `undici` instance.
 * It exists for two things reply-from does not do on its own:
 *
 * - **Verify upstream certificates.** reply-from's own undici agent sets `rejectUnauthorized: false`
 *   unless told otherwise, so anyone on the path to an HTTPS upstream could read and change every
 *   proxied request, bearer identity headers included. This agent keeps Node's default (verify), with
 *   `extraCa` for upstreams behind an internal CA.
 * - **Stop an upstream request whose caller is gone.** reply-from takes no abort signal: a caller
 *   that hung up (or Try it, past its deadline) left the upstream request running until it answered
 *   or the gateway timeout (30 s) passed. The route hands each request's signal over with
 *   `withSignal()` around `reply.from()`, which calls `request()` synchronously (a test fails if it
 *   ever stops doing so).
 */
export class UpstreamDispatcher {
  readonly #agent: Agent;
  #signal: UpstreamAbort | undefined;

  constructor(options: UpstreamDispatcherOptions = {}) {
    this.#agent = new Agent({
      // reply-from's defaults for its own agent.
      connections: 128,
      pipelining: 1,
      ...(options.extraCa === undefined ? {} : { connect: { ca: [...rootCertificates, options.extraCa] } }),
    });
  }

  /** Runs `send` (which calls `reply.from()`) with `signal` as the signal of the request it makes. */
  withSignal(signal: UpstreamAbort, send: () => void): void {
    this.#signal = signal;
    try {
      send();
    } finally {
      // Never left for another caller's request.
      this.#signal = undefined;
    }
  }

  /** What reply-from calls, with undici's request options (origin, path, method, headers, body, timeouts). */
  request<T = null>(options: Dispatcher.RequestOptions<T>): Promise<Dispatcher.ResponseData<T>>;
  request<T = null>(options: Dispatcher.RequestOptions<T>, callback: RequestCallback<T>): void;
  request<T = null>(
    options: Dispatcher.RequestOptions<T>,
    callback?: RequestCallback<T>,
  ): Promise<Dispatcher.ResponseData<T>> | undefined {
    const signal = this.#signal;
    this.#signal = undefined;
    if (signal !== undefined) options.signal = signal;
    if (callback === undefined) return this.#agent.request(options);
    this.#agent.request(options, callback);
    return undefined;
  }

  /** Called by reply-from when the server closes. */
  destroy(): Promise<void> {
    return this.#agent.destroy();
  }
}
