import { articleHandlers } from '../articles/handlers';
import { authHandlers } from '../auth/handlers';
import { backupHandlers } from '../backup/handlers';
import { categoryHandlers } from '../categories/handlers';
import { checklistHandlers } from '../checklist/handlers';
import { commentHandlers } from '../comments/handlers';
import { imageHandlers } from '../images/handlers';
import { logHandlers } from '../log/handlers';
import { recoveryHandlers } from '../recovery/handlers';
import { updateHandlers } from '../updates/handlers';
import { officeHandlers } from '../office/handlers';
import { organisationHandlers } from '../organisation/handlers';
import { proofreadHandlers } from '../proofread/handlers';
import { publishingHandlers } from '../publish/handlers';
import { reviewHandlers } from '../review/handlers';
import { searchHandlers } from '../search/handlers';
import { revisionHandlers } from '../revisions/handlers';
import { accountHandlers } from '../users/accountHandlers';
import { userHandlers } from '../users/handlers';
import { workflowHandlers } from '../workflow/handlers';
import { workflowSettingsHandlers } from '../workflow/settingsHandlers';
import type { HandlerMap } from './handler';

/** The whole API: one map, combined from the features. The type checker insists every method is here. */
export const handlers: HandlerMap = {
  ...userHandlers,
  ...accountHandlers,
  ...authHandlers,
  ...articleHandlers,
  ...searchHandlers,
  ...workflowHandlers,
  ...workflowSettingsHandlers,
  ...organisationHandlers,
  ...categoryHandlers,
  ...backupHandlers,
  ...logHandlers,
  ...recoveryHandlers,
  ...updateHandlers,
  ...commentHandlers,
  ...reviewHandlers,
  ...revisionHandlers,
  ...imageHandlers,
  ...proofreadHandlers,
  ...checklistHandlers,
  ...publishingHandlers,
  ...officeHandlers,
};
