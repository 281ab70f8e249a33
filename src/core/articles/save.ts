import type { ArticleStatus } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { CoreContext } from '../context';
import { articleContentHash } from '../signoff/approval';
import { appendEvent } from '../workflow/events';
import { SIGNED_STATUSES } from '../workflow/transitions';
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
 */
export function saveContent(
  ctx: CoreContext,
  articleId: string,
  baseVersion: number,
  content: ArticleContent,
  meta: ArticleMetadata,
  editorId: string,
  at: string,
): { version: number; status: ArticleStatus; approvalVoided: boolean } {
  const before = findArticle(ctx, articleId);
  if (!before) throw new AppError('NOT_FOUND');
  const hashBefore = articleContentHash(before);
  snapshotBeforeSave(ctx, articleId, editorId, at);
  if (!updateArticleContent(ctx, articleId, baseVersion, content, editorId, at)) throw new AppError('CONFLICT');
  updateArticleMetadata(ctx, articleId, meta);
  const after = findArticle(ctx, articleId)!;
  const hashAfter = articleContentHash(after);
  let status = after.status;
  let approvalVoided = false;
  if (SIGNED_STATUSES.includes(status) && hashAfter !== hashBefore) {
    status = appendEvent(ctx, {
      articleId,
      kind: 'approval_voided',
      actorId: editorId,
      contentHash: hashAfter,
      note: 'Nội dung đã sửa sau khi duyệt; bài cần được duyệt lại.',
    }).to;
    approvalVoided = true;
  }
  return { version: baseVersion + 1, status, approvalVoided };
}
