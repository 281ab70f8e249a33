import { join } from 'node:path';
import { DEFAULT_BACKUP_SETTINGS, backupSettingsSchema, type BackupSettings } from '../../shared/backup';
import type { CoreContext } from '../context';
import type { Db } from '../db/connection';
import { settingStore } from '../settings/store';

const store = settingStore('backup', backupSettingsSchema, DEFAULT_BACKUP_SETTINGS);

export const readBackupSettings = store.read;

/**
 * The settings as stored, from the database alone: for the command line and for the copy made
 * before migrations, when there is no core yet. The defaults where an older schema has no settings.
 */
export function storedBackupSettings(db: Db): BackupSettings {
  try {
    return store.read({ db } as CoreContext);
  } catch {
    return { ...DEFAULT_BACKUP_SETTINGS };
  }
}

export function writeBackupSettings(ctx: CoreContext, value: BackupSettings, userId: string): BackupSettings {
  return store.write(ctx, { ...value, folder: value.folder.trim() }, userId);
}

/** Where backups go: the folder set, or `sao-luu` in the data folder. */
export function backupFolder(ctx: CoreContext, settings = readBackupSettings(ctx)): string | null {
  if (settings.folder !== '') return settings.folder;
  return ctx.dataDir === null ? null : join(ctx.dataDir, 'sao-luu');
}
