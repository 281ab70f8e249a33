import { AppError } from '../../shared/errors';
import type { CommentThread } from '../../shared/review';
import type { Caller, FeatureHandlers } from '../api/handler';
import { assertReadable } from '../articles/handlers';
import { findArticle } from '../articles/repo';
import { appendAudit } from '../audit/log';
import type { CoreContext } from '../context';
import { appendEntry, findThreadOf, listThreads } from './repo';

function articleText(ctx: CoreContext, articleId: string, caller: Caller): string {
  const article = findArticle(ctx, articleId);
  assertReadable(article, caller);
  return article.bodyText;
}

function thread(ctx: CoreContext, articleId: string, threadId: string, caller: Caller): CommentThread {
  return listThreads(ctx, articleId, articleText(ctx, articleId, caller)).find((t) => t.id === threadId)!;
}

function threadOf(ctx: CoreContext, commentId: string, caller: Caller): { threadId: string; articleId: string } {
  const found = findThreadOf(ctx, commentId);
  if (!found) throw new AppError('NOT_FOUND', 'Không tìm thấy góp ý này. Hãy tải lại danh sách góp ý.');
  articleText(ctx, found.articleId, caller);
  return found;
}

export const commentHandlers: FeatureHandlers<
  'comments.add' | 'comments.reply' | 'comments.resolve' | 'comments.list'
> = {
  'comments.add': {
    access: 'article.comment',
    run(ctx, input, caller) {
      const text = articleText(ctx, input.articleId, caller);
      if (input.anchor && !text.includes(input.anchor.exact.normalize('NFC'))) {
        throw new AppError('INVALID_INPUT', 'Đoạn văn được chọn không còn trong bài. Hãy tải lại bài rồi chọn lại.', [
          { path: 'anchor.exact', message: 'Không có trong nội dung bài.' },
        ]);
      }
      const id = ctx.db.transaction(() => {
        const id = appendEntry(ctx, {
          articleId: input.articleId,
          threadId: null,
          kind: 'comment',
          authorId: caller.user.id,
          body: input.body,
          anchor: input.anchor ?? null,
        });
        appendAudit(ctx, {
          actorId: caller.user.id,
          action: 'comment.add',
          subjectId: input.articleId,
          details: { commentId: id },
        });
        return id;
      })();
      return thread(ctx, input.articleId, id, caller);
    },
  },

  'comments.reply': {
    access: 'article.comment',
    run(ctx, input, caller) {
      const { threadId, articleId } = threadOf(ctx, input.commentId, caller);
      ctx.db.transaction(() => {
        const id = appendEntry(ctx, { articleId, threadId, kind: 'reply', authorId: caller.user.id, body: input.body });
        appendAudit(ctx, {
          actorId: caller.user.id,
          action: 'comment.reply',
          subjectId: articleId,
          details: { commentId: threadId, replyId: id },
        });
      })();
      return thread(ctx, articleId, threadId, caller);
    },
  },

  'comments.resolve': {
    access: 'article.comment',
    run(ctx, input, caller) {
      const { threadId, articleId } = threadOf(ctx, input.commentId, caller);
      const current = thread(ctx, articleId, threadId, caller);
      if (!current.resolved) {
        ctx.db.transaction(() => {
          appendEntry(ctx, { articleId, threadId, kind: 'resolved', authorId: caller.user.id });
          appendAudit(ctx, {
            actorId: caller.user.id,
            action: 'comment.resolve',
            subjectId: articleId,
            details: { commentId: threadId },
          });
        })();
      }
      return thread(ctx, articleId, threadId, caller);
    },
  },

  'comments.list': {
    access: 'article.readOwn',
    run: (ctx, input, caller) => ({
      items: listThreads(ctx, input.articleId, articleText(ctx, input.articleId, caller)),
    }),
  },
};
