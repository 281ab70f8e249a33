import { DEFAULT_UPDATE_SETTINGS, updateSettingsSchema } from '../../shared/updates';
import type { FeatureHandlers } from '../api/handler';
import { appendAudit } from '../audit/log';
import { settingStore } from '../settings/store';

const store = settingStore('updates', updateSettingsSchema, DEFAULT_UPDATE_SETTINGS);

export const updateHandlers: FeatureHandlers<'updates.get' | 'updates.set'> = {
  // Public: the desktop app's main process reads it before anyone signs in; an address is no secret.
  'updates.get': { access: 'public', run: (ctx) => store.read(ctx) },
  'updates.set': {
    access: 'settings.manage',
    run(ctx, input, caller) {
      const saved = ctx.db.transaction(() => {
        const value = store.write(ctx, input, caller.user.id);
        appendAudit(ctx, { actorId: caller.user.id, action: 'settings.updates', details: { ...value } });
        return value;
      })();
      ctx.emit('updates.changed', {});
      return saved;
    },
  },
};
