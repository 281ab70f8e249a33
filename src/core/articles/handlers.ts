import type { ArticleStatus } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Caller, FeatureHandlers } from '../api/handler';
import { appendAudit } from '../audit/log';
import { can } from '../auth/permissions';
import { assertCategoryListed } from '../categories/settings';
import { isoNow, type CoreContext } from '../context';
import { editAccess, workflowActions } from '../workflow/actions';
import { assertImagesStored } from '../images/references';
import { prepareContent } from './content';
import { emptyEditorState } from './editorState';
import { findArticleMeta, insertArticle, recordRevision } from './repo';
import { saveContent } from './save';
import { listReviewed, loadArticle } from './view';

/** Someone who may not see an article is told it does not exist, not that it is hidden. */
export function assertReadable(article: { authorId: string } | null, caller: Caller): asserts article {
  const mine = article?.authorId === caller.user.id;
  if (!article || (!mine && !can(caller.user.role, 'article.readOthers'))) throw new AppError('NOT_FOUND');
}

export function assertEditable(article: { authorId: string } | null, caller: Caller): asserts article {
  assertReadable(article, caller);
  if (article.authorId !== caller.user.id && !can(caller.user.role, 'article.editOthers')) {
    throw new AppError('FORBIDDEN');
  }
}

/**
 * For a change to the text: who may edit the article, and not its author while it waits in review
 * (she takes it back with workflow.retract first), so the reviewer's text does not move.
 */
export function assertTextEditable(
  ctx: CoreContext,
  article: { id: string; authorId: string; status: ArticleStatus } | null,
  caller: Caller,
): asserts article {
  assertEditable(article, caller);
  if (editAccess(ctx, article, caller.user) === 'locked') throw new AppError('IN_REVIEW');
}

export const articleHandlers: FeatureHandlers<'articles.list' | 'articles.get' | 'articles.create' | 'articles.save'> =
  {
    'articles.list': {
      access: 'article.readOwn',
      run: (ctx, _input, caller) => ({
        items: listReviewed(ctx, can(caller.user.role, 'article.readOthers') ? undefined : caller.user.id),
      }),
    },

    'articles.get': {
      access: 'article.readOwn',
      run(ctx, input, caller) {
        const article = loadArticle(ctx, input.id);
        assertReadable(article, caller);
        return {
          ...article,
          actions: workflowActions(ctx, article, caller.user),
          editing: editAccess(ctx, article, caller.user),
        };
      },
    },

    'articles.create': {
      access: 'article.create',
      run(ctx, input, caller) {
        const id = ctx.newId();
        const at = isoNow(ctx);
        const content = prepareContent(input.title ?? '', '', emptyEditorState());
        ctx.db
          .transaction(() => {
            insertArticle(ctx, id, caller.user.id, content, at);
            recordRevision(ctx, id, 1, 'created', caller.user.id, content, at);
            ctx.office.articleSaved(id);
            appendAudit(ctx, { actorId: caller.user.id, action: 'article.create', subjectId: id });
          })
          .immediate();
        ctx.emit('articles.changed', { id });
        return loadArticle(ctx, id)!;
      },
    },

    'articles.save': {
      access: 'article.editOwn',
      run(ctx, input, caller) {
        const content = prepareContent(input.title, input.summary, input.body);
        const at = isoNow(ctx);
        const result = ctx.db
          .transaction(() => {
            const article = findArticleMeta(ctx, input.id);
            assertTextEditable(ctx, article && { ...article, id: input.id }, caller);
            if (article.version !== input.baseVersion) throw new AppError('CONFLICT');
            assertImagesStored(ctx.db, input.body, input.featuredImage);
            if (input.category !== undefined) assertCategoryListed(ctx, input.category, article.category);
            return saveContent(ctx, input.id, input.baseVersion, content, input, caller.user.id, at, article.status);
          })
          .immediate();
        ctx.emit('articles.changed', { id: input.id });
        return { ...result, updatedAt: at };
      },
    },
  };
