import type { Role } from '../../shared/domain';
import { ACTIONS, type Action } from '../../shared/review';

export { ACTIONS, type Action };

const REPORTER: readonly Action[] = [
  'session',
  'article.readOwn',
  'article.create',
  'article.editOwn',
  'article.submit',
  // Taking one's own article back from review; who may, beyond the role, is in shared/workflow.ts.
  'article.retract',
  'article.comment',
];
const EDITOR: readonly Action[] = [...REPORTER, 'article.readOthers', 'article.editOthers', 'article.requestChanges'];
const HEAD: readonly Action[] = [...EDITOR, 'article.approve', 'article.publish', 'article.unpublish', 'user.list'];

/**
 * Who may do what. The administrator manages accounts and may read every article (to answer
 * for the office's records) and write their own, but does not review, approve or publish:
 * keeping the person who hands out accounts apart from the person who signs articles off
 * means no single account can both create a signer and sign.
 */
export const MATRIX: Record<Role, readonly Action[]> = {
  reporter: REPORTER,
  editor: EDITOR,
  head: HEAD,
  admin: [...REPORTER, 'article.readOthers', 'user.list', 'user.manage', 'settings.manage'],
};

export function can(role: Role, action: Action): boolean {
  return MATRIX[role].includes(action);
}

export function allowedActions(role: Role): Action[] {
  return ACTIONS.filter((action) => can(role, action));
}
