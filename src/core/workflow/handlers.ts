import type { KeyObject } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { ReviewedArticle, WorkflowEventKind } from '../../shared/review';
import type { Caller, FeatureHandlers } from '../api/handler';
import { assertReadable } from '../articles/handlers';
import { findArticleMeta, snapshotRevision } from '../articles/repo';
import { loadArticle } from '../articles/view';
import { appendAudit } from '../audit/log';
import { verifyPassword } from '../auth/password';
import { can } from '../auth/permissions';
import { accountKey, assertMayTry, recordFailure, recordSuccess } from '../auth/throttle';
import { assertChecklistPasses } from '../checklist/checklist';
import { isoNow, type CoreContext } from '../context';
import { unseal } from '../signoff/keys';
import { findSealedKey } from '../users/repo';
import { queuePublishing, settleSlug } from '../publish/requests';
import { assertMayApprove } from './actions';
import { appendApproval, assertLegal, listEvents, listRefusedEvents, recordEvent } from './events';

/** Kinds that keep a named copy of the text they acted on. */
const NAMED_REVISION: Partial<Record<WorkflowEventKind, 'submitted' | 'changes_requested' | 'approved' | 'published'>> =
  { submitted: 'submitted', changes_requested: 'changes_requested', approved: 'approved', published: 'published' };

function readable(ctx: CoreContext, articleId: string, caller: Caller): ReviewedArticle {
  const article = loadArticle(ctx, articleId);
  assertReadable(article, caller);
  return article;
}

/** Appends one transition with its named revision, in one transaction, and returns the article after it. */
function transition(
  ctx: CoreContext,
  caller: Caller,
  articleId: string,
  kind: WorkflowEventKind,
  extra: {
    note?: string;
    /** For an approval: the signer's key, used inside the transaction once the revision is named. */
    signer?: { privateKey: KeyObject; keyFingerprint: string };
    scheduledFor?: string;
    expectHash?: string;
  } = {},
): ReviewedArticle {
  ctx.db
    .transaction(() => {
      // Every refusal comes before the first write: a refused transition leaves nothing behind.
      const current = readable(ctx, articleId, caller);
      assertLegal(kind, current.status);
      // Checked on the stored text inside the transaction, after the status: what is sent on is what passed.
      if (kind === 'submitted' || kind === 'approved') assertChecklistPasses(ctx, current);
      // The text signed must be the text stored at the moment of signing, not a moment earlier.
      if (extra.expectHash && current.contentHash !== extra.expectHash) throw new AppError('CONFLICT');
      // A page address is fixed when the article goes to review, so it is part of what is signed.
      if (kind === 'submitted') settleSlug(ctx, articleId);
      const article = kind === 'submitted' ? readable(ctx, articleId, caller) : current;
      const named = NAMED_REVISION[kind];
      const at = isoNow(ctx);
      const revisionId = named ? snapshotRevision(ctx, articleId, named, caller.user.id, at) : null;
      const { signer, expectHash: _expected, ...rest } = extra;
      const event = {
        articleId,
        kind,
        actorId: caller.user.id,
        contentHash: article.contentHash,
        revisionId,
        at,
        ...rest,
      };
      const recorded =
        signer && revisionId ? appendApproval(ctx, { ...event, revisionId }, signer) : recordEvent(ctx, event);
      // An office's article is published by the office's publishing workstation, from the folded log (core/office).
      if (!recorded.shared) {
        queuePublishing(ctx, articleId, kind, article.contentHash, extra.scheduledFor ?? null, caller.user.id);
      }
    })
    .immediate();
  ctx.emit('articles.changed', { id: articleId });
  return loadArticle(ctx, articleId)!;
}

/** Publishing (now or on a schedule) needs a sign-off that still holds for exactly this text. */
function assertApprovalHolds(article: ReviewedArticle): void {
  if (article.latestApproval?.valid) return;
  throw new AppError('APPROVAL_INVALID');
}

export const workflowHandlers: FeatureHandlers<
  | 'workflow.submit'
  | 'workflow.retract'
  | 'workflow.requestChanges'
  | 'workflow.approve'
  | 'workflow.publish'
  | 'workflow.withdraw'
  | 'workflow.schedule'
  | 'workflow.history'
