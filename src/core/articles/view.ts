import type { ReviewedArticle, ReviewedArticleSummary } from '../../shared/review';
import type { CoreContext } from '../context';
import { articleContentHash, latestApproval } from '../signoff/approval';
import { findArticle, listArticles } from './repo';

/** An article as the API shows it: its content plus its review state, the approval verified now. */
export function loadArticle(ctx: CoreContext, id: string): ReviewedArticle | null {
  const article = findArticle(ctx, id);
  if (!article) return null;
  const hash = articleContentHash(article);
  const approval = latestApproval(ctx, id, hash);
  return {
    ...article,
    contentHash: hash,
    latestApproval: approval,
    approval: approval ? (approval.valid ? 'valid' : 'invalid') : 'none',
    live: article.publishedHash !== null,
  };
}

/**
 * Listing verifies approvals too, so a tampered article shows as such everywhere. Only articles
 * with an approval on record are read in full.
 */
export function listReviewed(ctx: CoreContext, onlyAuthorId?: string): ReviewedArticleSummary[] {
  const approved = new Set(
    (
      ctx.db.prepare("SELECT DISTINCT article_id FROM article_events WHERE kind = 'approved'").all() as {
        article_id: string;
      }[]
    ).map((row) => row.article_id),
  );
  const state = new Map(
    (
      ctx.db.prepare('SELECT id, published_hash, scheduled_for FROM articles').all() as {
        id: string;
        published_hash: string | null;
        scheduled_for: string | null;
      }[]
    ).map((row) => [row.id, row]),
  );
  return listArticles(ctx, onlyAuthorId).map((summary) => {
    const row = state.get(summary.id);
    let approval: ReviewedArticleSummary['approval'] = 'none';
    if (approved.has(summary.id)) approval = loadArticle(ctx, summary.id)?.approval ?? 'none';
    return { ...summary, approval, live: !!row?.published_hash, scheduledFor: row?.scheduled_for ?? null };
  });
}
