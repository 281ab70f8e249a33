/** Why a backup was made, in its file name. */
export const BACKUP_REASONS = ['khoi-dong', 'dinh-ky', 'truoc-nang-cap', 'thu-cong'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export interface BackupName {
  file: string;
  /** When it was made, to the second, UTC. */
  at: Date;
  reason: BackupReason;
}

const NAME = /^bientap-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-([a-z-]+)\.sqlite$/;

/** `bientap-20261203-140512-dinh-ky.sqlite`: sorts by time, says why. */
export function backupFileName(at: Date, reason: BackupReason): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `bientap-${stamp}-${reason}.sqlite`;
}

/** The backup a file name describes, or null for any other file in the folder. */
export function parseBackupName(file: string): BackupName | null {
  const match = NAME.exec(file);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, reason] = match;
  if (!(BACKUP_REASONS as readonly string[]).includes(reason!)) return null;
  const at = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  return Number.isNaN(at.getTime()) ? null : { file, at, reason: reason as BackupReason };
}

export interface KeepRule {
  /** The newest backup of each of this many most recent days that have one. */
  daily: number;
  /** The newest backup of each of this many most recent weeks (Monday to Sunday) that have one. */
  weekly: number;
}

/** A day and a week in Huế time, where the office's days begin and end. */
const HUE_OFFSET_MS = 7 * 3_600_000;
const dayOf = (at: Date) => Math.floor((at.getTime() + HUE_OFFSET_MS) / 86_400_000);
/** Day 0 (1970-01-01) was a Thursday: weeks counted from the Monday before it. */
const weekOf = (at: Date) => Math.floor((dayOf(at) + 3) / 7);

/** Every backup this recent (before the newest) is kept: the day's periodic ones, the one before an upgrade. */
export const KEEP_ALL_WITHIN_MS = 24 * 3_600_000;

/**
 * The backups to keep: every one of the last 24 hours; for the last `daily` days with a backup the
 * newest of each, and for the last `weekly` weeks with one the newest of each (a backup may count
 * for both). Everything else may go.
 */
export function backupsToKeep(backups: readonly BackupName[], rule: KeepRule): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.at.getTime() - a.at.getTime());
  const keep = new Set<string>();
  const newest = newestFirst[0]?.at.getTime() ?? 0;
  for (const backup of newestFirst) if (newest - backup.at.getTime() < KEEP_ALL_WITHIN_MS) keep.add(backup.file);
  for (const [period, count] of [
    [dayOf, rule.daily],
    [weekOf, rule.weekly],
  ] as const) {
    const seen = new Set<number>();
    for (const backup of newestFirst) {
      const key = period(backup.at);
      if (seen.has(key)) continue;
      if (seen.size >= count) break;
      seen.add(key);
      keep.add(backup.file);
    }
  }
  return keep;
}
