import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testkit';
import { openDatabase } from './connection';
import { LATEST_VERSION } from './migrations';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const digest = (file: string) =>
  existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'không có';

/** A database of the current schema with enough rows to span many pages, closed cleanly. */
function database(): string {
  const dir = tempDir();
  dirs.push(dir);
  const file = join(dir, 'bientap.sqlite');
  const db = openDatabase(file);
  db.exec('CREATE TABLE ghi_chu (id INTEGER PRIMARY KEY, noi_dung TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO ghi_chu (noi_dung) VALUES (?)');
  for (let i = 0; i < 400; i++) insert.run(`Dòng ghi chú số ${i}: ${'phong trào toàn dân '.repeat(10)}`);
  db.close();
  return file;
}

/** The page a table's rows start on, 1-based, as SQLite numbers them. */
function rootPage(file: string, table: string): { page: number; size: number } {
  const db = new Database(file, { readonly: true });
  const page = db.prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?').pluck().get(table) as number;
  const size = db.pragma('page_size', { simple: true }) as number;
  db.close();
  return { page, size };
}

const EMPTY = createHash('sha256').update('').digest('hex');

/**
 * Opening fails with the message, and neither the file nor its WAL changed (SQLite may leave an
 * empty WAL where there was none: nothing in it).
 */
function expectRefusedUntouched(file: string, message: RegExp) {
  const before = { file: digest(file), wal: digest(`${file}-wal`) };
  expect(() => openDatabase(file)).toThrow(message);
  expect(digest(file)).toBe(before.file);
  expect([before.wal, EMPTY]).toContain(digest(`${file}-wal`));
  if (before.wal !== 'không có') expect(digest(`${file}-wal`)).toBe(before.wal);
}

describe('a damaged database file', () => {
  it('with a bad header is refused and left as it was', () => {
    const file = database();
    const bytes = readFileSync(file);
    bytes.write('Biên Tập hỏng!!', 0);
    writeFileSync(file, bytes);
    expectRefusedUntouched(file, /bị hỏng.*Tệp được giữ nguyên.*Sao lưu/s);
  });

  it('with a flipped b-tree page behind a valid header is found at open, not by a later request', () => {
    const file = database();
    const { page, size } = rootPage(file, 'ghi_chu');
    const bytes = readFileSync(file);
    // The page type byte of the table's root page: an interior page made to claim it is something else.
    bytes[(page - 1) * size] = 0x00;
    writeFileSync(file, bytes);
    expectRefusedUntouched(file, /bị hỏng/);
  });

  it('cut short is refused and left as it was', () => {
    const file = database();
    truncateSync(file, Math.floor(statSync(file).size / 2));
    expectRefusedUntouched(file, /bị hỏng/);
  });

  it('whose WAL was lost opens with what the file itself holds', () => {
    const file = database();
    const db = openDatabase(file);
    // Written to the WAL only, then the WAL goes missing, as a copy without it would be.
    db.pragma('wal_autocheckpoint = 0');
    db.prepare("INSERT INTO ghi_chu (noi_dung) VALUES ('chỉ có trong WAL')").run();
    copyFileSync(file, `${file}.ban-sao`);
    db.close();
    const copy = `${file}.ban-sao`;
    const opened = openDatabase(copy);
    expect(opened.prepare('SELECT count(*) FROM ghi_chu').pluck().get()).toBe(400);
    opened.close();
  });

  it('whose WAL a newer Biên Tập wrote is refused, the file and the WAL both untouched', () => {
    const file = database();
    // A newer version's migration, committed to the WAL and not yet merged into the file.
    const newer = new Database(file);
    newer.pragma('wal_autocheckpoint = 0');
    newer.pragma(`user_version = ${LATEST_VERSION + 1}`);
    newer.exec('CREATE TABLE tu_ban_moi (x)');
    // Copied while the connection is open: the file and its WAL as a crash or a copy would leave them.
    const dir = tempDir();
    dirs.push(dir);
    const copy = join(dir, 'bientap.sqlite');
    copyFileSync(file, copy);
    copyFileSync(`${file}-wal`, `${copy}-wal`);
    newer.close();
    expect(statSync(`${copy}-wal`).size).toBeGreaterThan(0);
    expectRefusedUntouched(copy, /phiên bản Biên Tập mới hơn/);
  });
});
