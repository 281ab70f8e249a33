import { AppError } from '../../shared/errors';
import type { Caller, FeatureHandlers } from '../api/handler';
import { appendAudit } from '../audit/log';
import { hashPassword } from '../auth/password';
import { can } from '../auth/permissions';
import type { CoreContext } from '../context';
import { newKeyPair } from '../signoff/keys';
import { findUserById, storeUserKey, toPublicUser, updateUser, type UserRecord } from './repo';

function target(ctx: CoreContext, id: string): UserRecord {
  const user = findUserById(ctx, id);
  if (!user) throw new AppError('NOT_FOUND', 'Không tìm thấy tài khoản này. Có thể danh sách đã cũ: hãy tải lại.');
  return user;
}

/** The office must never lose its last way to manage accounts. */
function assertNotLastAdmin(ctx: CoreContext, user: UserRecord): void {
  if (user.role !== 'admin' || user.disabled) return;
  const { n } = ctx.db.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0").get() as {
    n: number;
  };
  if (n <= 1) {
    throw new AppError(
      'CONFLICT',
      'Đây là quản trị viên duy nhất còn hoạt động. Hãy tạo hoặc mở một quản trị viên khác trước.',
    );
  }
}

function setDisabled(ctx: CoreContext, caller: Caller, id: string, disabled: boolean) {
  const user = target(ctx, id);
  if (disabled) {
    if (user.id === caller.user.id) throw new AppError('CONFLICT', 'Không thể tự khóa tài khoản đang dùng.');
    assertNotLastAdmin(ctx, user);
  }
  return ctx.db
    .transaction(() => {
      const updated = updateUser(ctx, id, { disabled });
      if (disabled) ctx.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id);
      // Opening an account also lifts a lock from wrong passwords.
      else ctx.db.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(id);
      appendAudit(ctx, { actorId: caller.user.id, action: disabled ? 'user.disable' : 'user.enable', subjectId: id });
      return toPublicUser(updated);
    })
    .immediate();
}

export const accountHandlers: FeatureHandlers<
  'users.update' | 'users.disable' | 'users.enable' | 'users.resetPassword'
> = {
  'users.update': {
    // Anyone may correct their own name, byline and unit; everything else is an administrator's.
    access: 'session',
    run(ctx, input, caller) {
      const self = input.id === caller.user.id;
      const manager = can(caller.user.role, 'user.manage');
      if (!manager && (!self || input.role !== undefined)) throw new AppError('FORBIDDEN');
      const user = target(ctx, input.id);
      if (input.role !== undefined && input.role !== user.role) {
        if (self) throw new AppError('CONFLICT', 'Không thể tự đổi vai trò của mình. Hãy nhờ một quản trị viên khác.');
        assertNotLastAdmin(ctx, user);
      }
      const { id, ...changes } = input;
      return ctx.db
        .transaction(() => {
          const updated = updateUser(ctx, id, changes);
          appendAudit(ctx, {
            actorId: caller.user.id,
            action: 'user.update',
            subjectId: id,
            details: Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)),
          });
          return toPublicUser(updated);
        })
        .immediate();
    },
  },

  'users.disable': {
    access: 'user.manage',
    run: (ctx, input, caller) => setDisabled(ctx, caller, input.id, true),
  },

  'users.enable': {
    access: 'user.manage',
    run: (ctx, input, caller) => setDisabled(ctx, caller, input.id, false),
  },

  'users.resetPassword': {
    access: 'user.manage',
    async run(ctx, input, caller) {
      target(ctx, input.id);
      // Nobody else can open the old key without the old password, so the user gets a new one.
      // The old public key stays on record: approvals signed with it still verify.
      const [passwordHash, key] = await Promise.all([hashPassword(input.password), newKeyPair(input.password)]);
      return ctx.db
        .transaction(() => {
          const updated = updateUser(ctx, input.id, { passwordHash });
          storeUserKey(ctx, input.id, key);
          ctx.db.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(input.id);
          ctx.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(input.id);
          appendAudit(ctx, {
            actorId: caller.user.id,
            action: 'user.resetPassword',
            subjectId: input.id,
            details: { keyFingerprint: key.fingerprint },
          });
          return toPublicUser(updated);
        })
        .immediate();
    },
  },
};
