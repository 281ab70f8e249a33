import { describe, expect, it } from 'vitest';
import { databaseAtVersion } from '../../testkit';
import { migrate } from '../connection';

const NOW = '2026-12-03T07:00:00.000Z';

describe('migration 015 (office events)', () => {
  it('keeps the workflow log append-only, except for the article the fold is rewriting', () => {
    const { db } = databaseAtVersion(14);
    db.prepare(
      `INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
       VALUES ('u1', 'phongvien', 'Huỳnh Thị Ly', 'reporter', 'x', ?, ?)`,
    ).run(NOW, NOW);
    for (const id of ['a1', 'a2']) {
      db.prepare(
        `INSERT INTO articles (id, title, body_json, author_id, created_at, updated_at, updated_by)
         VALUES (?, 'Tiêu đề', '{}', 'u1', ?, ?, 'u1')`,
      ).run(id, NOW, NOW);
      db.prepare(
        `INSERT INTO article_events (id, article_id, kind, actor_id, at, from_status, to_status, content_hash)
         VALUES (?, ?, 'submitted', 'u1', ?, 'draft', 'submitted', ?)`,
      ).run(`e-${id}`, id, NOW, 'ab'.repeat(32));
    }
    migrate(db, 15);
    expect(db.prepare('SELECT count(*) FROM article_events').pluck().get()).toBe(2);
    expect(() => db.prepare("DELETE FROM article_events WHERE article_id = 'a1'").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE article_events SET note = 'x'").run()).toThrow(/append-only/);
    db.prepare("INSERT INTO article_events_refold (article_id) VALUES ('a1')").run();
    db.prepare("DELETE FROM article_events WHERE article_id = 'a1'").run();
    expect(() => db.prepare("DELETE FROM article_events WHERE article_id = 'a2'").run()).toThrow(/append-only/);
    expect(db.prepare('SELECT article_id FROM article_events').pluck().all()).toEqual(['a2']);
  });
});
