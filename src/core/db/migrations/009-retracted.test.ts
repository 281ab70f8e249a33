import { describe, expect, it } from 'vitest';
import { databaseAtVersion } from '../../testkit';
import { migrate } from '../connection';

const NOW = '2026-04-15T03:51:38.000Z';

/** A version-8 database with one article sent to review and approved. */
function versionEightDatabase() {
  const { db, file } = databaseAtVersion(8);
  db.prepare(
    `INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
     VALUES ('u1', 'phongvien', 'Huỳnh Thị Ly', 'reporter', 'x', ?, ?)`,
  ).run(NOW, NOW);
  db.prepare(
    `INSERT INTO articles (id, title, summary, body_json, body_text, author_id, status, created_at, updated_at, updated_by)
     VALUES ('a1', 'Con đường di sản', '', '{}', '', 'u1', 'approved', ?, ?, 'u1')`,
  ).run(NOW, NOW);
  const event = db.prepare(
    `INSERT INTO article_events (id, article_id, kind, actor_id, at, from_status, to_status, content_hash, note,
                                 signature_format)
     VALUES (?, 'a1', ?, 'u1', ?, ?, ?, 'h', ?, ?)`,
  );
  event.run('e1', 'submitted', NOW, 'draft', 'submitted', 'Gửi duyệt', null);
  event.run('e2', 'approved', NOW, 'submitted', 'approved', '', 1);
  return { db, file };
}

describe('migration 009 (retracted events)', () => {
  it('keeps every event as it was, in order, and accepts a retraction afterwards', () => {
    const { db } = versionEightDatabase();
    const before = db.prepare('SELECT * FROM article_events ORDER BY seq').all();
    expect(() =>
      db
        .prepare(
          `INSERT INTO article_events (id, article_id, kind, actor_id, at, from_status, to_status, content_hash)
           VALUES ('e3', 'a1', 'retracted', 'u1', ?, 'submitted', 'draft', 'h')`,
        )
        .run(NOW),
    ).toThrow(/CHECK/);
    migrate(db, 9);
    expect(db.pragma('user_version', { simple: true })).toBe(9);
    expect(db.prepare('SELECT * FROM article_events ORDER BY seq').all()).toEqual(before);
    db.prepare(
      `INSERT INTO article_events (id, article_id, kind, actor_id, at, from_status, to_status, content_hash)
       VALUES ('e3', 'a1', 'retracted', 'u1', ?, 'submitted', 'draft', 'h')`,
    ).run(NOW);
    expect(db.prepare('SELECT kind FROM article_events ORDER BY seq').pluck().all()).toEqual([
      'submitted',
      'approved',
      'retracted',
    ]);
  });

  it('keeps the log append-only', () => {
    const { db } = versionEightDatabase();
    migrate(db, 9);
    expect(() => db.prepare("UPDATE article_events SET note = 'x' WHERE id = 'e1'").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM article_events WHERE id = 'e1'").run()).toThrow(/append-only/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO article_events (id, article_id, kind, actor_id, at, from_status, to_status, content_hash) VALUES ('e4', 'a1', 'nonsense', 'u1', 'x', 'a', 'b', 'h')",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
