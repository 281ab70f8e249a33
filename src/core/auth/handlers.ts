import { AppError } from '../../shared/errors';
import type { FeatureHandlers } from '../api/handler';
import { appendAudit } from '../audit/log';
import { newKeyPair, reseal } from '../signoff/keys';
import { findSealedKey, findUserByUsername, storeUserKey, toPublicUser, updateUser } from '../users/repo';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password';
import { allowedActions } from './permissions';
import { endSession, hashToken, startSession } from './sessions';
import { accountKey, assertMayTry, recordFailure, recordSuccess } from './throttle';

export const authHandlers: FeatureHandlers<'auth.login' | 'auth.logout' | 'auth.me' | 'auth.changePassword'> = {
  'auth.login': {
    access: 'public',
    async run(ctx, input, _caller, request) {
      const user = findUserByUsername(ctx, input.username);
      const account = accountKey(user?.id ?? null, input.username);
      // A caller that must wait is answered before any password is checked, so guessing slows.
      assertMayTry(ctx, account, request.client);
      // An unknown name spends the same hashing as a real check, and a disabled account with its
      // right password is refused exactly like a wrong one: the answer says nothing about accounts.
      const passwordOk = user
        ? await verifyPassword(input.password, user.passwordHash)
        : await burnPasswordCheck(input.password, ctx.kdfCost).then(() => false);
      if (!user || !passwordOk || user.disabled) {
        recordFailure(ctx, account, request.client);
        if (user) {
          const details = passwordOk ? { disabled: true } : undefined;
          appendAudit(ctx, { actorId: null, action: 'auth.loginFailed', subjectId: user.id, details });
        }
        throw new AppError('INVALID_CREDENTIALS');
      }
      // Accounts from before sign-off existed get their signing key at their next sign-in.
      const key = findSealedKey(ctx, user.id) ? null : await newKeyPair(input.password, ctx.kdfCost);
      const signedIn = ctx.db
        .transaction(() => {
          recordSuccess(ctx, account, request.client);
          if (key && !findSealedKey(ctx, user.id)) storeUserKey(ctx, user.id, key);
          const session = startSession(ctx, user.id);
          appendAudit(ctx, { actorId: user.id, action: 'auth.login', subjectId: user.id });
          return { session, user: toPublicUser(user) };
        })
        .immediate();
      if (key) ctx.office.accountsChanged();
      ctx.office.signedIn(user.id, input.password);
      return signedIn;
    },
  },

  'auth.logout': {
    access: 'session',
    run(ctx, _input, caller) {
      ctx.db.transaction(() => {
        endSession(ctx, caller.session);
        appendAudit(ctx, { actorId: caller.user.id, action: 'auth.logout', subjectId: caller.user.id });
      })();
      ctx.office.signedOut(caller.user.id);
      return { ok: true as const };
    },
  },

  'auth.me': {
    access: 'session',
    run: (_ctx, _input, caller) => ({ ...toPublicUser(caller.user), can: allowedActions(caller.user.role) }),
  },

  'auth.changePassword': {
    access: 'session',
    async run(ctx, input, caller, request) {
      const user = caller.user;
      const account = accountKey(user.id, user.username);
      assertMayTry(ctx, account, request.client);
      if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
        ctx.db.transaction(() => {
          recordFailure(ctx, account, request.client);
          appendAudit(ctx, { actorId: null, action: 'auth.passwordCheckFailed', subjectId: user.id });
        })();
        throw new AppError('WRONG_PASSWORD');
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
          recordSuccess(ctx, account, request.client);
          // Other sessions end: whoever knew the old password is signed out everywhere else.
          ctx.db
            .prepare('DELETE FROM sessions WHERE user_id = ? AND token_hash != ?')
            .run(user.id, hashToken(caller.session));
          appendAudit(ctx, { actorId: user.id, action: 'auth.changePassword', subjectId: user.id });
        })
        .immediate();
      // The password hash and the sealed key travel in the office directory.
      ctx.office.accountsChanged();
      return { ok: true as const };
    },
  },
};
