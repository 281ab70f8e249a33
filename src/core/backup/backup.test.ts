import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../dataFile';
import { openDatabase } from '../db/connection';
import { openSeededCore, tempDir, type TestCore } from '../testkit';
import { checkDatabaseFile, listBackups } from './backup';
import { applyPendingRestore, pendingRestore } from './restore';
import { backupNow } from './scheduler';

let core: TestCore | undefined;
afterEach(() => core?.close());

const mode = (file: string) => statSync(file).mode & 0o777;

describe('backups from the settings', () => {
  it('are made online on demand, private, readable, listed, and only by an administrator', async () => {
    const seeded = await openSeededCore();
    core = seeded.core;
    const s = seeded.sessions;
    await core.call('articles.create', { title: 'Bài trước khi sao lưu' }, s.phongvien);
    expect(await core.tryCall('backup.now', {}, s.truongphong)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    const made = await core.call('backup.now', {}, s.quantri);
    const folder = join(core.dir, 'sao-luu');
    const file = join(folder, made.file);
    expect(made).toMatchObject({ reason: 'thu-cong' });
    expect(checkDatabaseFile(file)).toMatchObject({ ok: true });
    const copy = new Database(file, { readonly: true });
    expect(copy.prepare('SELECT title FROM articles').pluck().all()).toContain('Bài trước khi sao lưu');
    copy.close();
    if (process.platform !== 'win32') {
      expect(mode(file)).toBe(0o600);
      expect(mode(folder)).toBe(0o700);
    }
    const status = await core.call('backup.status', {}, s.quantri);
    expect(status.backups.map((backup) => backup.file)).toEqual([made.file]);
    expect(status.folder).toBe(folder);
    // A single workstation: a restore takes everything back.
    expect(status.inOffice).toBe(false);
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('go to the folder the administrator sets, and say clearly when it cannot be written', async () => {
    const seeded = await openSeededCore();
    core = seeded.core;
    const s = seeded.sessions;
    const share = join(tempDir(), 'o-mang');
    const settings = { folder: share, everyHours: 6, keepDaily: 7, keepWeekly: 4 };
    await core.call('backup.settings.set', settings, s.quantri);
    expect((await core.call('backup.now', {}, s.quantri)).file).toMatch(/^bientap-.*-thu-cong\.sqlite$/);
    expect(listBackups(share)).toHaveLength(1);

    // A file where the folder should be: as a share that is not mounted would fail.
    const blocked = join(tempDir(), 'khong-phai-thu-muc');
    writeFileSync(blocked, 'x');
    await core.call('backup.settings.set', { ...settings, folder: blocked }, s.quantri);
    const refused = await core.tryCall('backup.now', {}, s.quantri);
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(JSON.stringify(refused)).toContain('Cài đặt → Sao lưu');
    expect((await core.call('backup.status', {}, s.quantri)).lastError).toContain(blocked);
  });

  it('keep the last day whole and the newest of each day before it', async () => {
    const seeded = await openSeededCore();
    core = seeded.core;
    await core.call(
      'backup.settings.set',
      { folder: '', everyHours: 4, keepDaily: 2, keepWeekly: 0 },
      seeded.sessions.quantri,
    );
    for (const at of [
      '2026-11-27T01:00:00Z',
      '2026-11-27T05:00:00Z',
      '2026-11-28T01:00:00Z',
      '2026-11-30T01:00:00Z',
      '2026-11-30T03:00:00Z',
    ]) {
      core.clock.now = new Date(at);
      await backupNow(core.ctx, 'dinh-ky');
    }
    expect(listBackups(join(core.dir, 'sao-luu')).map((backup) => backup.at)).toEqual([
      '2026-11-30T03:00:00.000Z',
      '2026-11-30T01:00:00.000Z',
      '2026-11-28T01:00:00.000Z',
    ]);
  });

  it('report the database whole with integrity_check', async () => {
    const seeded = await openSeededCore();
    core = seeded.core;
    expect(await core.call('backup.check', {}, seeded.sessions.quantri)).toEqual({ ok: true, problems: [] });
  });
});

describe('restoring a backup', () => {
  it('is scheduled from the settings and put in place at the next start, keeping the current file', async () => {
    const seeded = await openSeededCore();
    core = seeded.core;
    const s = seeded.sessions;
    await core.call('articles.create', { title: 'Có trong bản sao lưu' }, s.phongvien);
    const made = await core.call('backup.now', {}, s.quantri);
    await core.call('articles.create', { title: 'Viết sau bản sao lưu' }, s.phongvien);
    expect(await core.tryCall('backup.restore', { file: '../bientap.sqlite' }, s.quantri)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const status = await core.call('backup.restore', { file: made.file }, s.quantri);
    expect(status.pendingRestore).toBe(join(core.dir, 'sao-luu', made.file));
    // Nothing changes under the running app.
    expect(core.db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(2);

    const dir = core.dir;
    core.db.close();
    const applied = applyPendingRestore(dir, new Date('2026-12-03T07:00:00Z'))!;
    expect(applied.keptAs).toBe(`${DATABASE_FILE}.truoc-khoi-phuc-20261203-070000`);
    expect(pendingRestore(dir)).toBeNull();
    const reopened = openDatabase(join(dir, DATABASE_FILE));
    expect(reopened.prepare('SELECT title FROM articles').pluck().all()).toEqual(['Có trong bản sao lưu']);
    reopened.close();
    // The file it replaced is kept whole beside it.
    const kept = new Database(join(dir, applied.keptAs!), { readonly: true });
    expect(kept.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(2);
    kept.close();
  });

  it('refuses a damaged backup and leaves the current file alone', async () => {
    const seeded = await openSeededCore();
    core = seeded.core;
    const made = await core.call('backup.now', {}, seeded.sessions.quantri);
    const file = join(core.dir, 'sao-luu', made.file);
    const bytes = readFileSync(file);
    bytes.write('không phải SQLite', 0);
    writeFileSync(file, bytes);
    const refused = await core.tryCall('backup.restore', { file: made.file }, seeded.sessions.quantri);
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(refused)).toContain('bị hỏng');
    expect(existsSync(join(core.dir, 'khoi-phuc.json'))).toBe(false);
  });
});
