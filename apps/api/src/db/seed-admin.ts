import type { FastifyInstance } from 'fastify';
import { randomToken } from '../lib/crypto.js';

export const DEFAULT_ADMIN_EMAIL = 'admin@portico.local';

export interface AdminBootstrap {
  email: string;
  /** Only set when the password was generated: it is shown once and never stored in clear. */
  generatedPassword?: string;
}

/**
 * First start: when no admin exists, create one from PORTICO_ADMIN_EMAIL / PORTICO_ADMIN_PASSWORD, or with a
 * generated strong password that the caller prints once. Returns undefined when an admin already exists.
 */
export async function ensureAdmin(
  app: FastifyInstance,
  credentials: { email?: string | undefined; password?: string | undefined },
): Promise<AdminBootstrap | undefined> {
  if (app.repos.users.hasAdmin()) return undefined;
  const email = credentials.email ?? DEFAULT_ADMIN_EMAIL;
  const existing = app.repos.users.findByEmail(email);
  if (existing) {
    // The configured email already belongs to a developer: promote it rather than fail on the unique email.
    app.repos.users.setRole(existing.id, 'admin');
    app.services.audit.record({
      actorId: null,
      actorType: 'system',
      action: 'user.promoted_admin',
      targetType: 'user',
      targetId: existing.id,
    });
    return { email };
  }
  const generatedPassword = credentials.password ? undefined : randomToken(18);
  const password = credentials.password ?? generatedPassword ?? '';
  const user = await app.services.auth.createUser({ email, name: 'Administrator', password, role: 'admin' });
  app.services.audit.record({
    actorId: null,
    actorType: 'system',
    action: 'user.admin_bootstrapped',
    targetType: 'user',
    targetId: user.id,
  });
  return generatedPassword ? { email, generatedPassword } : { email };
}
