import { describe, expect, it } from 'vitest';
import { databaseAtVersion } from '../../testkit';
import { migrate } from '../connection';

const NOW = '2026-04-15T03:51:38.000Z';

/** A version-9 database with an article and two workflow events, one of them a signed approval. */
function versionNineDatabase() {
  const { db } = databaseAtVersion(9);
  db.prepare(
    `INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
     VALUES ('u1', 'truongphong', 'Nguyễn Văn Thuỷ', 'head', 'x', ?, ?)`,
  ).run(NOW, NOW);
  db.prepare("INSERT INTO user_keys (fingerprint, user_id, public_key, created_at) VALUES ('f', 'u1', 'k', ?)").run(
    NOW,
  );
  db.prepare(
    `INSERT INTO articles (id, title, body_json, body_text, author_id, status, created_at, updated_at, updated_by)
     VALUES ('a1', 'Festival Huế 2026', '{}', '', 'u1', 'approved', ?, ?, 'u1')`,
  ).run(NOW, NOW);
  const event = db.prepare(
    `INSERT INTO article_events (id, article_id, kind, actor_id, at, from_status, to_status, content_hash, signature,
                                 key_fingerprint, signature_format)
     VALUES (?, 'a1', ?, 'u1', ?, ?, ?, 'h', ?, ?, ?)`,
  );
  event.run('e1', 'submitted', NOW, 'draft', 'submitted', null, null, null);
  event.run('e2', 'approved', NOW, 'submitted', 'approved', 'chữ ký', 'f', 1);
  return db;
}

describe('migration 010 (approval chain head)', () => {
  it('keeps every event as it was, with no chain head for the approvals given before', () => {
    const db = versionNineDatabase();
    const before = db.prepare('SELECT * FROM article_events ORDER BY seq').all();
    migrate(db, 10);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    const after = db.prepare('SELECT * FROM article_events ORDER BY seq').all() as Record<string, unknown>[];
    expect(after.map(({ audit_head: _head, ...rest }) => rest)).toEqual(before);
    expect(after.map((row) => row.audit_head)).toEqual([null, null]);
    db.close();
  });

  it('takes a 64-character head on new events and keeps the log append-only', () => {
    const db = versionNineDatabase();
    migrate(db, 10);
    const insert = db.prepare(
      `INSERT INTO article_events (id, article_id, kind, actor_id, at, from_status, to_status, content_hash, audit_head)
       VALUES (?, 'a1', 'scheduled', 'u1', ?, 'approved', 'scheduled', 'h', ?)`,
    );
    insert.run('e3', NOW, 'a'.repeat(64));
    expect(() => insert.run('e4', NOW, 'abc')).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE article_events SET audit_head = 'b' WHERE id = 'e3'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM article_events').run()).toThrow(/append-only/);
    db.close();
  });
});
