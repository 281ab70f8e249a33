import { z } from 'zod';
import type { ArticleStatus } from './domain';
import type { Action, EditAccess, WorkflowEventKind } from './review';

/**
 * Every legal status change, in one place: an event of this kind may be appended only when the
 * article is in one of `from`, and it moves the article to `to`. Nothing else changes a status.
 * The core enforces it on every write and lists from it what a caller may do with an article.
 */
export const TRANSITIONS: Record<WorkflowEventKind, { from: readonly ArticleStatus[]; to: ArticleStatus }> = {
  submitted: { from: ['draft', 'changes_requested', 'withdrawn'], to: 'submitted' },
  // The author takes an article back from review to change it ("Rút lại").
  retracted: { from: ['submitted'], to: 'draft' },
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
export const WORKFLOW_ACTIONS = [
  'submit',
  'retract',
  'requestChanges',
  'approve',
  'publish',
  'schedule',
  'withdraw',
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/**
 * Who besides the permission holder's role decides: `anyone` holding the permission; the author
 * or someone holding `article.editOthers` (sending an article to review speaks for its author);
 * or the `author` alone (only she can take her own article back).
 */
export type ActionHolder = 'anyone' | 'authorOrEditor' | 'author';

/** Each action: the event it appends, the permission it needs, and whose article it may act on. */
export const WORKFLOW_ACTION_RULES: Record<
  WorkflowAction,
  { event: WorkflowEventKind; permission: Action; holder: ActionHolder }
> = {
  submit: { event: 'submitted', permission: 'article.submit', holder: 'authorOrEditor' },
  retract: { event: 'retracted', permission: 'article.retract', holder: 'author' },
  requestChanges: { event: 'changes_requested', permission: 'article.requestChanges', holder: 'anyone' },
  approve: { event: 'approved', permission: 'article.approve', holder: 'anyone' },
  publish: { event: 'published', permission: 'article.publish', holder: 'anyone' },
  schedule: { event: 'scheduled', permission: 'article.publish', holder: 'anyone' },
  withdraw: { event: 'withdrawn', permission: 'article.unpublish', holder: 'anyone' },
};

/** Whether someone holding `permissions` acts on this article as its rule allows, whatever its status. */
export function holdsAction(permissions: readonly Action[], action: WorkflowAction, isAuthor: boolean): boolean {
  const rule = WORKFLOW_ACTION_RULES[action];
  if (!permissions.includes(rule.permission)) return false;
  if (rule.holder === 'author') return isAuthor;
  if (rule.holder === 'authorOrEditor') return isAuthor || permissions.includes('article.editOthers');
  return true;
}

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
  // A draft is its author's until she sends it: an editor re-sends an article that came back from
  // review or off the site, never one its author has not yet let go of.
  const othersDraft = !isAuthor && status === 'draft';
  return WORKFLOW_ACTIONS.filter(
    (action) =>
      holdsAction(permissions, action, isAuthor) &&
      isLegal(WORKFLOW_ACTION_RULES[action].event, status) &&
      !(othersDraft && action === 'submit'),
  );
}

/**
 * Whether the text may be changed now. An article sent to review is locked for its author, so what
 * the reviewer reads does not move under them, until it is returned or she takes it back; an
 * editor may still correct it. An article back in review because an edit voided its sign-off stays
 * open to whoever was editing it: the edit that voided it is the one under way. A signed article
 * opens read-only: editing it voids the sign-off, so the editor asks first.
 */
export function editAccessFor(
  permissions: readonly Action[],
  status: ArticleStatus,
  isAuthor: boolean,
  lastEvent: WorkflowEventKind | null,
): EditAccess {
  if (!permissions.includes(isAuthor ? 'article.editOwn' : 'article.editOthers')) return 'locked';
  if (status === 'submitted' && isAuthor && lastEvent !== 'approval_voided') return 'locked';
  return SIGNED_STATUSES.includes(status) ? 'voidsApproval' : 'open';
}

/**
 * Whether a head may sign an article she wrote herself: `never`; `whenSoleSigner`, only while no
 * other active account may sign (a one-head office must still be able to publish); `always`.
 */
export const SELF_APPROVAL_POLICIES = ['never', 'whenSoleSigner', 'always'] as const;
export type SelfApprovalPolicy = (typeof SELF_APPROVAL_POLICIES)[number];

/** Office-wide workflow settings, chosen by an administrator. */
export const workflowSettingsSchema = z.object({ selfApproval: z.enum(SELF_APPROVAL_POLICIES) }).strict();
export type WorkflowSettings = z.infer<typeof workflowSettingsSchema>;
export const DEFAULT_WORKFLOW_SETTINGS: WorkflowSettings = { selfApproval: 'whenSoleSigner' };
