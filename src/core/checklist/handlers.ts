import type { FeatureHandlers } from '../api/handler';
import { assertReadable } from '../articles/handlers';
import { findArticle } from '../articles/repo';
import { computeChecklist } from './checklist';

export const checklistHandlers: FeatureHandlers<'checklist.get'> = {
  'checklist.get': {
    access: 'article.readOwn',
    run(ctx, input, caller) {
      const article = findArticle(ctx, input.articleId);
      assertReadable(article, caller);
      return computeChecklist(ctx, article);
    },
  },
};
