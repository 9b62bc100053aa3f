import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  AccessTokenSigner,
  generateSigningKey,
  newJti,
  toPublicJwk,
  verifyAccessToken,
} from './signing-keys.js';

const ISSUER = 'https://portico.example.com';

function claims() {
  const iat = Math.floor(Date.now() / 1000);
  return {
    iss: ISSUER,
    sub: 'user-1',
    aud: [`${ISSUER}/gw/payments`],
    client_id: 'client-1',
    scope: 'payments:read',
    iat,
    exp: iat + 600,
    jti: newJti(),
  };
}

describe.each(['ES256', 'RS256'] as const)('%s access tokens', (alg) => {
  it('signs RFC 9068 JWTs that jose verifies against the published key', async () => {
    const material = await generateSigningKey(alg);
    expect(material.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const jwk = toPublicJwk(material);
    expect(jwk).toMatchObject({ kid: material.kid, alg, use: 'sig' });
    expect(jwk).not.toHaveProperty('d');

    const token = await new AccessTokenSigner(material).sign(claims());
    expect(decodeProtectedHeader(token)).toEqual({ alg, typ: 'at+jwt', kid: material.kid });
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: [jwk] }), {
      issuer: ISSUER,
      audience: `${ISSUER}/gw/payments`,
      typ: 'at+jwt',
    });
    expect(payload).toMatchObject({ sub: 'user-1', client_id: 'client-1', scope: 'payments:read' });

    expect(await verifyAccessToken(token, [jwk], ISSUER)).toMatchObject({ sub: 'user-1' });
  });
});

describe('verifyAccessToken', () => {
  it('refuses tokens signed by an unpublished key, another issuer, expired or tampered', async () => {
    const published = await generateSigningKey('ES256');
    const other = await generateSigningKey('ES256');
    const keys = [toPublicJwk(published)];
    const signer = new AccessTokenSigner(published);

    expect(
      await verifyAccessToken(await new AccessTokenSigner(other).sign(claims()), keys, ISSUER),
    ).toBeNull();
    expect(
      await verifyAccessToken(
        await signer.sign({ ...claims(), iss: 'https://evil.example.com' }),
        keys,
        ISSUER,
      ),
    ).toBeNull();
    expect(await verifyAccessToken(await signer.sign({ ...claims(), exp: 1 }), keys, ISSUER)).toBeNull();
    const token = await signer.sign(claims());
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims(), sub: 'admin' })).toString('base64url');
    expect(await verifyAccessToken(`${h}.${forged}.${s}`, keys, ISSUER)).toBeNull();
    expect(await verifyAccessToken(`${h}.${p}.${s}`, keys, ISSUER)).not.toBeNull();
    expect(await verifyAccessToken('not-a-jwt', keys, ISSUER)).toBeNull();
  });
});
