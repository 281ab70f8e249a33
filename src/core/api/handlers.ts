import { articleHandlers } from '../articles/handlers';
import { authHandlers } from '../auth/handlers';
import { commentHandlers } from '../comments/handlers';
import { imageHandlers } from '../images/handlers';
import { reviewHandlers } from '../review/handlers';
import { revisionHandlers } from '../revisions/handlers';
import { accountHandlers } from '../users/accountHandlers';
import { userHandlers } from '../users/handlers';
import { workflowHandlers } from '../workflow/handlers';
import type { HandlerMap } from './handler';

/** The whole API: one map, combined from the features. The type checker insists every method is here. */
export const handlers: HandlerMap = {
  ...userHandlers,
  ...accountHandlers,
  ...authHandlers,
  ...articleHandlers,
  ...workflowHandlers,
  ...commentHandlers,
  ...reviewHandlers,
  ...revisionHandlers,
  ...imageHandlers,
};
