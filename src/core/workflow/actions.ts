import type { Role } from '../../shared/domain';
import { workflowActionsFor, type WorkflowAction } from '../../shared/workflow';
import type { ArticleStatus } from '../../shared/domain';
import { MATRIX } from '../auth/permissions';

/**
 * What `user` may do with this article now, from their role, whether they wrote it, its status
 * and the transition table. The renderer shows exactly these; each request is still checked.
 */
export function workflowActions(
  article: { authorId: string; status: ArticleStatus },
  user: { id: string; role: Role },
): WorkflowAction[] {
  return workflowActionsFor(MATRIX[user.role], article.status, article.authorId === user.id);
}
