import { formatPortalDate } from '../../shared/date';
import { AppError } from '../../shared/errors';
import { appendAudit } from '../audit/log';
import type { CoreContext } from '../context';

/** Wrong passwords in a row before the account locks, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

export function lockedError(until: string): AppError {
  return new AppError(
    'ACCOUNT_LOCKED',
    `Tài khoản tạm bị khóa vì nhập sai mật khẩu ${MAX_FAILED_LOGINS} lần liền. ` +
      `Hãy thử lại sau ${formatPortalDate(until)}, hoặc nhờ quản trị viên mở khóa.`,
  );
}

/** The end of the account's lock, while it lasts; null when it is not locked. */
export function lockedUntil(ctx: CoreContext, userId: string): string | null {
  const row = ctx.db.prepare('SELECT locked_until FROM users WHERE id = ?').get(userId) as
    { locked_until: string | null } | undefined;
  if (!row?.locked_until) return null;
  return Date.parse(row.locked_until) > ctx.now().getTime() ? row.locked_until : null;
}

export function assertNotLocked(ctx: CoreContext, userId: string): void {
  const until = lockedUntil(ctx, userId);
  if (until) throw lockedError(until);
}

/** Counts one wrong password (audited); returns the lock's end when this one locked the account. */
export function recordFailedPassword(ctx: CoreContext, userId: string, action: string): string | null {
  return ctx.db.transaction(() => {
    appendAudit(ctx, { actorId: null, action, subjectId: userId });
    const { failed_logins: failures } = ctx.db
      .prepare('UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ? RETURNING failed_logins')
      .get(userId) as { failed_logins: number };
    if (failures < MAX_FAILED_LOGINS) return null;
    const until = new Date(ctx.now().getTime() + LOCKOUT_MS).toISOString();
    ctx.db.prepare('UPDATE users SET failed_logins = 0, locked_until = ? WHERE id = ?').run(until, userId);
    appendAudit(ctx, { actorId: null, action: 'auth.locked', subjectId: userId, details: { until } });
    return until;
  })();
}

export function clearFailedPasswords(ctx: CoreContext, userId: string): void {
  ctx.db
    .prepare(
      'UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ? AND (failed_logins > 0 OR locked_until IS NOT NULL)',
    )
    .run(userId);
}
