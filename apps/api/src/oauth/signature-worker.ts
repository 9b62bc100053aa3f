import { type KeyObject, sign } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * Signs JWS inputs on one dedicated worker thread. An ES256 signature costs ~20 µs of CPU. Signing on
 * the event loop spends that there; the callback form of `crypto.sign` moves it to libuv's pool, but
 * there several pool threads contend with the event loop for a small machine's cores, and the pool
 * is shared with password hashing and file reads (measured with bench/run.ts: the token endpoint did
 * ~15% more with one signing thread than with libuv's four).
 *
 * Each signature is posted to the worker at once (signatures queued by one callback travel together).
 * The worker signs what it has received, drains whatever arrived meanwhile before it answers, and
 * answers in batches of up to `REPLY_BATCH`, so a busy server pays one message per several tokens
 * while an idle one adds no delay. The worker answers in order.
 *
 * Should the worker fail, pending signatures are rejected (those requests answer 500; nothing was
 * written for them yet) and later ones are signed with the thread-pool `crypto.sign` instead.
 */
export interface SigningKey {
  kid: string;
  alg: 'ES256' | 'RS256';
  /** Private key; `KeyObject`s can be posted to a worker thread. */
  key: KeyObject;
}

interface Job {
  key: SigningKey;
  input: string;
  resolve: (signature: string) => void;
  reject: (error: Error) => void;
}

/** A signature, or why that one job failed (an unusable key). */
type WorkerReply = { results: (string | { error: string })[] };

/** Answered jobs are dropped from the front of `#pending` in chunks of this size. */
const COMPACT_AFTER = 1024;

// Plain CommonJS evaluated in the worker: no TypeScript loader needed under tsx or vitest.
const WORKER_SOURCE = `
const { parentPort, receiveMessageOnPort } = require('node:worker_threads');
const { sign } = require('node:crypto');
const REPLY_BATCH = 16;
const keys = new Map();
function signOne(kid, input) {
  try {
    const key = keys.get(kid);
    if (key === undefined) throw new Error('unknown signing key ' + kid);
    return sign('sha256', Buffer.from(input), key).toString('base64url');
  } catch (error) {
    return { error: String((error && error.message) || error) };
  }
}
parentPort.on('message', (first) => {
  let results = [];
  let message = first;
  while (message !== undefined) {
    for (const { kid, alg, key } of message.keys) {
      keys.set(kid, alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key);
    }
    for (const [kid, input] of message.jobs) results.push(signOne(kid, input));
    if (results.length >= REPLY_BATCH) {
      parentPort.postMessage({ results });
      results = [];
    }
    message = receiveMessageOnPort(parentPort)?.message;
  }
  if (results.length > 0) parentPort.postMessage({ results });
});
`;

/**
 * The base64url JWS signature of `input` with the thread-pool form of `crypto.sign`. JWS ES256
 * signatures are the raw r||s pair (RFC 7518 §3.4), not DER; RS256 is PKCS #1 v1.5.
 */
export function signInThreadPool({ alg, key }: SigningKey, input: string): Promise<string> {
  const options = alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' as const } : key;
  return new Promise((resolve, reject) => {
    sign('sha256', Buffer.from(input), options, (error, signature) => {
      if (error) reject(error);
      else resolve(signature.toString('base64url'));
    });
  });
}

export class SignatureWorker {
  #worker: Worker | undefined;
  #failed = false;
  /** Keys the worker has been given, by `kid`. */
  readonly #known = new Set<string>();
  /** Queued by the current callback, sent in a microtask. */
  #queue: Job[] = [];
  /** Sent and not answered yet, oldest first. */
  #pending: Job[] = [];
  #pendingStart = 0;

  constructor(private readonly onError: (message: string) => void = () => {}) {}

  /** The base64url JWS signature of `input` with `key` (RS256/ES256 over SHA-256). */
  sign(key: SigningKey, input: string): Promise<string> {
    if (this.#failed) return signInThreadPool(key, input);
    return new Promise((resolve, reject) => {
      if (this.#queue.length === 0) queueMicrotask(() => this.#send());
      this.#queue.push({ key, input, resolve, reject });
    });
  }

  /** Stops the worker; signatures still queued are made in the thread pool. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#failed = true;
    this.#fail(new Error('The signature worker was closed.'));
    if (worker) await worker.terminate();
  }

  #send(): void {
    const jobs = this.#queue;
    this.#queue = [];
    if (jobs.length === 0) return;
    if (this.#failed) {
      for (const job of jobs) signInThreadPool(job.key, job.input).then(job.resolve, job.reject);
      return;
    }
    const keys = jobs.map((job) => job.key).filter((key) => !this.#known.has(key.kid));
    try {
      const worker = this.#ensureWorker();
      worker.postMessage({ keys, jobs: jobs.map((job) => [job.key.kid, job.input]) });
      // Only pending signatures keep the process alive.
      if (this.#pendingStart === this.#pending.length) worker.ref();
    } catch (error) {
      // No thread, or a message that cannot be posted: sign in the thread pool from now on.
      this.#stop(error instanceof Error ? error.message : String(error));
      for (const job of jobs) signInThreadPool(job.key, job.input).then(job.resolve, job.reject);
      return;
    }
    for (const key of keys) this.#known.add(key.kid);
    this.#pending.push(...jobs);
  }

  #take(count: number): Job[] {
    const jobs = this.#pending.slice(this.#pendingStart, this.#pendingStart + count);
    this.#pendingStart += jobs.length;
    if (this.#pendingStart === this.#pending.length) {
      this.#pending = [];
      this.#pendingStart = 0;
      this.#worker?.unref();
    } else if (this.#pendingStart >= COMPACT_AFTER) {
      // Under constant load the queue never drains: drop what was answered.
      this.#pending = this.#pending.slice(this.#pendingStart);
      this.#pendingStart = 0;
    }
    return jobs;
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    worker.on('message', ({ results }: WorkerReply) => {
      const jobs = this.#take(results.length);
      for (const [index, job] of jobs.entries()) {
        const result = results[index];
        if (typeof result === 'string') job.resolve(result);
        else job.reject(new Error(`Signing failed: ${result?.error ?? 'no answer'}`));
      }
    });
    const crashed = (reason: string) => {
      if (this.#worker === worker) this.#stop(reason);
    };
    worker.on('error', (error) => crashed(error.message));
    worker.on('messageerror', (error) => crashed(`unreadable answer: ${error.message}`));
    worker.on('exit', (code) => crashed(`exit code ${code}`));
    this.#worker = worker;
    return worker;
  }

  /** After a failure: signatures in flight fail, later ones are made in the thread pool. */
  #stop(reason: string): void {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#failed = true;
    this.onError(reason);
    this.#fail(new Error(`The signature worker stopped: ${reason}`));
    void worker?.terminate();
  }

  /** Rejects every signature in flight. */
  #fail(error: Error): void {
    for (const job of this.#take(this.#pending.length - this.#pendingStart)) job.reject(error);
  }
}
