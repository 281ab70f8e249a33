import type { ArticleStatus } from '../../shared/domain';
import type { WorkflowEventKind } from '../../shared/review';

/**
 * Every legal status change, in one place: an event of this kind may be appended only when the
 * article is in one of `from`, and it moves the article to `to`. Nothing else changes a status.
 */
export const TRANSITIONS: Record<WorkflowEventKind, { from: readonly ArticleStatus[]; to: ArticleStatus }> = {
  submitted: { from: ['draft', 'changes_requested', 'withdrawn'], to: 'submitted' },
  changes_requested: { from: ['submitted', 'approved', 'scheduled'], to: 'changes_requested' },
  approved: { from: ['submitted'], to: 'approved' },
  // Any edit after sign-off, including to a published article, goes back to review.
  approval_voided: { from: ['approved', 'scheduled', 'published'], to: 'submitted' },
  scheduled: { from: ['approved'], to: 'scheduled' },
  published: { from: ['approved', 'scheduled'], to: 'published' },
  withdrawn: { from: ['published', 'scheduled'], to: 'withdrawn' },
};

/** Statuses in which the article carries a sign-off that an edit would void. */
export const SIGNED_STATUSES: readonly ArticleStatus[] = TRANSITIONS.approval_voided.from;

export function isLegal(kind: WorkflowEventKind, from: ArticleStatus): boolean {
  return TRANSITIONS[kind].from.includes(from);
}
