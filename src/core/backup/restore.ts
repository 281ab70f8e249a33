import {
  copyFileSync,
  existsSync,
  openSync,
  fsyncSync,
  closeSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { DATABASE_FILE } from '../dataFile';
import { checkDatabaseFile, makePrivate, PRIVATE_FILE } from './backup';

/** Left in the data folder by "Khôi phục từ bản sao lưu": the next start puts that backup in place. */
export const RESTORE_MARKER = 'khoi-phuc.json';

export class RestoreError extends Error {}

function checked(backup: string): void {
  if (!existsSync(backup)) throw new RestoreError(`Không có tệp sao lưu ${backup}.`);
  const check = checkDatabaseFile(backup);
  if (check.ok) return;
  throw new RestoreError(
    check.problem === 'newer'
      ? `Bản sao lưu ${basename(backup)} do một phiên bản Biên Tập mới hơn tạo (${check.detail}). Hãy cập nhật Biên Tập trước khi khôi phục bản này.`
      : `Bản sao lưu ${basename(backup)} bị hỏng (${check.detail}). Hãy chọn một bản sao lưu khác.`,
  );
}

/**
 * Asks the next start to restore `backup`: the running app keeps its open database, and nothing is
 * replaced under it. The backup is checked now and again when it is put in place.
 */
export function scheduleRestore(dataDir: string, backup: string): void {
  checked(backup);
  writeFileSync(join(dataDir, RESTORE_MARKER), `${JSON.stringify({ backup })}\n`, { mode: PRIVATE_FILE });
}

export function pendingRestore(dataDir: string): string | null {
  const marker = join(dataDir, RESTORE_MARKER);
  if (!existsSync(marker)) return null;
  const { backup } = JSON.parse(readFileSync(marker, 'utf8')) as { backup?: unknown };
  return typeof backup === 'string' ? backup : null;
}

export function cancelRestore(dataDir: string): void {
  rmSync(join(dataDir, RESTORE_MARKER), { force: true });
}

/**
 * Before the database opens: puts a scheduled backup in place. The current file (with its WAL and
 * shared-memory files) is kept beside it as `bientap.sqlite.truoc-khoi-phuc-<time>`, never
 * deleted. Returns the name the old file was kept under, or null when nothing was scheduled.
 */
export function applyPendingRestore(dataDir: string, at: Date): { backup: string; keptAs: string | null } | null {
  const backup = pendingRestore(dataDir);
  if (backup === null) return null;
  checked(backup);
  const database = join(dataDir, DATABASE_FILE);
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const keptAs = existsSync(database) ? `${DATABASE_FILE}.truoc-khoi-phuc-${stamp}` : null;
  if (keptAs) {
    for (const suffix of ['-wal', '-shm', ''].reverse())
      if (existsSync(database + suffix)) renameSync(database + suffix, join(dataDir, keptAs + suffix));
  }
  const temp = `${database}.khoi-phuc.tmp`;
  copyFileSync(backup, temp);
  const handle = openSync(temp, 'r+');
  try {
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
  makePrivate(temp, PRIVATE_FILE);
  renameSync(temp, database);
  cancelRestore(dataDir);
  return { backup, keptAs };
}
