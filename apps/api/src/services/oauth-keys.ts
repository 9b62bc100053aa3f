import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { PublicJwk } from '@portico/contracts';
import { SignatureWorker } from '../oauth/signature-worker.js';
import {
  AccessTokenSigner,
  generateSigningKey,
  isSigningAlgorithm,
  type SigningAlgorithm,
  type SigningKeyMaterial,
  toPublicJwk,
} from '../oauth/signing-keys.js';
import type { SigningKeyRow, SigningKeysRepository } from '../repositories/oauth-signing-keys.js';

export interface OAuthKeysOptions {
  /** Algorithm of the key generated on first start. */
  algorithm: SigningAlgorithm;
  /**
   * How long the server trusts its cached view of the keys. A rotation done by the CLI (another
   * process) takes effect within this time, and retired keys stay published this much longer.
   */
  reloadMs: number;
  clock?: () => number;
  /** Told when the signature worker fails (signing continues in the thread pool). */
  onSignatureWorkerError?: (message: string) => void;
}

function material(row: SigningKeyRow): SigningKeyMaterial {
  if (!isSigningAlgorithm(row.alg))
    throw new Error(`Unsupported signing algorithm "${row.alg}" for key ${row.kid}`);
  return { kid: row.kid, alg: row.alg, privateJwk: row.privateJwk, publicJwk: row.publicJwk };
}

/**
 * Generates and rotates the persisted signing keys. `rotateSigningKey` is what the
 * `pnpm --filter @portico/api keys:rotate` CLI runs; the server picks the new key up on its next reload.
 */
export async function rotateSigningKey(
  repo: SigningKeysRepository,
  algorithm: SigningAlgorithm,
  at: Date = new Date(),
): Promise<{ kid: string; retired: string[] }> {
  const key = await generateSigningKey(algorithm);
  const retired = repo.rotate(key, at);
  return { kid: key.kid, retired };
}

/**
 * The authorization server's view of its signing keys: the active signer (a prepared `KeyObject`,
 * so signing costs one `crypto.sign`), the published JWKS and public keys by `kid` for verifiers.
 * Everything is cached and re-read from the database at most every `reloadMs`.
 */
/** How often an unknown `kid` may make the key set be read again (a burst of forged kids costs one read a second). */
const UNKNOWN_KID_RELOAD_MS = 1_000;

export class OAuthKeysService {
  readonly #clock: () => number;
  #signer: AccessTokenSigner | undefined;
  #loadedAt = Number.NEGATIVE_INFINITY;
  #published: { keys: PublicJwk[]; objects: Map<string, KeyObject> } | undefined;
  #publishedAt = Number.NEGATIVE_INFINITY;
  /** When an unknown `kid` last made `publicKey` read the keys again. */
  #missReloadAt = Number.NEGATIVE_INFINITY;
  /** Started with the first signature; stopped by `close`. */
  readonly #signatures: SignatureWorker;

  constructor(
    private readonly repo: SigningKeysRepository,
    private readonly options: OAuthKeysOptions,
  ) {
    this.#clock = options.clock ?? Date.now;
    this.#signatures = new SignatureWorker(options.onSignatureWorkerError);
  }

  /** Stops the signature worker (on server shutdown). */
  close(): Promise<void> {
    return this.#signatures.close();
  }

  /** On start: makes sure an active key exists, generating one the first time (RFC 9068 needs a key). */
  async init(): Promise<void> {
    if (!this.repo.active()) {
      const key = await generateSigningKey(this.options.algorithm);
      this.repo.insertIfNone(key, new Date(this.#clock()));
    }
    this.reload();
  }

  /** Forgets the cached keys (after a rotation in this process, and in tests). */
  reload(): void {
    this.#loadedAt = Number.NEGATIVE_INFINITY;
    this.#publishedAt = Number.NEGATIVE_INFINITY;
    this.signer();
  }

  signer(): AccessTokenSigner {
    const now = this.#clock();
    if (this.#signer === undefined || now - this.#loadedAt >= this.options.reloadMs) {
      const row = this.repo.active();
      if (!row)
        throw new Error(
          'No active signing key: run the server once or `pnpm --filter @portico/api keys:rotate`.',
        );
      if (this.#signer?.kid !== row.kid) {
        this.#signer = new AccessTokenSigner(material(row), (key, input) =>
          this.#signatures.sign(key, input),
        );
        // Publish the new key before the first token it signs can reach a verifier.
        this.#publishedAt = Number.NEGATIVE_INFINITY;
      }
      this.#loadedAt = now;
    }
    return this.#signer;
  }

  async rotate(
    algorithm: SigningAlgorithm = this.options.algorithm,
  ): Promise<{ kid: string; retired: string[] }> {
    const result = await rotateSigningKey(this.repo, algorithm, new Date(this.#clock()));
    this.reload();
    return result;
  }

  #loadPublished() {
    const now = this.#clock();
    if (this.#published === undefined || now - this.#publishedAt >= this.options.reloadMs) {
      const rows = this.repo.published(new Date(now), this.options.reloadMs);
      const objects = new Map<string, KeyObject>();
      for (const row of rows)
        objects.set(row.kid, createPublicKey({ key: row.publicJwk as JsonWebKey, format: 'jwk' }));
      this.#published = { keys: rows.map((row) => toPublicJwk(material(row))), objects };
      this.#publishedAt = now;
    }
    return this.#published;
  }

  /** RFC 7517 JWK Set of every key a live token may have been signed with. */
  jwks(): PublicJwk[] {
    return this.#loadPublished().keys;
  }

  /**
   * A published public key by `kid` (the gateway's key resolver); null for unknown or withdrawn keys.
   * An unknown `kid` reads the keys again (at most once a second): another instance on the same
   * database may have rotated, and its tokens must not be refused until the next periodic reload.
   */
  publicKey(kid: string): KeyObject | null {
    const known = this.#loadPublished().objects.get(kid);
    if (known !== undefined) return known;
    const now = this.#clock();
    if (now - this.#missReloadAt < UNKNOWN_KID_RELOAD_MS) return null;
    this.#missReloadAt = now;
    this.#publishedAt = Number.NEGATIVE_INFINITY;
    return this.#loadPublished().objects.get(kid) ?? null;
  }
}
