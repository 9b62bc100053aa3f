import { type CryptoKey, exportJWK, generateKeyPair, importJWK, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from './clock.js';
import { type KeyResolver, TokenVerifier } from './token-verifier.js';

const ISSUER = 'https://portico.test';
type Keys = Awaited<ReturnType<typeof generateKeyPair>>;
let keys: Keys;
let otherKeys: Keys;

beforeAll(async () => {
  keys = await generateKeyPair('ES256');
  otherKeys = await generateKeyPair('ES256');
});

const claims = (nowSec: number) => ({
  client_id: 'cid',
  scope: 'read write',
  aud: ['https://portico.test/gw/payments'],
  sub: 'client:cid',
  jti: 'jti-1',
  iat: nowSec,
  exp: nowSec + 300,
});

async function sign(
  clock: () => number,
  overrides: { typ?: string; kid?: string; key?: Keys['privateKey']; claims?: Record<string, unknown> } = {},
) {
  const nowSec = Math.floor(clock() / 1000);
  return new SignJWT({ ...claims(nowSec), ...overrides.claims })
    .setProtectedHeader({ alg: 'ES256', typ: overrides.typ ?? 'at+jwt', kid: overrides.kid ?? 'k1' })
    .setIssuer(ISSUER)
    .sign(overrides.key ?? keys.privateKey);
}

function verifier(clock = manualClock(), resolveCalls: string[] = []) {
  const resolveKey: KeyResolver = async (kid) => {
    resolveCalls.push(kid);
    return kid === 'k1' ? (importJWK(await exportJWK(keys.publicKey), 'ES256') as Promise<CryptoKey>) : null;
  };
  return new TokenVerifier({ issuer: ISSUER, resolveKey, clock: clock });
}

describe('access token verification', () => {
  it('accepts a valid token and exposes the claims the gateway needs', async () => {
    const clock = manualClock(Date.now());
    const result = await verifier(clock).verify(await sign(clock));
    expect(result).toEqual({
      ok: true,
      token: {
        jti: 'jti-1',
        sub: 'client:cid',
        clientId: 'cid',
        aud: ['https://portico.test/gw/payments'],
        scopes: ['read', 'write'],
        expiresAt: (Math.floor(clock() / 1000) + 300) * 1000,
      },
    });
  });

  it('verifies the signature once per token and still enforces expiry on cache hits', async () => {
    const clock = manualClock(Date.now());
    const calls: string[] = [];
    const v = verifier(clock, calls);
    const token = await sign(clock);
    await Promise.all([v.verify(token), v.verify(token), v.verify(token)]);
    await v.verify(token);
    expect(calls).toEqual(['k1']);
    expect(v.cacheSize).toBe(1);
    clock.advance(301_000);
    expect(await v.verify(token)).toEqual({ ok: false, description: 'The access token expired.' });
    expect(v.cacheSize).toBe(0);
  });

  it.each([
    ['not a JWT', async () => 'abc', 'The access token is malformed.'],
    ['garbage parts', async () => 'a.b.c', 'The access token is malformed.'],
    [
      'wrong typ',
      async (c: () => number) => sign(c, { typ: 'JWT' }),
      'The token is not an access token (typ must be at+jwt).',
    ],
    [
      'unknown kid',
      async (c: () => number) => sign(c, { kid: 'nope' }),
      'The access token was signed with an unknown key.',
    ],
    [
      'bad signature',
      async (c: () => number) => sign(c, { key: otherKeys.privateKey }),
      'The access token signature is invalid.',
    ],
    [
      'other issuer',
      async (c: () => number) =>
        new SignJWT(claims(Math.floor(c() / 1000)))
          .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'k1' })
          .setIssuer('https://evil.test')
          .sign(keys.privateKey),
      'The access token was issued by another authorization server.',
    ],
    [
      'expired',
      async (c: () => number) => sign(c, { claims: { exp: Math.floor(c() / 1000) - 1 } }),
      'The access token expired.',
    ],
    [
      'no jti',
      async (c: () => number) => sign(c, { claims: { jti: undefined } }),
      'The access token lacks the jti claim.',
    ],
    [
      'no client_id',
      async (c: () => number) => sign(c, { claims: { client_id: undefined } }),
      'The access token lacks the client_id or scope claim.',
    ],
  ])('refuses %s', async (_name, make, description) => {
    const clock = manualClock(Date.now());
    expect(await verifier(clock).verify(await make(clock))).toEqual({ ok: false, description });
  });

  it('refuses alg none and HMAC even with a known kid', async () => {
    const clock = manualClock(Date.now());
    const v = verifier(clock);
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt', kid: 'k1' })).toString(
      'base64url',
    );
    const payload = Buffer.from(
      JSON.stringify({ ...claims(Math.floor(clock() / 1000)), iss: ISSUER }),
    ).toString('base64url');
    expect((await v.verify(`${header}.${payload}.x`)).ok).toBe(false);
    const hs = await new SignJWT(claims(Math.floor(clock() / 1000)))
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: 'k1' })
      .setIssuer(ISSUER)
      .sign(new TextEncoder().encode('x'.repeat(32)));
    expect((await v.verify(hs)).ok).toBe(false);
  });
});
