import { copyFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../index';
import { DATABASE_FILE } from '../dataFile';
import { LATEST_VERSION } from '../db/migrations';
import { databaseAtVersion, tempDir } from '../testkit';
import { listBackups } from './backup';
import { scheduleRestore } from './restore';

let core: Core | undefined;
afterEach(() => core?.close());

const open = (dataDir: string) =>
  openCore({ dataDir, publishWorker: false, backups: false, kdfCost: { N: 1024, r: 8, p: 1 } });

describe('when the workstation starts', () => {
  it('keeps its data folder and database to its user alone', () => {
    const dataDir = join(tempDir(), 'du-lieu');
    core = open(dataDir);
    if (process.platform === 'win32') return;
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, DATABASE_FILE)).mode & 0o777).toBe(0o600);
  });

  it('backs the database up before a migration changes it', () => {
    const dataDir = tempDir();
    const old = databaseAtVersion(LATEST_VERSION - 1);
    old.db.close();
    copyFileSync(old.file, join(dataDir, DATABASE_FILE));
    core = open(dataDir);
    const backups = listBackups(join(dataDir, 'sao-luu'));
    expect(backups.map((backup) => backup.reason)).toEqual(['truoc-nang-cap']);
    const copy = new Database(join(dataDir, 'sao-luu', backups[0]!.file), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(LATEST_VERSION - 1);
    copy.close();
  });

  it('backs up on start when asked to, and puts a scheduled backup in place before opening', async () => {
    const dataDir = tempDir();
    core = openCore({ dataDir, publishWorker: false, kdfCost: { N: 1024, r: 8, p: 1 } });
    await expect
      .poll(() => listBackups(join(dataDir, 'sao-luu')).map((backup) => backup.reason))
      .toEqual(['khoi-dong']);
    const [first] = listBackups(join(dataDir, 'sao-luu'));
    core.close();

    // A change after the backup, then the backup scheduled: the next start brings the earlier state back.
    const db = new Database(join(dataDir, DATABASE_FILE));
    db.prepare(
      "INSERT INTO settings (key, value_json, updated_at) VALUES ('sau-sao-luu', '1', '2026-12-03T00:00:00Z')",
    ).run();
    db.close();
    scheduleRestore(dataDir, join(dataDir, 'sao-luu', first!.file));
    core = open(dataDir);
    const reopened = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    expect(reopened.prepare("SELECT count(*) FROM settings WHERE key = 'sau-sao-luu'").pluck().get()).toBe(0);
    reopened.close();
    expect(existsSync(join(dataDir, 'khoi-phuc.json'))).toBe(false);
    expect(readdirSync(dataDir).filter((name) => name.startsWith(`${DATABASE_FILE}.truoc-khoi-phuc-`))).toHaveLength(1);
  });
});
