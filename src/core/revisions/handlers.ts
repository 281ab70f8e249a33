import { AppError } from '../../shared/errors';
import type { RevisionRef } from '../../shared/review';
import type { Caller, FeatureHandlers } from '../api/handler';
import { assertReadable, assertTextEditable } from '../articles/handlers';
import { prepareContent } from '../articles/content';
import { findArticle, findArticleMeta, snapshotRevision } from '../articles/repo';
import { saveContent } from '../articles/save';
import { loadArticle } from '../articles/view';
import { appendAudit } from '../audit/log';
import { isoNow, type CoreContext } from '../context';
import { wordDiff } from './diff';
import { findRevision, listRevisions, revisionOfLatestEvent, type RevisionRecord } from './repo';

function readableRevision(ctx: CoreContext, id: string, caller: Caller): RevisionRecord {
  const revision = findRevision(ctx, id);
  if (!revision) throw new AppError('NOT_FOUND', 'Không tìm thấy phiên bản này. Hãy tải lại lịch sử phiên bản.');
  assertReadable(findArticleMeta(ctx, revision.articleId), caller);
  return revision;
}

interface Side {
  revision: RevisionRecord | null;
  title: string;
  summary: string;
  bodyText: string;
}

function side(ctx: CoreContext, articleId: string, ref: RevisionRef, caller: Caller): Side {
  if (ref === 'current') {
    const article = findArticle(ctx, articleId)!;
    return { revision: null, title: article.title, summary: article.summary, bodyText: article.bodyText };
  }
  const id =
    ref === 'approved'
      ? revisionOfLatestEvent(ctx, articleId, 'approved')
      : ref === 'my_submission'
        ? revisionOfLatestEvent(ctx, articleId, 'submitted', caller.user.id)
        : ref;
  if (!id) {
    throw new AppError(
      'NOT_FOUND',
      ref === 'approved'
        ? 'Bài này chưa có lần duyệt nào để so sánh.'
        : 'Bạn chưa gửi duyệt bài này lần nào để so sánh.',
    );
  }
  const revision = readableRevision(ctx, id, caller);
  if (revision.articleId !== articleId) throw new AppError('NOT_FOUND');
  return { revision, title: revision.title, summary: revision.summary, bodyText: revision.bodyText };
}

function summaryOf(revision: RevisionRecord | null) {
  if (!revision) return null;
  const {
    summary: _s,
    body: _b,
    bodyText: _t,
    byline: _y,
    category: _c,
    tags: _g,
    slug: _l,
    featuredImage: _f,
    ...rest
  } = revision;
  return rest;
}

export const revisionHandlers: FeatureHandlers<
  'revisions.list' | 'revisions.get' | 'revisions.compare' | 'revisions.restore'
> = {
  'revisions.list': {
    access: 'article.readOwn',
    run(ctx, input, caller) {
      assertReadable(findArticleMeta(ctx, input.articleId), caller);
      return { items: listRevisions(ctx, input.articleId) };
    },
  },

  'revisions.get': {
    access: 'article.readOwn',
    run: (ctx, input, caller) => readableRevision(ctx, input.id, caller),
  },

  'revisions.compare': {
    access: 'article.readOwn',
    run(ctx, input, caller) {
      assertReadable(findArticleMeta(ctx, input.articleId), caller);
      const from = side(ctx, input.articleId, input.from, caller);
      const to = side(ctx, input.articleId, input.to, caller);
      return {
        from: summaryOf(from.revision),
        to: summaryOf(to.revision),
        title: wordDiff(from.title, to.title),
        summary: wordDiff(from.summary, to.summary),
        body: wordDiff(from.bodyText, to.bodyText),
      };
    },
  },

  'revisions.restore': {
    access: 'article.editOwn',
    run(ctx, input, caller) {
      const revision = readableRevision(ctx, input.revisionId, caller);
      const articleId = revision.articleId;
      const content = prepareContent(revision.title, revision.summary, revision.body);
      const at = isoNow(ctx);
      ctx.db
        .transaction(() => {
          const meta = findArticleMeta(ctx, articleId);
          assertTextEditable(ctx, meta && { ...meta, id: articleId }, caller);
          if (meta.version !== input.baseVersion) throw new AppError('CONFLICT');
          // The page address stays: links to the published page keep working after a restore.
          const { byline, category, tags, featuredImage } = revision;
          // A restore is an edit like any other: it keeps the replaced text and voids a sign-off.
          const restored = { byline, category, tags, featuredImage };
          saveContent(ctx, articleId, input.baseVersion, content, restored, caller.user.id, at);
          snapshotRevision(ctx, articleId, 'restored', caller.user.id, at);
          appendAudit(ctx, {
            actorId: caller.user.id,
            action: 'revision.restore',
            subjectId: articleId,
            details: { revisionId: revision.id },
          });
        })
        .immediate();
      ctx.emit('articles.changed', { id: articleId });
      return loadArticle(ctx, articleId)!;
    },
  },
};
