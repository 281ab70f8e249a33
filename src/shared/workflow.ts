import type { ArticleStatus } from './domain';
import type { Action, WorkflowEventKind } from './review';

/**
 * Every legal status change, in one place: an event of this kind may be appended only when the
 * article is in one of `from`, and it moves the article to `to`. Nothing else changes a status.
 * The core enforces it on every write and lists from it what a caller may do with an article.
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

/** What a person can ask of an article's workflow: one button each in the review panel. */
export const WORKFLOW_ACTIONS = ['submit', 'requestChanges', 'approve', 'publish', 'schedule', 'withdraw'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/**
 * Each action: the event it appends, the permission it needs, and whether someone other than the
 * author needs `article.editOthers` too (sending an article to review speaks for its author).
 */
export const WORKFLOW_ACTION_RULES: Record<
  WorkflowAction,
  { event: WorkflowEventKind; permission: Action; authorOrEditor: boolean }
> = {
  submit: { event: 'submitted', permission: 'article.submit', authorOrEditor: true },
  requestChanges: { event: 'changes_requested', permission: 'article.requestChanges', authorOrEditor: false },
  approve: { event: 'approved', permission: 'article.approve', authorOrEditor: false },
  publish: { event: 'published', permission: 'article.publish', authorOrEditor: false },
  schedule: { event: 'scheduled', permission: 'article.publish', authorOrEditor: false },
  withdraw: { event: 'withdrawn', permission: 'article.unpublish', authorOrEditor: false },
};

/**
 * The workflow actions open to someone holding `permissions`, on an article in `status`, that
 * they wrote or not. Whether an approval still holds is checked when the action is taken: the
 * button stays, and the refusal says why.
 */
export function workflowActionsFor(
  permissions: readonly Action[],
  status: ArticleStatus,
  isAuthor: boolean,
): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((action) => {
    const rule = WORKFLOW_ACTION_RULES[action];
    if (!permissions.includes(rule.permission)) return false;
    if (rule.authorOrEditor && !isAuthor && !permissions.includes('article.editOthers')) return false;
    return isLegal(rule.event, status);
  });
}
