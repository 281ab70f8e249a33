import { AppError } from '../../shared/errors';
import type { FeatureHandlers } from '../api/handler';
import { appendAudit } from '../audit/log';
import { hashPassword } from '../auth/password';
import { startSession } from '../auth/sessions';
import type { CoreContext } from '../context';
import { seedDemoIfWanted } from '../demo/seed';
import { newKeyPair } from '../signoff/keys';
import { countUsers, findUserByUsername, insertUser, listUsers, storeUserKey, toPublicUser } from './repo';

function assertUsernameFree(ctx: CoreContext, username: string): void {
  if (findUserByUsername(ctx, username)) {
    throw new AppError('CONFLICT', `Tên đăng nhập “${username}” đã có người dùng. Hãy chọn tên khác.`, [
      { path: 'username', message: 'Tên đăng nhập đã tồn tại.' },
    ]);
  }
}

export const userHandlers: FeatureHandlers<'setup.status' | 'setup.createAdmin' | 'users.list' | 'users.create'> = {
  'setup.status': {
    access: 'public',
    run: (ctx) => ({ needsAdmin: countUsers(ctx) === 0 }),
  },

  'setup.createAdmin': {
    access: 'public',
    async run(ctx, input) {
      if (countUsers(ctx) > 0) throw new AppError('ALREADY_SET_UP');
      const [passwordHash, key] = await Promise.all([hashPassword(input.password), newKeyPair(input.password)]);
      // Checked again inside the transaction: two first-run forms may race while hashing.
      const result = ctx.db
        .transaction(() => {
          if (countUsers(ctx) > 0) throw new AppError('ALREADY_SET_UP');
          const user = insertUser(ctx, { ...input, role: 'admin', passwordHash });
          storeUserKey(ctx, user.id, key);
          appendAudit(ctx, { actorId: user.id, action: 'user.create', subjectId: user.id, details: { role: 'admin' } });
          const session = startSession(ctx, user.id);
          appendAudit(ctx, { actorId: user.id, action: 'auth.login', subjectId: user.id });
          return { session, user: toPublicUser(user) };
        })
        .immediate();
      seedDemoIfWanted(ctx);
      return result;
    },
  },

  'users.list': {
    access: 'user.list',
    run: (ctx) => ({ items: listUsers(ctx).map(toPublicUser) }),
  },

  'users.create': {
    access: 'user.manage',
    async run(ctx, input, caller) {
      assertUsernameFree(ctx, input.username);
      const [passwordHash, key] = await Promise.all([hashPassword(input.password), newKeyPair(input.password)]);
      return ctx.db
        .transaction(() => {
          assertUsernameFree(ctx, input.username);
          const user = insertUser(ctx, { ...input, passwordHash });
          storeUserKey(ctx, user.id, key);
          appendAudit(ctx, {
            actorId: caller.user.id,
            action: 'user.create',
            subjectId: user.id,
            details: { role: user.role },
          });
          return toPublicUser(user);
        })
        .immediate();
    },
  },
};
