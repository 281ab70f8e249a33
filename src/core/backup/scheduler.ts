import type { CoreContext } from '../context';
import type { Db } from '../db/connection';
import { backupBeforeMigration, makeBackup, type BackupFile } from './backup';
import type { BackupReason } from './rotation';
import { join } from 'node:path';
import { backupFolder, readBackupSettings, storedBackupSettings } from './settings';

/** The last automatic backup's failure, per workstation, until one succeeds. */
const failures = new WeakMap<CoreContext, string>();

export function lastBackupError(ctx: CoreContext): string | null {
  return failures.get(ctx) ?? null;
}

/** One backup now, into the folder the settings name, keeping what they say to keep. */
export async function backupNow(ctx: CoreContext, reason: BackupReason): Promise<BackupFile> {
  const settings = readBackupSettings(ctx);
  const folder = backupFolder(ctx, settings);
  if (folder === null) throw new Error('Máy này chưa có thư mục dữ liệu để đặt bản sao lưu.');
  try {
    const made = await makeBackup(ctx.db, folder, reason, ctx.now(), {
      daily: settings.keepDaily,
      weekly: settings.keepWeekly,
    });
    failures.delete(ctx);
    return made;
  } catch (error) {
    const words = `Không sao lưu được vào "${folder}": ${(error as Error).message} Hãy kiểm tra thư mục sao lưu (ổ mạng đã kết nối, còn chỗ trống, có quyền ghi) trong Cài đặt → Sao lưu.`;
    failures.set(ctx, words);
    throw new Error(words, { cause: error });
  }
}

/**
 * Backs up on start and then every `everyHours` hours the app is running (read again each time, so
 * a changed setting takes effect at the next one). Failures are kept for the settings screen and
 * logged; the app keeps working.
 */
export class BackupScheduler {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly ctx: CoreContext,
    private readonly log: (message: string) => void,
  ) {}

  start(): void {
    void this.run('khoi-dong');
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async run(reason: BackupReason): Promise<void> {
    if (this.stopped) return;
    try {
      await backupNow(this.ctx, reason);
    } catch (error) {
      this.log((error as Error).message);
    }
    if (this.stopped) return;
    const hours = readBackupSettings(this.ctx).everyHours;
    this.timer = setTimeout(() => void this.run('dinh-ky'), hours * 3_600_000);
    this.timer.unref();
  }
}

/**
 * The copy made before migrations change the database, into the folder its settings name (read
 * straight from the table: the context does not exist yet), or `sao-luu` in the data folder.
 */
export function backupBeforeMigrationFrom(db: Db, dataDir: string): string {
  const settings = storedBackupSettings(db);
  const folder = settings.folder || join(dataDir, 'sao-luu');
  return backupBeforeMigration(db, folder, new Date(), { daily: settings.keepDaily, weekly: settings.keepWeekly });
}
