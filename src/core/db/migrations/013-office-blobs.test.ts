import { describe, expect, it } from 'vitest';
import { databaseAtVersion } from '../../testkit';
import { migrate } from '../connection';

const NOW = '2026-12-02T03:51:38.000Z';

describe('migration 013 (office blobs)', () => {
  it('adds the list of images the server holds, empty: every image already stored is still to be sent', () => {
    const { db } = databaseAtVersion(12);
    db.prepare(
      `INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
       VALUES ('u1', 'phongvien', 'Huỳnh Thị Ly', 'reporter', 'x', ?, ?)`,
    ).run(NOW, NOW);
    const hash = 'ab'.repeat(32);
    db.prepare(
      `INSERT INTO images (hash, mime, width, height, bytes, web_mime, web_width, web_height, web_bytes, created_at, created_by)
       VALUES (?, 'image/jpeg', 1, 1, x'00', 'image/jpeg', 1, 1, x'00', ?, 'u1')`,
    ).run(hash, NOW);
    migrate(db, 13);
    expect(db.pragma('user_version', { simple: true })).toBe(13);
    expect(db.prepare('SELECT count(*) FROM images').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM office_blobs_sent').pluck().get()).toBe(0);
    const sent = db.prepare('INSERT INTO office_blobs_sent (hash, sent_at) VALUES (?, ?)');
    sent.run(hash, NOW);
    expect(() => sent.run(hash, NOW)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => sent.run('kh\u00f4ng-ph\u1ea3i-m\u00e3', NOW)).toThrow(/CHECK/);
  });
});
