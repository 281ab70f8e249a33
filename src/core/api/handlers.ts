import { articleHandlers } from '../articles/handlers';
import { authHandlers } from '../auth/handlers';
import { userHandlers } from '../users/handlers';
import type { HandlerMap } from './handler';

/** The whole API: one map, combined from the features. The type checker insists every method is here. */
export const handlers: HandlerMap = {
  ...userHandlers,
  ...authHandlers,
  ...articleHandlers,
};
