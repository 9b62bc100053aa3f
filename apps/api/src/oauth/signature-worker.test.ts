import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { SignatureWorker, type SigningKey } from './signature-worker.js';

function keyPair(alg: SigningKey['alg'], kid: string) {
  const { privateKey, publicKey } =
    alg === 'ES256'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { signing: { kid, alg, key: privateKey } satisfies SigningKey, publicKey };
}

/** Verifies a JWS signature (ES256 as raw r||s, RS256 as PKCS #1 v1.5). */
function verifies(
  alg: SigningKey['alg'],
  publicKey: ReturnType<typeof createPublicKey>,
  input: string,
  signature: string,
) {
  const key = alg === 'ES256' ? { key: publicKey, dsaEncoding: 'ieee-p1363' as const } : publicKey;
  return verify('sha256', Buffer.from(input), key, Buffer.from(signature, 'base64url'));
}

let worker: SignatureWorker | undefined;
afterEach(async () => {
  await worker?.close();
  worker = undefined;
});

describe('SignatureWorker', () => {
  it.each(['ES256', 'RS256'] as const)('makes %s JWS signatures that verify', async (alg) => {
    worker = new SignatureWorker();
    const { signing, publicKey } = keyPair(alg, `k-${alg}`);
    const signature = await worker.sign(signing, 'header.payload');
    if (alg === 'ES256') expect(Buffer.from(signature, 'base64url')).toHaveLength(64);
    expect(verifies(alg, publicKey, 'header.payload', signature)).toBe(true);
  });

  it('answers each caller with its own signature when many are in flight, with several keys', async () => {
    worker = new SignatureWorker();
    const a = keyPair('ES256', 'a');
    const b = keyPair('ES256', 'b');
    const inputs = Array.from({ length: 300 }, (_, i) => ({
      pair: i % 3 === 0 ? b : a,
      input: `input-${i}`,
    }));
    const signatures = await Promise.all(inputs.map(({ pair, input }) => worker!.sign(pair.signing, input)));
    for (const [i, { pair, input }] of inputs.entries()) {
      expect(verifies('ES256', pair.publicKey, input, signatures[i]!)).toBe(true);
    }
  });

  it('fails only the signatures of a key the worker cannot use, even in the same batch', async () => {
    worker = new SignatureWorker();
    const good = keyPair('ES256', 'good');
    // A public key cannot sign: the worker reports that job's failure, and only that one.
    const bad: SigningKey = { kid: 'bad', alg: 'ES256', key: createPublicKey(good.signing.key) };
    const settled = await Promise.allSettled([
      worker.sign(good.signing, 'before'),
      worker.sign(bad, 'x'),
      worker.sign(good.signing, 'after'),
    ]);
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((settled[1] as PromiseRejectedResult).reason)).toMatch(/Signing failed/);
    const after = (settled[2] as PromiseFulfilledResult<string>).value;
    expect(verifies('ES256', good.publicKey, 'after', after)).toBe(true);
    expect(verifies('ES256', good.publicKey, 'later', await worker.sign(good.signing, 'later'))).toBe(true);
  });

  it('signs in the thread pool after it was closed', async () => {
    const closed = new SignatureWorker();
    const { signing, publicKey } = keyPair('ES256', 'k');
    await closed.sign(signing, 'warm-up');
    await closed.close();
    const signature = await closed.sign(signing, 'late');
    expect(verifies('ES256', publicKey, 'late', signature)).toBe(true);
  });
});
