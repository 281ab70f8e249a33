import { describe, expect, it } from 'vitest';
import { databaseAtVersion } from '../../testkit';
import { migrate } from '../connection';

const NOW = '2026-04-15T03:51:38.000Z';

describe('migration 011 (office keys)', () => {
  it('adds an empty, append-only table and leaves the rest as it was', () => {
    const { db } = databaseAtVersion(10);
    db.prepare(
      `INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
       VALUES ('u1', 'truongphong', 'Nguyễn Văn Thuỷ', 'head', 'x', ?, ?)`,
    ).run(NOW, NOW);
    const before = db.prepare('SELECT * FROM users').all();
    migrate(db, 11);
    expect(db.pragma('user_version', { simple: true })).toBe(11);
    expect(db.prepare('SELECT * FROM users').all()).toEqual(before);
    expect(db.prepare('SELECT count(*) AS n FROM office_keys').get()).toEqual({ n: 0 });

    const insert = db.prepare(
      `INSERT INTO office_keys (fingerprint, name, public_key, private_key, created_at) VALUES (?, 'Phòng', 'k', 'p', ?)`,
    );
    insert.run('a'.repeat(64), NOW);
    expect(() => insert.run('short', NOW)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE office_keys SET name = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM office_keys').run()).toThrow(/append-only/);
    db.close();
  });
});
