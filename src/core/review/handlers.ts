import { ARTICLE_STATUSES, type ArticleStatus } from '../../shared/domain';
import type { FeatureHandlers } from '../api/handler';
import { can } from '../auth/permissions';
import { listReviewed } from '../articles/view';

export const reviewHandlers: FeatureHandlers<'review.queue'> = {
  'review.queue': {
    access: 'article.readOwn',
    run(ctx, _input, caller) {
      const everyone = can(caller.user.role, 'article.readOthers');
      const visible = listReviewed(ctx, everyone ? undefined : caller.user.id);
      const reviewer = can(caller.user.role, 'article.requestChanges') || can(caller.user.role, 'article.approve');
      // Oldest first: what has waited longest is reviewed first.
      const byAge = (a: { updatedAt: string }, b: { updatedAt: string }) => a.updatedAt.localeCompare(b.updatedAt);
      const counts = Object.fromEntries(ARTICLE_STATUSES.map((status) => [status, 0])) as Record<ArticleStatus, number>;
      for (const article of visible) counts[article.status] += 1;
      return {
        waiting: reviewer ? visible.filter((a) => a.status === 'submitted').sort(byAge) : [],
        returned: visible.filter((a) => a.authorId === caller.user.id && a.status === 'changes_requested').sort(byAge),
        counts,
      };
    },
  },
};
