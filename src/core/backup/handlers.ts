import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { FeatureHandlers } from '../api/handler';
import { appendAudit } from '../audit/log';
import { listBackups, type BackupFile } from './backup';
import { RestoreError, pendingRestore, scheduleRestore } from './restore';
import { backupNow, lastBackupError } from './scheduler';
import { backupFolder, readBackupSettings, writeBackupSettings } from './settings';
import type { CoreContext } from '../context';
import { readOfficeConnection } from '../office/invitations';

function status(ctx: CoreContext) {
  const settings = readBackupSettings(ctx);
  const folder = backupFolder(ctx, settings);
  let backups: BackupFile[] = [];
  let unreadable: string | null = null;
  try {
    backups = folder === null ? [] : listBackups(folder);
  } catch (error) {
    unreadable = `Không đọc được thư mục sao lưu "${folder}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Hãy kiểm tra đường dẫn trong Cài đặt → Sao lưu.`;
  }
  return {
    settings,
    folder,
    backups,
    lastError: lastBackupError(ctx) ?? unreadable,
    pendingRestore: ctx.dataDir === null ? null : pendingRestore(ctx.dataDir),
    inOffice: readOfficeConnection(ctx) !== null,
  };
}

export const backupHandlers: FeatureHandlers<
  'backup.status' | 'backup.settings.set' | 'backup.now' | 'backup.restore' | 'backup.check'
> = {
  'backup.status': { access: 'settings.manage', run: (ctx) => status(ctx) },

  'backup.settings.set': {
    access: 'settings.manage',
    run(ctx, input, caller) {
      ctx.db.transaction(() => {
        const saved = writeBackupSettings(ctx, input, caller.user.id);
        appendAudit(ctx, { actorId: caller.user.id, action: 'settings.backup', details: { ...saved } });
      })();
      return status(ctx);
    },
  },

  'backup.now': {
    access: 'settings.manage',
    async run(ctx, _input, caller) {
      let made;
      try {
        made = await backupNow(ctx, 'thu-cong');
      } catch (error) {
        throw new AppError('UNAVAILABLE', (error as Error).message);
      }
      appendAudit(ctx, { actorId: caller.user.id, action: 'backup.made', details: { file: made.file } });
      return made;
    },
  },

  'backup.restore': {
    access: 'settings.manage',
    run(ctx, input, caller) {
      const folder = backupFolder(ctx);
      if (folder === null || ctx.dataDir === null)
        throw new AppError('INVALID_INPUT', 'Máy này chưa có thư mục dữ liệu để khôi phục.');
      if (!listBackups(folder).some((backup) => backup.file === input.file))
        throw new AppError('NOT_FOUND', `Không có bản sao lưu ${input.file} trong ${folder}.`);
      try {
        scheduleRestore(ctx.dataDir, join(folder, input.file));
      } catch (error) {
        if (error instanceof RestoreError) throw new AppError('INVALID_INPUT', error.message);
        throw error;
      }
      appendAudit(ctx, { actorId: caller.user.id, action: 'backup.restoreScheduled', details: { file: input.file } });
      return status(ctx);
    },
  },

  'backup.check': {
    access: 'settings.manage',
    run(ctx) {
      const rows = ctx.db.pragma('integrity_check') as { integrity_check: string }[];
      const problems = rows.map((row) => row.integrity_check).filter((line) => line !== 'ok');
      return { ok: problems.length === 0, problems: problems.slice(0, 50) };
    },
  },
};
