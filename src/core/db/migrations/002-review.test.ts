import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { databaseAtVersion } from '../../testkit';
import { migrate } from '../connection';

const NOW = '2026-04-15T03:51:38.000Z';

/** A version-1 database with the kinds of rows an office had before review existed. */
function versionOneDatabase(): Database.Database {
  const { db } = databaseAtVersion(1);
  const user = db.prepare(
    `INSERT INTO users (id, username, display_name, role, byline, unit, password_hash, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'x', ?, ?)`,
  );
  user.run('u1', 'phongvien', 'Huỳnh Thị Ly', 'reporter', 'Huỳnh Thị Ly', 'Phòng Văn hóa & Thông tin TP Huế', NOW, NOW);
  user.run('u2', 'bientap', 'Lê Thị Hoà', 'editor', 'Hoà Lê', '', NOW, NOW);
  const article = db.prepare(
    `INSERT INTO articles (id, title, summary, body_json, body_text, word_count, author_id, status, version, created_at,
                           updated_at, updated_by)
     VALUES (?, ?, 'Sapo', '{"root":{"type":"root","children":[]}}', 'Nội dung', 2, ?, 'draft', 3, ?, ?, ?)`,
  );
  article.run('a1', 'Đường về Huế', 'u1', NOW, NOW, 'u1');
  article.run('a2', 'Bài của Hoà', 'u2', NOW, NOW, 'u2');
  const revision = db.prepare(
    `INSERT INTO revisions (id, article_id, article_version, kind, title, summary, body_json, body_text, author_id,
                            created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'Sapo', '{}', ?, 'u1', ?, ?)`,
  );
  revision.run('r1', 'a1', 1, 'created', 'Đường về', '', NOW, NOW);
  revision.run('r2', 'a1', 2, 'autosave', 'Đường về Huế', 'Nội dung cũ', NOW, NOW);
  return db;
}

describe('migration 002 (review and sign-off)', () => {
  it('keeps every article and revision, defaults bylines from the author, and widens the revision kinds', () => {
    const db = versionOneDatabase();
    const revisionsBefore = db.prepare('SELECT * FROM revisions ORDER BY id').all();
    migrate(db, 2);
    expect(db.pragma('user_version', { simple: true })).toBe(2);

    const revisionsAfter = db
      .prepare(
        `SELECT id, article_id, article_version, kind, title, summary, body_json, body_text, author_id, created_at,
                updated_at FROM revisions ORDER BY id`,
      )
      .all();
    expect(revisionsAfter).toEqual(revisionsBefore);
    expect(db.prepare('SELECT DISTINCT byline FROM revisions').all()).toEqual([
      { byline: 'Huỳnh Thị Ly (Phòng Văn hóa & Thông tin TP Huế)' },
    ]);
    expect(
      db.prepare('SELECT id, byline, category, tags_json, status, version FROM articles ORDER BY id').all(),
    ).toEqual([
      {
        id: 'a1',
        byline: 'Huỳnh Thị Ly (Phòng Văn hóa & Thông tin TP Huế)',
        category: '',
        tags_json: '[]',
        status: 'draft',
        version: 3,
      },
      { id: 'a2', byline: 'Hoà Lê', category: '', tags_json: '[]', status: 'draft', version: 3 },
    ]);
    expect(db.prepare('SELECT failed_logins, locked_until, key_fingerprint FROM users WHERE id = ?').get('u1')).toEqual(
      {
        failed_logins: 0,
        locked_until: null,
        key_fingerprint: null,
      },
    );

    // The rebuilt table accepts the new kinds, still refuses nonsense, and still belongs to its article.
    const insert = db.prepare(
      `INSERT INTO revisions (id, article_id, article_version, kind, title, summary, body_json, body_text, author_id,
                              created_at, updated_at) VALUES (?, 'a1', 3, ?, '', '', '{}', '', 'u1', ?, ?)`,
    );
    for (const kind of ['submitted', 'changes_requested', 'approved', 'published', 'restored']) {
      insert.run(`r-${kind}`, kind, NOW, NOW);
    }
    expect(() => insert.run('r-x', 'bogus', NOW, NOW)).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO revisions (id, article_id, article_version, kind, title, summary, body_json, body_text,
                                  author_id, created_at, updated_at) VALUES ('r-y', 'nope', 1, 'created', '', '', '{}', '', 'u1', ?, ?)`,
        )
        .run(NOW, NOW),
    ).toThrow(/FOREIGN KEY/);
    expect(
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name = 'revisions_article'").get(),
    ).toEqual({ name: 'revisions_article' });
    expect(db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'revisions'").get()).toEqual({ strict: 1 });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('makes workflow events, comments and public keys append-only', () => {
    const db = versionOneDatabase();
    migrate(db, 2);
    db.prepare(
      `INSERT INTO article_events (id, article_id, kind, actor_id, at, from_status, to_status, content_hash)
       VALUES ('e1', 'a1', 'submitted', 'u1', ?, 'draft', 'submitted', 'h')`,
    ).run(NOW);
    db.prepare(
      `INSERT INTO comment_entries (id, article_id, kind, author_id, at, body) VALUES ('c1', 'a1', 'comment', 'u2', ?, 'Sửa')`,
    ).run(NOW);
    db.prepare("INSERT INTO user_keys (fingerprint, user_id, public_key, created_at) VALUES ('f', 'u1', 'k', ?)").run(
      NOW,
    );
    for (const table of ['article_events', 'comment_entries', 'user_keys']) {
      expect(() => db.prepare(`UPDATE ${table} SET rowid = rowid`).run(), table).toThrow(/append-only/);
      expect(() => db.prepare(`DELETE FROM ${table}`).run(), table).toThrow(/append-only/);
    }
    expect(() =>
      db
        .prepare(
          `INSERT INTO article_events (id, article_id, kind, actor_id, at, from_status, to_status, content_hash)
           VALUES ('e2', 'a1', 'deleted', 'u1', ?, 'draft', 'draft', 'h')`,
        )
        .run(NOW),
    ).toThrow(/CHECK/);
    // A reply must name its thread; a thread opener must not.
    expect(() =>
      db
        .prepare(
          `INSERT INTO comment_entries (id, article_id, kind, author_id, at) VALUES ('c2', 'a1', 'reply', 'u1', ?)`,
        )
        .run(NOW),
    ).toThrow(/CHECK/);
    db.close();
  });
});
