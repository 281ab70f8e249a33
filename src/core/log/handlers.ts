import type { FeatureHandlers } from '../api/handler';
import { logForSupport } from './log';

export const logHandlers: FeatureHandlers<'logs.export'> = {
  // Anyone signed in on this workstation: whoever meets the error is the one support asks. The log holds
  // what went wrong and where, never a password (the WordPress client masks its own).
  'logs.export': {
    access: 'session',
    async run(ctx) {
      await ctx.log.flush();
      return logForSupport(ctx.dataDir, ctx.now());
    },
  },
};
