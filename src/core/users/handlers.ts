import type { FeatureHandlers } from '../api/handler';
import { seedDemoIfWanted } from '../demo/seed';
import { createAccount, createFirstAdmin } from './accounts';
import { countUsers, listUsers, toPublicUser } from './repo';

export const userHandlers: FeatureHandlers<'setup.status' | 'setup.createAdmin' | 'users.list' | 'users.create'> = {
  'setup.status': {
    access: 'public',
    run: (ctx) => ({ needsAdmin: countUsers(ctx) === 0 }),
  },

  'setup.createAdmin': {
    access: 'public',
    async run(ctx, input) {
      const result = await createFirstAdmin(ctx, input);
      seedDemoIfWanted(ctx);
      return result;
    },
  },

  'users.list': {
    access: 'user.list',
    run: (ctx) => ({ items: listUsers(ctx).map(toPublicUser) }),
  },

  'users.create': {
    access: 'user.manage',
    run: (ctx, input, caller) => createAccount(ctx, { via: 'api', user: caller.user }, input),
  },
};
