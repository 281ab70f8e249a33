import { AppError } from '../../shared/errors';
import type { FeatureHandlers } from '../api/handler';
import { appendAudit } from '../audit/log';
import { findUserByUsername, toPublicUser } from '../users/repo';
import { burnPasswordCheck, verifyPassword } from './password';
import { endSession, startSession } from './sessions';

export const authHandlers: FeatureHandlers<'auth.login' | 'auth.logout' | 'auth.me'> = {
  'auth.login': {
    access: 'public',
    async run(ctx, input) {
      const user = findUserByUsername(ctx, input.username);
      if (!user) {
        await burnPasswordCheck(input.password);
        throw new AppError('INVALID_CREDENTIALS');
      }
      if (!(await verifyPassword(input.password, user.passwordHash))) {
        ctx.db.transaction(() => appendAudit(ctx, { actorId: null, action: 'auth.loginFailed', subjectId: user.id }))();
        throw new AppError('INVALID_CREDENTIALS');
      }
      if (user.disabled) throw new AppError('ACCOUNT_DISABLED');
      return ctx.db
        .transaction(() => {
          const session = startSession(ctx, user.id);
          appendAudit(ctx, { actorId: user.id, action: 'auth.login', subjectId: user.id });
          return { session, user: toPublicUser(user) };
        })
        .immediate();
    },
  },

  'auth.logout': {
    access: 'session',
    run(ctx, _input, caller) {
      ctx.db.transaction(() => {
        endSession(ctx, caller.session);
        appendAudit(ctx, { actorId: caller.user.id, action: 'auth.logout', subjectId: caller.user.id });
      })();
      return { ok: true as const };
    },
  },

  'auth.me': {
    access: 'session',
    run: (_ctx, _input, caller) => toPublicUser(caller.user),
  },
};
