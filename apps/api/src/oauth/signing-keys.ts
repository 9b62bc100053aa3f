import { createPrivateKey, createPublicKey, type JsonWebKey } from 'node:crypto';
import type { AccessTokenClaims, PublicJwk } from '@portico/contracts';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  jwtVerify,
} from 'jose';
import { uuidv7 } from '../lib/uuid-v7.js';
import { type SigningKey, signInThreadPool } from './signature-worker.js';

/** ES256 by default (small keys and signatures, RFC 9068 §2.1 only requires RS256 *support*). */
export const SIGNING_ALGORITHMS = ['ES256', 'RS256'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

export const isSigningAlgorithm = (value: string): value is SigningAlgorithm =>
  (SIGNING_ALGORITHMS as readonly string[]).includes(value);

/** A key as persisted in `signing_keys`. */
export interface SigningKeyMaterial {
  kid: string;
  alg: SigningAlgorithm;
  privateJwk: JWK;
  publicJwk: JWK;
}

/**
 * Generates a key pair with jose and names it by its RFC 7638 thumbprint, so the `kid` is stable,
 * unique and derivable from the public key alone.
 */
export async function generateSigningKey(alg: SigningAlgorithm): Promise<SigningKeyMaterial> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, modulusLength: 2048 });
  const privateJwk = await exportJWK(privateKey);
  const exportedPublic = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(exportedPublic);
  const publicJwk: JWK = { ...exportedPublic, kid, alg, use: 'sig' };
  return { kid, alg, privateJwk: { ...privateJwk, kid, alg, use: 'sig' }, publicJwk };
}

/** The public half as published in the JWKS (RFC 7517 §4), with only the members clients need. */
export function toPublicJwk(material: Pick<SigningKeyMaterial, 'kid' | 'alg' | 'publicJwk'>): PublicJwk {
  const { kty, crv, x, y, n, e } = material.publicJwk;
  const jwk: PublicJwk = { kty: kty ?? '', kid: material.kid, use: 'sig', alg: material.alg };
  if (crv !== undefined) jwk.crv = crv;
  if (x !== undefined) jwk.x = x;
  if (y !== undefined) jwk.y = y;
  if (n !== undefined) jwk.n = n;
  if (e !== undefined) jwk.e = e;
  return jwk;
}

const b64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/** Makes the base64url JWS signature of a signing input with a key (see `signature-worker.ts`). */
export type SignatureBackend = (key: SigningKey, input: string) => Promise<string>;

/**
 * Signs RFC 9068 access tokens with one key. The key is imported once into a Node `KeyObject` and the
 * protected header is encoded once; the signature itself comes from `backend`: the server's
 * `SignatureWorker`, or by default the thread-pool form of `crypto.sign`.
 */
export class AccessTokenSigner {
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly #key: SigningKey;
  readonly #header: string;

  constructor(
    material: SigningKeyMaterial,
    private readonly backend: SignatureBackend = signInThreadPool,
  ) {
    this.kid = material.kid;
    this.alg = material.alg;
    this.#key = {
      kid: material.kid,
      alg: material.alg,
      key: createPrivateKey({ key: material.privateJwk as JsonWebKey, format: 'jwk' }),
    };
    // RFC 9068 §2.1: `typ` MUST be `at+jwt`.
    this.#header = b64url(JSON.stringify({ alg: this.alg, typ: 'at+jwt', kid: this.kid }));
  }

  async sign(claims: AccessTokenClaims): Promise<string> {
    const input = `${this.#header}.${b64url(JSON.stringify(claims))}`;
    return `${input}.${await this.backend(this.#key, input)}`;
  }
}

/**
 * A fresh `jti` (RFC 9068 §2.2, RFC 7519 §4.1.7): a UUID v7, so the `access_tokens` primary key
 * grows in order (cheap inserts at the token endpoint's rate).
 */
export const newJti = (): string => uuidv7();

/** Checks a published public key can be imported (used when loading rows written by another process). */
export function assertUsablePublicJwk(jwk: JWK): void {
  createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
}

/**
 * Verifies an access token against the published keys (signature, `typ`, issuer, expiry). Used by
 * introspection; returns `null` for anything that does not verify so callers answer `active: false`.
 */
export async function verifyAccessToken(
  token: string,
  keys: readonly PublicJwk[],
  issuer: string,
): Promise<(JWTPayload & Partial<AccessTokenClaims>) | null> {
  try {
    const jwks = createLocalJWKSet({ keys: keys as JWK[] });
    const { payload } = await jwtVerify(token, jwks, {
      issuer,
      typ: 'at+jwt',
      algorithms: [...SIGNING_ALGORITHMS],
    });
    return payload as JWTPayload & Partial<AccessTokenClaims>;
  } catch {
    return null;
  }
}
