/**
 * PKCE (RFC 7636) for the ready-to-paste authorize URL on the credentials page: a real verifier and
 * its S256 challenge, computed in the browser with Web Crypto, so the example works as shown.
 */

const toBase64Url = (bytes: Uint8Array): string => {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** `bytes` random bytes as base64url: 32 bytes give a 43-character verifier (RFC 7636 §4.1 minimum). */
export function randomUrlSafe(bytes = 32): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** RFC 7636 §4.2: `code_challenge = BASE64URL(SHA256(ASCII(code_verifier)))`. */
export async function s256Challenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return toBase64Url(new Uint8Array(digest));
}

export interface PkcePair {
  verifier: string;
  challenge: string;
}

/**
 * Rejects where the browser has no `crypto.subtle`: only secure contexts (HTTPS, localhost) have it,
 * so a portal served over plain HTTP cannot compute the challenge.
 */
export async function createPkcePair(): Promise<PkcePair> {
  if (!globalThis.crypto?.subtle) throw new Error('Web Crypto needs a secure context (HTTPS)');
  const verifier = randomUrlSafe(32);
  return { verifier, challenge: await s256Challenge(verifier) };
}
