import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { openReadOnly } from '../core/db/binding';
import { listBackups, makeBackup } from '../core/backup/backup';
import { RestoreError, scheduleRestore } from '../core/backup/restore';
import { storedBackupSettings } from '../core/backup/settings';
import { DATABASE_FILE } from '../core/dataFile';

export class BackupUsageError extends Error {}

function dataFolder(data: string | undefined): { data: string; file: string } {
  if (!data) throw new BackupUsageError('Thiếu --data: thư mục dữ liệu của Biên Tập.');
  const file = join(data, DATABASE_FILE);
  if (!existsSync(file)) throw new BackupUsageError(`Không có tệp dữ liệu ${file}.`);
  return { data, file };
}

/**
 * `bientap backup --data DIR [--to FOLDER]`: an online backup, the app running or not, into the
 * folder given or the one the settings name; `bientap backup list --data DIR` lists them.
 */
export async function backupCommand(
  sub: string | undefined,
  values: { data?: string; to?: string; json?: boolean },
): Promise<number> {
  const { data, file } = dataFolder(values.data);
  const db = openReadOnly(file);
  try {
    const settings = storedBackupSettings(db);
    const folder = values.to ?? (settings.folder || join(data, 'sao-luu'));
    if (sub === 'list') {
      const backups = listBackups(folder);
      if (values.json) console.log(JSON.stringify({ folder, backups }, null, 2));
      else if (backups.length === 0) console.log(`Chưa có bản sao lưu nào trong ${folder}.`);
      else for (const backup of backups) console.log(`${backup.file}\t${backup.bytes} byte`);
      return 0;
    }
    if (sub !== undefined) throw new BackupUsageError(`Không có lệnh “backup ${sub}”.`);
    const made = await makeBackup(db, folder, 'thu-cong', new Date(), {
      daily: settings.keepDaily,
      weekly: settings.keepWeekly,
    });
    if (values.json) console.log(JSON.stringify({ folder, ...made }, null, 2));
    else console.log(`Đã sao lưu: ${join(folder, made.file)}`);
    return 0;
  } finally {
    db.close();
  }
}

/**
 * `bientap restore --data DIR FILE`: the backup is checked now and put in place the next time Biên
 * Tập starts; the current file is kept beside it.
 */
export function restoreCommand(backup: string | undefined, values: { data?: string }): number {
  const { data } = dataFolder(values.data);
  if (!backup) throw new BackupUsageError('Thiếu tệp sao lưu cần khôi phục.');
  const path = isAbsolute(backup) ? backup : resolve(backup);
  try {
    scheduleRestore(data, path);
  } catch (error) {
    if (error instanceof RestoreError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  console.log(
    `Biên Tập sẽ khôi phục ${path} khi khởi động lần tới; tệp dữ liệu hiện tại được giữ lại bên cạnh. ` +
      'Nếu ứng dụng đang mở, hãy đóng rồi mở lại.',
  );
  return 0;
}
