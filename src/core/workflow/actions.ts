import { ROLES, type ArticleStatus, type Role } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { EditAccess, WorkflowEventKind } from '../../shared/review';
import { editAccessFor, workflowActionsFor, type WorkflowAction } from '../../shared/workflow';
import { MATRIX } from '../auth/permissions';
import type { CoreContext } from '../context';
import { readWorkflowSettings } from './settings';

interface ArticleRef {
  authorId: string;
  status: ArticleStatus;
}
interface UserRef {
  id: string;
  role: Role;
}

/**
 * What `user` may do with this article now, from their role, whether they wrote it, its status,
 * the transition table and the office's rule on signing one's own article. The renderer shows
 * exactly these; each request is still checked.
 */
export function workflowActions(ctx: CoreContext, article: ArticleRef, user: UserRef): WorkflowAction[] {
  return workflowActionsFor(MATRIX[user.role], article.status, article.authorId === user.id).filter(
    (action) => action !== 'approve' || selfApprovalRefusal(ctx, article, user) === null,
  );
}

/** Whether `user` may change the article's text now (shared/workflow.ts says when). */
export function editAccess(ctx: CoreContext, article: ArticleRef & { id: string }, user: UserRef): EditAccess {
  const lastEvent = ctx.db
    .prepare('SELECT kind FROM article_events WHERE article_id = ? ORDER BY seq DESC LIMIT 1')
    .pluck()
    .get(article.id) as WorkflowEventKind | undefined;
  return editAccessFor(MATRIX[user.role], article.status, article.authorId === user.id, lastEvent ?? null);
}

/**
 * Why `user` may not sign this article because she wrote it, or null when she may. Under the
 * default rule an author signs her own article only while no other active account could sign it.
 */
export function selfApprovalRefusal(ctx: CoreContext, article: ArticleRef, user: UserRef): string | null {
  if (article.authorId !== user.id) return null;
  const { selfApproval } = readWorkflowSettings(ctx);
  if (selfApproval === 'always') return null;
  if (selfApproval === 'never') {
    return 'Theo quy định của cơ quan, người viết bài không tự ký duyệt bài của mình. Hãy nhờ một trưởng phòng khác duyệt.';
  }
  const signingRoles = ROLES.filter((role) => MATRIX[role].includes('article.approve'));
  const others = ctx.db
    .prepare(
      `SELECT count(*) FROM users
       WHERE disabled = 0 AND id <> ? AND role IN (${signingRoles.map(() => '?').join(', ')})`,
    )
    .pluck()
    .get(user.id, ...signingRoles) as number;
  if (others === 0) return null;
  return 'Bài này do chính bạn viết, và cơ quan còn người khác có quyền ký duyệt. Hãy nhờ người đó duyệt bài.';
}

export function assertMayApprove(ctx: CoreContext, article: ArticleRef, user: UserRef): void {
  const refusal = selfApprovalRefusal(ctx, article, user);
  if (refusal) throw new AppError('FORBIDDEN', refusal);
}
