import { hash, verify } from '@node-rs/argon2';
import { type FieldError, PASSWORD_MIN_LENGTH } from '@portico/contracts';
import { COMMON_PASSWORDS } from './common-passwords.js';

/**
 * OWASP Password Storage Cheat Sheet, argon2id: m=19 MiB, t=2, p=1.
 * `algorithm: 2` is `Algorithm.Argon2id`; the enum is an ambient const enum that isolatedModules cannot inline.
 */
const ARGON2ID_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2ID_OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A valid hash of a random password, verified against when the email is unknown so that a failed login
 * takes the same time whether or not the account exists (no user enumeration through timing).
 */
let dummyHash: Promise<string> | undefined;
export async function verifyDummyPassword(password: string): Promise<void> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}-${Date.now()}`);
  await verifyPassword(await dummyHash, password);
}

/** Server-side password policy; returns the problems as field errors for the `password` field. */
export function checkPasswordPolicy(
  password: string,
  context: { email?: string; name?: string } = {},
): FieldError[] {
  const problems: FieldError[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) {
    problems.push({ field: 'password', message: `must be at least ${PASSWORD_MIN_LENGTH} characters long` });
  }
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) {
    problems.push({ field: 'password', message: 'is too common; choose a less predictable password' });
  } else if (context.email && lower === context.email.toLowerCase()) {
    problems.push({ field: 'password', message: 'must not be your email address' });
  }
  return problems;
}
