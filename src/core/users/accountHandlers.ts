import type { FeatureHandlers } from '../api/handler';
import { resetAccountPassword, setAccountDisabled, updateAccount } from './accounts';

/** The API's side of the account service: the rules live in `accounts.ts`, shared with the command line. */
export const accountHandlers: FeatureHandlers<
  'users.update' | 'users.disable' | 'users.enable' | 'users.resetPassword'
> = {
  'users.update': {
    // Anyone may correct their own name, byline and unit; the service keeps everything else to administrators.
    access: 'session',
    run: (ctx, input, caller) => updateAccount(ctx, { via: 'api', user: caller.user }, input),
  },

  'users.disable': {
    access: 'user.manage',
    run: (ctx, input, caller) => setAccountDisabled(ctx, { via: 'api', user: caller.user }, input.id, true),
  },

  'users.enable': {
    access: 'user.manage',
    run: (ctx, input, caller) => setAccountDisabled(ctx, { via: 'api', user: caller.user }, input.id, false),
  },

  'users.resetPassword': {
    access: 'user.manage',
    run: (ctx, input, caller) => resetAccountPassword(ctx, { via: 'api', user: caller.user }, input),
  },
};
