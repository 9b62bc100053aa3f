import { type Static, Type } from 'typebox';
import { Id, Timestamp } from './common.js';
import { DISPLAY_NAME_PATTERN } from './display-name.js';

export const Role = Type.Union([Type.Literal('admin'), Type.Literal('developer')]);
export type Role = Static<typeof Role>;

export const UserStatus = Type.Union([Type.Literal('active'), Type.Literal('inactive')]);
export type UserStatus = Static<typeof UserStatus>;

export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });

/** Password policy: at least 12 characters (NIST SP 800-63B §3.1.1.2); the server also rejects common passwords. */
export const PASSWORD_MIN_LENGTH = 12;
export const Password = Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: 256 });

/**
 * A person's name as typed; the server trims it before storing. `\S`: at least one character that
 * trimming keeps, so "   " is refused instead of being stored as an empty name.
 */
export const PersonName = Type.String({ minLength: 1, maxLength: 100, pattern: DISPLAY_NAME_PATTERN });

export const User = Type.Object({
  id: Id,
  email: Type.String(),
  name: Type.String(),
  role: Role,
  status: UserStatus,
  createdAt: Timestamp,
  lastLoginAt: Type.Union([Timestamp, Type.Null()]),
});
export type User = Static<typeof User>;

export const RegisterBody = Type.Object(
  { email: Email, name: PersonName, password: Password },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBody>;

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

/**
 * Returned by register, login and `GET /api/auth/me`.
 * `csrfToken` must be echoed in the `x-csrf-token` header of every state-changing
 * request that is authenticated by the session cookie.
 */
export const SessionResponse = Type.Object({ user: User, csrfToken: Type.String() });
export type SessionResponse = Static<typeof SessionResponse>;

export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'portico_session';
