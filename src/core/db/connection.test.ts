import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testkit';
import { migrate, openDatabase, writeWithoutWaiting } from './connection';
import { LATEST_VERSION, MIGRATIONS } from './migrations';

const dirs: string[] = [];
function dbFile(): string {
  const dir = tempDir();
  dirs.push(dir);
  return join(dir, 'bientap.sqlite');
}
const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('creates a WAL database with FULL sync, temporary journals in memory, foreign keys, STRICT tables and the latest schema', () => {
    const db = openDatabase(dbFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const tables = db
      // Ordinary tables only: FTS5's virtual table and the shadow tables it manages cannot be STRICT.
      .prepare(
        "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'",
      )
      .all() as {
      name: string;
      strict: number;
    }[];
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'articles',
        'article_events',
        'audit_log',
        'comment_entries',
        'revisions',
        'sessions',
        'user_keys',
        'users',
      ]),
    );
    for (const table of tables) expect(table, table.name).toMatchObject({ strict: 1 });
    db.close();
  });

  it('reopens an existing database without re-running migrations', () => {
    const file = dbFile();
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });

  it('refuses a database from a newer version and leaves the file untouched', () => {
    const file = dbFile();
    const raw = new Database(file);
    raw.exec('CREATE TABLE future (x TEXT) STRICT; INSERT INTO future VALUES (1)');
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.close();
    const before = digest(file);
    expect(() => openDatabase(file)).toThrow(/phiên bản Biên Tập mới hơn/);
    expect(digest(file)).toBe(before);
  });

  it('refuses a corrupt file with a clear message and leaves it untouched', () => {
    const file = dbFile();
    writeFileSync(file, randomBytes(8192));
    const before = digest(file);
    expect(() => openDatabase(file)).toThrow(/bị hỏng/);
    expect(digest(file)).toBe(before);
  });

  it('refuses a text file that is not a database', () => {
    const file = dbFile();
    writeFileSync(file, 'Thành phố Huế tiếp tục đẩy mạnh công tác xây dựng phong trào\n'.repeat(200));
    const before = digest(file);
    expect(() => openDatabase(file)).toThrow(/bị hỏng/);
    expect(digest(file)).toBe(before);
  });
});

describe('prepared statements and bookkeeping writes', () => {
  it('hands back the compiled statement for the same SQL, with the modes an earlier caller set undone', () => {
    const db = openDatabase(dbFile());
    const sql = 'SELECT version FROM schema_probe WHERE id = ?';
    db.exec('CREATE TABLE schema_probe (id INTEGER PRIMARY KEY, version INTEGER) STRICT');
    db.prepare('INSERT INTO schema_probe VALUES (1, 7), (2, 8)').run();
    expect(db.prepare(sql).pluck().get(1)).toBe(7);
    expect(db.prepare(sql)).toBe(db.prepare(sql));
    // The next caller gets rows, not the plucked value the first asked for.
    expect(db.prepare(sql).get(1)).toEqual({ version: 7 });
    expect(db.prepare(sql).raw().get(2)).toEqual([8]);
    expect(db.prepare(sql).get(2)).toEqual({ version: 8 });
    // A statement still iterating is not handed out again: the nested caller gets its own.
    const all = 'SELECT id FROM schema_probe ORDER BY id';
    const seen: unknown[] = [];
    for (const row of db.prepare(all).iterate()) seen.push(row, db.prepare(all).all().length);
    expect(seen).toEqual([{ id: 1 }, 2, { id: 2 }, 2]);
    db.close();
  });

  it('writes bookkeeping without waiting for the disk, then goes back to FULL; inside a transaction it joins it', () => {
    const db = openDatabase(dbFile());
    db.exec('CREATE TABLE probe (n INTEGER) STRICT');
    const during: unknown[] = [];
    writeWithoutWaiting(db, () => {
      during.push(db.pragma('synchronous', { simple: true }));
      db.prepare('INSERT INTO probe VALUES (1)').run();
    });
    expect(during).toEqual([1]);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.transaction(() => writeWithoutWaiting(db, () => db.prepare('INSERT INTO probe VALUES (2)').run()))();
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.prepare('SELECT n FROM probe ORDER BY n').pluck().all()).toEqual([1, 2]);
    db.close();
  });
});

describe('migrations', () => {
  it('are numbered 1..N without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('001 turns an empty file into the first schema, and its constraints hold', () => {
    const db = new Database(dbFile());
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    db.pragma('foreign_keys = ON');
    migrate(db, 1);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const now = '2026-01-01T00:00:00.000Z';
    db.prepare(
      "INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at) VALUES ('u1', 'Ly', 'Ly', 'reporter', 'x', ?, ?)",
    ).run(now, now);
    // Usernames are unique regardless of case.
    expect(() =>
      db
        .prepare(
          "INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at) VALUES ('u2', 'ly', 'Ly', 'reporter', 'x', ?, ?)",
        )
        .run(now, now),
    ).toThrow(/UNIQUE/);
    // STRICT: a number is not a valid title.
    expect(() =>
      db
        .prepare(
          "INSERT INTO articles (id, title, body_json, author_id, created_at, updated_at, updated_by) VALUES ('a1', x'00', '{}', 'u1', ?, ?, 'u1')",
        )
        .run(now, now),
    ).toThrow(/cannot store BLOB/);
    // Articles need a real author.
    expect(() =>
      db
        .prepare(
          "INSERT INTO articles (id, body_json, author_id, created_at, updated_at, updated_by) VALUES ('a1', '{}', 'nobody', ?, ?, 'u1')",
        )
        .run(now, now),
    ).toThrow(/FOREIGN KEY/);
    // The audit log is append-only.
    db.prepare("INSERT INTO audit_log (id, at, action, prev_hash, hash) VALUES ('e1', ?, 'x', '0', 'h1')").run(now);
    expect(() => db.prepare("UPDATE audit_log SET action = 'y'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    db.close();
  });

  it('a failing migration leaves neither its tables nor a new user_version', () => {
    const db = new Database(dbFile());
    const broken = [
      { version: 1, name: 'broken', up: 'CREATE TABLE half (x TEXT) STRICT; INSERT INTO nowhere VALUES (1);' },
    ];
    expect(() => migrate(db, 1, broken)).toThrow(/no such table: nowhere/);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half'").get()).toEqual({ n: 0 });
    db.close();
  });
});
