import { AppError } from '../../shared/errors';
import type { FeatureHandlers } from '../api/handler';

const NOT_DAMAGED = 'Dữ liệu đang đọc được bình thường. Để khôi phục một bản sao lưu, hãy dùng Cài đặt → Sao lưu.';

/** With the data open normally the recovery screen has nothing to do; src/core/recovery/recovery.ts answers otherwise. */
export const recoveryHandlers: FeatureHandlers<'recovery.status' | 'recovery.restore' | 'recovery.export'> = {
  'recovery.status': { access: 'public', run: () => ({ damaged: false as const }) },
  'recovery.restore': {
    access: 'settings.manage',
    run() {
      throw new AppError('INVALID_INPUT', NOT_DAMAGED);
    },
  },
  'recovery.export': {
    access: 'settings.manage',
    run() {
      throw new AppError('INVALID_INPUT', NOT_DAMAGED);
    },
  },
};
