import { createHash } from 'node:crypto';
import { CODE_VERIFIER_PATTERN } from '@portico/contracts';
import { safeEqual } from '../lib/crypto.js';

/** RFC 7636 §4.1: 43–128 unreserved characters. */
const VERIFIER = new RegExp(CODE_VERIFIER_PATTERN);
/** RFC 7636 §4.2: S256 challenge = BASE64URL(SHA-256(verifier)) = exactly 43 characters, no padding. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export const isValidCodeVerifier = (verifier: string): boolean => VERIFIER.test(verifier);
export const isValidS256Challenge = (challenge: string): boolean => S256_CHALLENGE.test(challenge);

export const s256Challenge = (verifier: string): string =>
  createHash('sha256').update(verifier, 'ascii').digest('base64url');

/** RFC 7636 §4.6, S256 only (RFC 9700 §2.1.1: `plain` is not offered). */
export function verifyS256(verifier: string, challenge: string): boolean {
  if (!isValidCodeVerifier(verifier)) return false;
  return safeEqual(s256Challenge(verifier), challenge);
}
