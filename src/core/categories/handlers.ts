import { listedCategory } from '../../shared/categories';
import { AppError } from '../../shared/errors';
import { nfc } from '../../shared/text';
import type { FeatureHandlers } from '../api/handler';
import { appendAudit } from '../audit/log';
import { choicesFor, mayAddCategory, readCategories, writeCategories } from './settings';

export const categoryHandlers: FeatureHandlers<'categories.list' | 'categories.set' | 'categories.add'> = {
  'categories.list': {
    access: 'session',
    run: (ctx, _input, caller) => choicesFor(readCategories(ctx), caller.user.role),
  },

  'categories.set': {
    access: 'settings.manage',
    run(ctx, input, caller) {
      return ctx.db.transaction(() => {
        const saved = writeCategories(ctx, input, caller.user.id);
        appendAudit(ctx, { actorId: caller.user.id, action: 'settings.categories', details: { ...saved } });
        return choicesFor(saved, caller.user.role);
      })();
    },
  },

  'categories.add': {
    access: 'article.editOwn',
    run(ctx, input, caller) {
      return ctx.db
        .transaction(() => {
          const list = readCategories(ctx);
          if (!mayAddCategory(caller.user.role, list)) {
            throw new AppError(
              'FORBIDDEN',
              'Phóng viên chưa được thêm chuyên mục mới. Hãy chọn chuyên mục trong danh sách, hoặc nhờ biên tập viên hay quản trị viên thêm.',
            );
          }
          // A name the list already holds, however its case or tone marks are written, is that entry.
          const listed = listedCategory(list.names, input.name);
          if (listed) return { ...choicesFor(list, caller.user.role), name: listed };
          const name = nfc(input.name);
          const saved = writeCategories(ctx, { ...list, names: [...list.names, name] }, caller.user.id);
          appendAudit(ctx, { actorId: caller.user.id, action: 'category.add', details: { name } });
          return { ...choicesFor(saved, caller.user.role), name };
        })
        .immediate();
    },
  },
};
