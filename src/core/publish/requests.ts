import type { WorkflowEventKind } from '../../shared/review';
import { slugify, uniqueSlug } from '../../shared/slug';
import { isSlugTaken } from '../articles/repo';
import type { CoreContext } from '../context';
import { enqueue } from './outbox';

/**
 * The outbox side of a status change, called inside the transaction that appends the event:
 * publishing (now or at the scheduled time) queues the signed hash for every site, withdrawing
 * queues the removal.
 */
export function queuePublishing(
  ctx: CoreContext,
  articleId: string,
  kind: WorkflowEventKind,
  contentHash: string,
  scheduledFor: string | null,
  userId: string,
): void {
  if (kind === 'published' || kind === 'scheduled') {
    enqueue(ctx, articleId, 'publish', { contentHash, notBefore: scheduledFor, userId });
  } else if (kind === 'withdrawn') {
    enqueue(ctx, articleId, 'withdraw', { contentHash: null, userId });
  }
}

/** Gives an article without a page address one derived from its title, unique among articles. */
export function settleSlug(ctx: CoreContext, articleId: string): void {
  const row = ctx.db.prepare('SELECT slug, title FROM articles WHERE id = ?').get(articleId) as
    { slug: string; title: string } | undefined;
  if (!row || row.slug !== '') return;
  const slug = uniqueSlug(slugify(row.title), (candidate) => isSlugTaken(ctx, candidate, articleId));
  ctx.db.prepare('UPDATE articles SET slug = ? WHERE id = ?').run(slug, articleId);
  // The address is part of the article: on an office workstation its shared document takes it too,
  // or the next change from a live editor or another workstation would write the empty one back.
  ctx.office.articleSaved(articleId);
}
