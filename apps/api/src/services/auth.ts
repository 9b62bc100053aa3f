import { randomUUID } from 'node:crypto';
import type { LoginBody, RegisterBody } from '@portico/contracts';
import type { Role, SessionRow, UserRow } from '../db/schema.js';
import { randomToken, safeEqual, sha256 } from '../lib/crypto.js';
import { badRequest, conflict, forbidden, unauthorized } from '../lib/errors.js';
import { checkPasswordPolicy, hashPassword, verifyDummyPassword, verifyPassword } from '../lib/passwords.js';
import type { SessionsRepository } from '../repositories/sessions.js';
import { UsersRepository } from '../repositories/users.js';
import type { AuditService } from './audit.js';

export interface RequestContext {
  ip?: string | undefined;
  userAgent?: string | undefined;
}

/** A freshly started session. `csrfToken` is only ever returned to the browser; the row keeps its hash. */
export interface StartedSession {
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface LiveSession {
  session: SessionRow;
  user: UserRow;
}

/** One message for unknown email and wrong password, so login cannot be used to probe for accounts. */
export const INVALID_CREDENTIALS = 'Invalid email or password.';

/** Only write `last_seen_at` once a minute per session, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;

export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditService,
    private readonly options: { sessionTtlMs: number },
  ) {}

  /** Creates an account (developer unless `role` says otherwise) after checking the password policy. */
  /**
   * Creates an account. `andThen` (e.g. the audit event of whoever created it) runs in the
   * transaction that inserts the user, so the two are written together or not at all.
   */
  async createUser(
    input: { email: string; name: string; password: string; role?: Role },
    andThen?: (user: UserRow) => void,
  ): Promise<UserRow> {
    const email = UsersRepository.normaliseEmail(input.email);
    const problems = checkPasswordPolicy(input.password, { email });
    if (problems.length > 0) throw badRequest('The password does not meet the password policy.', problems);
    const emailTaken = conflict('An account with this email already exists.', [
      { field: 'email', message: 'is already registered' },
    ]);
    if (this.users.findByEmail(email)) throw emailTaken;
    const passwordHash = await hashPassword(input.password);
    // The unique index settles a race between two registrations of the same email.
    return this.users.transaction(() => {
      const user = this.users.create({
        email,
        name: input.name,
        passwordHash,
        role: input.role ?? 'developer',
      });
      if (!user) throw emailTaken;
      andThen?.(user);
      return user;
    });
  }

  async register(
    body: RegisterBody,
    ctx: RequestContext,
  ): Promise<{ user: UserRow; session: StartedSession }> {
    const user = await this.createUser(body, (created) =>
      this.audit.record({
        actorId: created.id,
        action: 'auth.register',
        targetType: 'user',
        targetId: created.id,
        ip: ctx.ip,
      }),
    );
    const now = new Date();
    this.users.recordLogin(user.id, now);
    const session = this.startSession(user.id, ctx);
    return { user: { ...user, lastLoginAt: now }, session };
  }

  async login(body: LoginBody, ctx: RequestContext): Promise<{ user: UserRow; session: StartedSession }> {
    const user = this.users.findByEmail(body.email);
    if (!user) {
      await verifyDummyPassword(body.password);
      this.loginFailed(null, body.email, 'unknown_email', ctx);
      throw unauthorized(INVALID_CREDENTIALS);
    }
    if (!(await verifyPassword(user.passwordHash, body.password))) {
      this.loginFailed(user.id, body.email, 'wrong_password', ctx);
      throw unauthorized(INVALID_CREDENTIALS);
    }
    // Only revealed to someone who knows the password, so it does not help enumeration.
    if (user.status !== 'active') {
      this.loginFailed(user.id, body.email, 'inactive', ctx);
      throw forbidden('This account has been deactivated. Contact an administrator.');
    }
    const now = new Date();
    this.users.recordLogin(user.id, now);
    const session = this.startSession(user.id, ctx);
    this.audit.record({
      actorId: user.id,
      action: 'auth.login',
      targetType: 'user',
      targetId: user.id,
      ip: ctx.ip,
    });
    return { user: { ...user, lastLoginAt: now }, session };
  }

  logout(session: SessionRow, ctx: RequestContext): void {
    this.sessions.revoke(session.id);
    this.audit.record({
      actorId: session.userId,
      action: 'auth.logout',
      targetType: 'session',
      targetId: session.id,
      ip: ctx.ip,
    });
  }

  /** The session behind a cookie, if it is live and its user still active (deactivation revokes at once). */
  resolveSession(sessionId: string, now = new Date()): LiveSession | undefined {
    const found = this.sessions.findLive(sessionId, now);
    if (found?.user.status !== 'active') return undefined;
    if (now.getTime() - found.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      this.sessions.touch(sessionId, now);
    }
    return found;
  }

  checkCsrf(session: SessionRow, token: string | undefined): boolean {
    return token !== undefined && token !== '' && safeEqual(sha256(token), session.csrfTokenHash);
  }

  private startSession(userId: string, ctx: RequestContext): StartedSession {
    const csrfToken = randomToken();
    const expiresAt = new Date(Date.now() + this.options.sessionTtlMs);
    const session = this.sessions.create({
      id: randomUUID(),
      userId,
      csrfTokenHash: sha256(csrfToken),
      expiresAt,
      userAgent: ctx.userAgent?.slice(0, 512),
      ip: ctx.ip,
    });
    return { sessionId: session.id, csrfToken, expiresAt };
  }

  private loginFailed(userId: string | null, email: string, reason: string, ctx: RequestContext): void {
    this.audit.record({
      // The caller is not authenticated, so the attempt is anonymous even when the account exists.
      actorId: null,
      actorType: 'anonymous',
      action: 'auth.login_failed',
      targetType: 'user',
      targetId: userId,
      meta: { email: UsersRepository.normaliseEmail(email).slice(0, 254), reason },
      ip: ctx.ip,
    });
  }
}
