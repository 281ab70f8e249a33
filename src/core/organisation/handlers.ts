import type { FeatureHandlers } from '../api/handler';
import { appendAudit } from '../audit/log';
import { readOrganisation, writeOrganisation } from './settings';

export const organisationHandlers: FeatureHandlers<'organisation.get' | 'organisation.set'> = {
  'organisation.get': {
    access: 'public',
    run: (ctx) => readOrganisation(ctx),
  },

  'organisation.set': {
    access: 'settings.manage',
    run(ctx, input, caller) {
      return ctx.db.transaction(() => {
        const saved = writeOrganisation(ctx, input, caller.user.id);
        appendAudit(ctx, { actorId: caller.user.id, action: 'settings.organisation', details: { ...saved } });
        return saved;
      })();
    },
  },
};
