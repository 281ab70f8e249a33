import type { Role, User } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { appendAudit } from '../audit/log';
import { hashPassword } from '../auth/password';
import type { CoreContext } from '../context';
import { newKeyPair } from '../signoff/keys';
import { findUserByUsername, insertUser, storeUserKey, toPublicUser, updateUser } from '../users/repo';

/**
 * Account changes made at the office's command line, without a signed-in user. They follow the
 * same rules as the API (keys with every account, sessions ended, everything audited) and are
 * recorded with no actor and `via: 'cli'`.
 */
function existing(ctx: CoreContext, username: string) {
  const user = findUserByUsername(ctx, username);
  if (!user) throw new AppError('NOT_FOUND', `Không có tài khoản “${username}”.`);
  return user;
}

export async function addUserOffline(
  ctx: CoreContext,
  input: { username: string; displayName: string; role: Role; password: string; byline?: string; unit?: string },
): Promise<User> {
  if (findUserByUsername(ctx, input.username)) {
    throw new AppError('CONFLICT', `Tên đăng nhập “${input.username}” đã có người dùng.`);
  }
  const [passwordHash, key] = await Promise.all([hashPassword(input.password), newKeyPair(input.password)]);
  return ctx.db
    .transaction(() => {
      const user = insertUser(ctx, { ...input, passwordHash });
      storeUserKey(ctx, user.id, key);
      appendAudit(ctx, {
        actorId: null,
        action: 'user.create',
        subjectId: user.id,
        details: { role: user.role, via: 'cli' },
      });
      return toPublicUser(user);
    })
    .immediate();
}

export function disableUserOffline(ctx: CoreContext, username: string): User {
  const user = existing(ctx, username);
  return ctx.db
    .transaction(() => {
      const updated = updateUser(ctx, user.id, { disabled: true });
      ctx.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(user.id);
      appendAudit(ctx, { actorId: null, action: 'user.disable', subjectId: user.id, details: { via: 'cli' } });
      return toPublicUser(updated);
    })
    .immediate();
}

/** A reset also re-opens the account and lifts any lock: it is how an office recovers a locked-out user. */
export async function resetUserOffline(ctx: CoreContext, username: string, password: string): Promise<User> {
  const user = existing(ctx, username);
  const [passwordHash, key] = await Promise.all([hashPassword(password), newKeyPair(password)]);
  return ctx.db
    .transaction(() => {
      const updated = updateUser(ctx, user.id, { passwordHash, disabled: false });
      storeUserKey(ctx, user.id, key);
      ctx.db.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(user.id);
      ctx.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(user.id);
      appendAudit(ctx, {
        actorId: null,
        action: 'user.resetPassword',
        subjectId: user.id,
        details: { keyFingerprint: key.fingerprint, via: 'cli' },
      });
      return toPublicUser(updated);
    })
    .immediate();
}
