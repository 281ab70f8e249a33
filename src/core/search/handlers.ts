import type { FeatureHandlers } from '../api/handler';
import { can } from '../auth/permissions';
import { searchArticles } from './search';

export const searchHandlers: FeatureHandlers<'articles.search'> = {
  'articles.search': {
    access: 'article.readOwn',
    // Whoever may not read others' articles searches only their own: the scope is set here, not by the caller.
    run: (ctx, input, caller) =>
      searchArticles(ctx.db, input, can(caller.user.role, 'article.readOthers') ? undefined : caller.user.id),
  },
};
