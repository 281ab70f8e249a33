import { z } from 'zod';
import { text } from './api/fields';

/**
 * How the workstation backs its database up: into a folder (empty: `sao-luu` in the data folder;
 * it may be a network share), every so many hours of use and on each start, keeping the newest of
 * each of the last days and weeks.
 */
export const backupSettingsSchema = z
  .object({
    folder: text(1000, { trim: true }),
    everyHours: z.number().int().min(1, 'Ít nhất mỗi giờ một lần.').max(168, 'Nhiều nhất mỗi tuần một lần.'),
    keepDaily: z.number().int().min(1).max(60),
    keepWeekly: z.number().int().min(0).max(52),
  })
  .strict();
export type BackupSettings = z.infer<typeof backupSettingsSchema>;

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { folder: '', everyHours: 4, keepDaily: 7, keepWeekly: 4 };

export const backupFileSchema = z.object({
  file: z.string(),
  at: z.iso.datetime(),
  reason: z.enum(['khoi-dong', 'dinh-ky', 'truoc-nang-cap', 'thu-cong']),
  bytes: z.number().int().nonnegative(),
});
export type BackupFileInfo = z.infer<typeof backupFileSchema>;

export const backupStatusSchema = z.object({
  settings: backupSettingsSchema,
  /** The folder backups go to, as the workstation resolves it. */
  folder: z.string().nullable(),
  backups: z.array(backupFileSchema),
  /** The last automatic backup's failure, in words, until one succeeds. */
  lastError: z.string().nullable(),
  /** A backup the next start will restore. */
  pendingRestore: z.string().nullable(),
  /**
   * The workstation belongs to an office: after a restore, the articles it shares come back from
   * the server as the office holds them now (a backup takes back only what never left this machine).
   */
  inOffice: z.boolean(),
});
export type BackupStatus = z.infer<typeof backupStatusSchema>;

/** A backup named by its file name in the backup folder: nothing else may be restored through the API. */
export const backupNameSchema = z
  .string()
  .regex(/^bientap-\d{8}-\d{6}-[a-z-]+\.sqlite$/, 'Không phải tên một bản sao lưu.');

export const integritySchema = z.object({ ok: z.boolean(), problems: z.array(z.string()) });
