import { AppError } from '../../shared/errors';
import type { FeatureHandlers } from '../api/handler';
import { appendAudit } from '../audit/log';
import { newKeyPair, reseal } from '../signoff/keys';
import { findSealedKey, findUserByUsername, storeUserKey, toPublicUser, updateUser } from '../users/repo';
import { assertNotLocked, clearFailedPasswords, lockedError, recordFailedPassword } from './lockout';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password';
import { allowedActions } from './permissions';
import { endSession, hashToken, startSession } from './sessions';

export const authHandlers: FeatureHandlers<'auth.login' | 'auth.logout' | 'auth.me' | 'auth.changePassword'> = {
  'auth.login': {
    access: 'public',
    async run(ctx, input) {
      const user = findUserByUsername(ctx, input.username);
      if (!user) {
        await burnPasswordCheck(input.password, ctx.kdfCost);
        throw new AppError('INVALID_CREDENTIALS');
      }
      // A locked account is refused before the password is even checked, so guessing stops.
      assertNotLocked(ctx, user.id);
      if (!(await verifyPassword(input.password, user.passwordHash))) {
        const until = recordFailedPassword(ctx, user.id, 'auth.loginFailed');
        throw until ? lockedError(until) : new AppError('INVALID_CREDENTIALS');
      }
      if (user.disabled) throw new AppError('ACCOUNT_DISABLED');
      // Accounts from before sign-off existed get their signing key at their next sign-in.
      const key = findSealedKey(ctx, user.id) ? null : await newKeyPair(input.password, ctx.kdfCost);
      return ctx.db
        .transaction(() => {
          clearFailedPasswords(ctx, user.id);
          if (key && !findSealedKey(ctx, user.id)) storeUserKey(ctx, user.id, key);
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
    run: (_ctx, _input, caller) => ({ ...toPublicUser(caller.user), can: allowedActions(caller.user.role) }),
  },

  'auth.changePassword': {
    access: 'session',
    async run(ctx, input, caller) {
      const user = caller.user;
      assertNotLocked(ctx, user.id);
      if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
        const until = recordFailedPassword(ctx, user.id, 'auth.passwordCheckFailed');
        throw until ? lockedError(until) : new AppError('WRONG_PASSWORD');
      }
      const passwordHash = await hashPassword(input.newPassword, ctx.kdfCost);
      // The same signing key, sealed under the new password: approvals already made keep their signer.
      const sealed = findSealedKey(ctx, user.id);
      const resealed = sealed
        ? await reseal(sealed.sealed, input.currentPassword, input.newPassword, ctx.kdfCost)
        : null;
      const fresh = resealed ? null : await newKeyPair(input.newPassword, ctx.kdfCost);
      ctx.db
        .transaction(() => {
          updateUser(ctx, user.id, { passwordHash });
          if (resealed) ctx.db.prepare('UPDATE users SET private_key = ? WHERE id = ?').run(resealed, user.id);
          else if (fresh) storeUserKey(ctx, user.id, fresh);
          clearFailedPasswords(ctx, user.id);
          // Other sessions end: whoever knew the old password is signed out everywhere else.
          ctx.db
            .prepare('DELETE FROM sessions WHERE user_id = ? AND token_hash != ?')
            .run(user.id, hashToken(caller.session));
          appendAudit(ctx, { actorId: user.id, action: 'auth.changePassword', subjectId: user.id });
        })
        .immediate();
      return { ok: true as const };
    },
  },
};
