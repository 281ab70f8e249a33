import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openReadOnly } from '../db/binding';
import type { Db } from '../db/connection';
import { LATEST_VERSION } from '../db/migrations';
import { backupFileName, backupsToKeep, parseBackupName, type BackupReason, type KeepRule } from './rotation';

export interface BackupFile {
  file: string;
  at: string;
  reason: BackupReason;
  bytes: number;
}

/** Files only their owner reads: a database holds every account's sealed key and every draft. */
export const PRIVATE_FILE = 0o600;
export const PRIVATE_FOLDER = 0o700;

export function makePrivate(path: string, mode: number): void {
  // Windows keeps permissions in ACLs that chmod does not set; the profile folder is the user's own.
  if (process.platform !== 'win32' && existsSync(path)) chmodSync(path, mode);
}

/** What a database file holds, read without writing a byte of it or of its WAL. */
export type FileCheck =
  | { ok: true; version: number }
  | { ok: false; problem: 'damaged' | 'newer' | 'unreadable'; detail: string; version?: number };

/**
 * Opens the file read-only (a read-only connection never checkpoints or removes the WAL), reads its
 * schema version and, unless `quick` is false, runs SQLite's `quick_check` over every page.
 */
export function checkDatabaseFile(
  file: string,
  { nativeBinding, quick = true }: { nativeBinding?: string; quick?: boolean } = {},
): FileCheck {
  let db: Db;
  try {
    db = openReadOnly(file, nativeBinding);
  } catch (error) {
    return { ok: false, problem: 'unreadable', detail: (error as Error).message };
  }
  try {
    // Reading the schema is the first touch of the file: a non-database fails here.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_VERSION)
      return { ok: false, problem: 'newer', version, detail: `lược đồ ${version}, bản này hiểu tới ${LATEST_VERSION}` };
    if (!quick) return { ok: true, version };
    const problems = (db.pragma('quick_check', { simple: false }) as { quick_check: string }[]).map(
      (row) => row.quick_check,
    );
    return problems.length === 1 && problems[0] === 'ok'
      ? { ok: true, version }
      : { ok: false, problem: 'damaged', version, detail: problems.slice(0, 5).join('; ') };
  } catch (error) {
    return { ok: false, problem: 'damaged', detail: (error as Error).message };
  } finally {
    db.close();
  }
}

/** The backups in a folder, newest first. */
export function listBackups(folder: string): BackupFile[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .map((file) => parseBackupName(file))
    .filter((name) => name !== null)
    .map((name) => ({
      file: name.file,
      at: name.at.toISOString(),
      reason: name.reason,
      bytes: statSync(join(folder, name.file)).size,
    }))
    .sort((a, b) => b.at.localeCompare(a.at));
}

function tempBeside(target: string): string {
  return `${target}.${randomBytes(6).toString('hex')}.tmp`;
}

/** The new backup checked, made private and given its name; a copy that fails its check is removed. */
function settle(temp: string, target: string): void {
  const check = checkDatabaseFile(temp);
  if (!check.ok) {
    rmSync(temp, { force: true });
    throw new Error(`Bản sao lưu vừa tạo không đọc lại được (${check.detail}).`);
  }
  makePrivate(temp, PRIVATE_FILE);
  renameSync(temp, target);
}

/**
 * An online backup through SQLite's backup API: the database stays open and in use while it is
 * copied page by page. Written beside its final name, checked, then renamed, so a file with a
 * backup's name is always a whole, readable backup. Older backups beyond `keep` are removed.
 */
export async function makeBackup(
  db: Db,
  folder: string,
  reason: BackupReason,
  at: Date,
  keep: KeepRule,
): Promise<BackupFile> {
  mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER });
  const file = backupFileName(at, reason);
  const target = join(folder, file);
  const temp = tempBeside(target);
  try {
    await db.backup(temp);
    settle(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  pruneBackups(folder, keep);
  return listBackups(folder).find((backup) => backup.file === file)!;
}

/**
 * The copy made before a migration changes the file. Synchronous (`VACUUM INTO`, one consistent
 * snapshot): the migration waits for it, and nothing else runs while the app starts.
 */
export function backupBeforeMigration(db: Db, folder: string, at: Date, keep: KeepRule): string {
  mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER });
  const target = join(folder, backupFileName(at, 'truoc-nang-cap'));
  const temp = tempBeside(target);
  try {
    db.prepare('VACUUM INTO ?').run(temp);
    settle(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  pruneBackups(folder, keep);
  return target;
}

export function pruneBackups(folder: string, keep: KeepRule): string[] {
  const backups = readdirSync(folder)
    .map((file) => parseBackupName(file))
    .filter((name) => name !== null);
  const kept = backupsToKeep(backups, keep);
  const removed = backups.filter((backup) => !kept.has(backup.file)).map((backup) => backup.file);
  for (const file of removed) rmSync(join(folder, file), { force: true });
  return removed;
}
