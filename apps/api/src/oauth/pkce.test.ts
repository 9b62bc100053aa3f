import { describe, expect, it } from 'vitest';
import { isValidCodeVerifier, isValidS256Challenge, s256Challenge, verifyS256 } from './pkce.js';

// RFC 7636 Appendix B.
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE S256', () => {
  it('computes the RFC 7636 Appendix B challenge', () => {
    expect(s256Challenge(VERIFIER)).toBe(CHALLENGE);
    expect(verifyS256(VERIFIER, CHALLENGE)).toBe(true);
  });

  it('refuses a verifier that does not hash to the challenge', () => {
    expect(verifyS256(`${VERIFIER.slice(0, -1)}Y`, CHALLENGE)).toBe(false);
  });

  it('accepts verifiers of 43 to 128 unreserved characters only', () => {
    expect(isValidCodeVerifier('a'.repeat(43))).toBe(true);
    expect(isValidCodeVerifier('a'.repeat(128))).toBe(true);
    expect(isValidCodeVerifier('-._~AZaz09'.padEnd(50, 'x'))).toBe(true);
    expect(isValidCodeVerifier('a'.repeat(42))).toBe(false);
    expect(isValidCodeVerifier('a'.repeat(129))).toBe(false);
    expect(isValidCodeVerifier(`${'a'.repeat(42)}+`)).toBe(false);
    expect(isValidCodeVerifier(`${'a'.repeat(42)} `)).toBe(false);
  });

  it('refuses a too-short verifier even when its hash matches', () => {
    const short = 'a'.repeat(42);
    expect(verifyS256(short, s256Challenge(short))).toBe(false);
  });

  it('recognises well-formed S256 challenges only', () => {
    expect(isValidS256Challenge(CHALLENGE)).toBe(true);
    expect(isValidS256Challenge(`${CHALLENGE}=`)).toBe(false);
    expect(isValidS256Challenge(CHALLENGE.slice(1))).toBe(false);
    expect(isValidS256Challenge(VERIFIER.replace('-', '+'))).toBe(false);
  });
});