> = {
  'workflow.submit': {
    access: 'article.submit',
    run(ctx, input, caller) {
      const meta = findArticleMeta(ctx, input.articleId);
      assertReadable(meta, caller);
      if (meta.authorId !== caller.user.id) {
        if (!can(caller.user.role, 'article.editOthers')) throw new AppError('FORBIDDEN');
        // shared/workflow.ts: an editor re-sends a returned article, never a draft its author still holds.
        if (meta.status === 'draft') {
          throw new AppError(
            'FORBIDDEN',
            'Bài còn là bản nháp của tác giả: chỉ tác giả gửi duyệt khi bài đã xong. Hãy góp ý cho tác giả nếu cần.',
          );
        }
      }
      return transition(ctx, caller, input.articleId, 'submitted', { note: input.note });
    },
  },

  'workflow.retract': {
    access: 'article.retract',
    run(ctx, input, caller) {
      const meta = findArticleMeta(ctx, input.articleId);
      assertReadable(meta, caller);
      // Only the author takes an article back; a reviewer returns it with "changes requested".
      if (meta.authorId !== caller.user.id) throw new AppError('FORBIDDEN');
      return transition(ctx, caller, input.articleId, 'retracted', { note: input.note });
    },
  },

  'workflow.requestChanges': {
    access: 'article.requestChanges',
    run: (ctx, input, caller) => transition(ctx, caller, input.articleId, 'changes_requested', { note: input.note }),
  },

  'workflow.approve': {
    access: 'article.approve',
    async run(ctx, input, caller, request) {
      const article = readable(ctx, input.articleId, caller);
      if (article.version !== input.version) throw new AppError('CONFLICT');
      // Refused before the password is checked: there is nothing to sign in this state.
      assertLegal('approved', article.status);
      assertMayApprove(ctx, article, caller.user);
      // The signing password is guarded like the sign-in one: a borrowed session cannot guess it fast.
      const account = accountKey(caller.user.id, caller.user.username);
      assertMayTry(ctx, account, request.client);
      const sealed = findSealedKey(ctx, caller.user.id);
      // One key derivation when the password is right: the sealed key opens only with it (AES-GCM
      // refuses any other), so opening it is the password check. Only when it does not open is the
      // password hash asked, to tell a wrong password from a key that no longer matches it.
      const privateKey = sealed ? await unseal(sealed.sealed, input.password) : null;
      const passwordOk = privateKey !== null || (await verifyPassword(input.password, caller.user.passwordHash));
      if (!passwordOk) {
        ctx.db.transaction(() => {
          recordFailure(ctx, account, request.client);
          appendAudit(ctx, { actorId: null, action: 'workflow.approveFailed', subjectId: caller.user.id });
        })();
        throw new AppError('WRONG_PASSWORD');
      }
      if (!sealed || !privateKey) {
        throw new AppError(
          'CONFLICT',
          'Không mở được khóa ký duyệt của tài khoản này. Hãy đăng xuất, đăng nhập lại rồi duyệt lại; nếu vẫn lỗi, hãy báo quản trị viên.',
        );
      }
      recordSuccess(ctx, account, request.client);
      return transition(ctx, caller, input.articleId, 'approved', {
        note: input.note,
        signer: { privateKey, keyFingerprint: sealed.fingerprint },
        expectHash: article.contentHash,
      });
    },
  },

  'workflow.publish': {
    access: 'article.publish',
    run(ctx, input, caller) {
      assertApprovalHolds(readable(ctx, input.articleId, caller));
      return transition(ctx, caller, input.articleId, 'published');
    },
  },

  'workflow.schedule': {
    access: 'article.publish',
    run(ctx, input, caller) {
      if (Date.parse(input.at) <= ctx.now().getTime()) {
        throw new AppError('INVALID_INPUT', 'Thời điểm lên lịch phải ở tương lai. Hãy chọn lại ngày giờ.', [
          { path: 'at', message: 'Thời điểm đã qua.' },
        ]);
      }
      assertApprovalHolds(readable(ctx, input.articleId, caller));
      return transition(ctx, caller, input.articleId, 'scheduled', {
        note: input.note,
        scheduledFor: new Date(input.at).toISOString(),
      });
    },
  },

  'workflow.withdraw': {
    access: 'article.unpublish',
    run: (ctx, input, caller) => transition(ctx, caller, input.articleId, 'withdrawn', { note: input.note }),
  },

  'workflow.history': {
    access: 'article.readOwn',
    run(ctx, input, caller) {
      readable(ctx, input.articleId, caller);
      return { items: listEvents(ctx, input.articleId), refused: listRefusedEvents(ctx, input.articleId) };
    },
  },
};
