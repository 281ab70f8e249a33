import type { FeatureHandlers } from '../api/handler';
import { appendAudit } from '../audit/log';
import { readWorkflowSettings, writeWorkflowSettings } from './settings';

export const workflowSettingsHandlers: FeatureHandlers<'workflow.settings.get' | 'workflow.settings.set'> = {
  'workflow.settings.get': {
    access: 'session',
    run: (ctx) => readWorkflowSettings(ctx),
  },

  'workflow.settings.set': {
    access: 'settings.manage',
    run(ctx, input, caller) {
      return ctx.db.transaction(() => {
        const saved = writeWorkflowSettings(ctx, input, caller.user.id);
        appendAudit(ctx, { actorId: caller.user.id, action: 'settings.workflow', details: { ...saved } });
        return saved;
      })();
    },
  },
};
