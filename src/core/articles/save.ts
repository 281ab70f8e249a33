import type { ArticleStatus } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { CoreContext } from '../context';
import { articleContentHash } from '../signoff/approval';
import { recordEvent } from '../workflow/events';
import { SIGNED_STATUSES } from '../../shared/workflow';
import {
  findArticle,
  snapshotBeforeSave,
  updateArticleContent,
  updateArticleMetadata,
  type ArticleContent,
  type ArticleMetadata,
} from './repo';

/**
 * Writes new content over `baseVersion` (inside the caller's transaction). An edit to signed-off
 * content voids the sign-off on the spot and sends the article back to review; an edit to a
 * published article leaves the site's version (published_hash) alone until the new one is approved.
 * `knownStatus` is the status the caller read in this same transaction, when it did: an autosave
 * then reads the row once.
 */
export function saveContent(
  ctx: CoreContext,
  articleId: string,
  baseVersion: number,
  content: ArticleContent,
  meta: ArticleMetadata,
  editorId: string,
  at: string,
  knownStatus?: ArticleStatus,
): { version: number; status: ArticleStatus; approvalVoided: boolean } {
  const status =
    knownStatus ??
    (ctx.db.prepare('SELECT status FROM articles WHERE id = ?').pluck().get(articleId) as ArticleStatus | undefined);
  if (status === undefined) throw new AppError('NOT_FOUND');
  // Only a signed article has a signature an edit could void; a draft's autosave skips hashing it twice.
  const signed = SIGNED_STATUSES.includes(status);
  const hashBefore = signed ? articleContentHash(findArticle(ctx, articleId)!) : null;
  snapshotBeforeSave(ctx, articleId, editorId, at);
  if (!updateArticleContent(ctx, articleId, baseVersion, content, editorId, at)) throw new AppError('CONFLICT');
  updateArticleMetadata(ctx, articleId, meta);
  // On an office's workstation the article's shared content takes the change in this transaction.
  ctx.office.articleSaved(articleId);
  const hashAfter = signed ? articleContentHash(findArticle(ctx, articleId)!) : null;
  if (hashAfter === hashBefore) return { version: baseVersion + 1, status, approvalVoided: false };
  const voided = recordEvent(ctx, {
    articleId,
    kind: 'approval_voided',
    actorId: editorId,
    contentHash: hashAfter!,
    note: 'Nội dung đã sửa sau khi duyệt; bài cần được duyệt lại.',
  });
  return { version: baseVersion + 1, status: voided.to, approvalVoided: true };
}
