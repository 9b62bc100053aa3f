import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** URL-safe random token with `bytes` bytes of entropy (32 bytes = 256 bits). */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/**
 * SHA-256 hex. Enough for high-entropy random tokens; passwords use argon2id instead. The one-shot
 * `hash` is a third of `createHash().update().digest()`'s cost (the token endpoint hashes every secret).
 */
export const sha256 = (value: string): string => hash('sha256', value);

/** Constant-time string comparison (lengths are compared first, which only leaks the length). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
