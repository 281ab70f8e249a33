import { describe, expect, it } from 'vitest';
import { databaseAtVersion } from '../../testkit';
import { migrate } from '../connection';

const NOW = '2026-12-03T05:15:00.000Z';

describe('migration 014 (images arrived)', () => {
  it('adds the table of fetched originals awaiting their rendition, empty, leaving the stored images alone', () => {
    const { db } = databaseAtVersion(13);
    db.prepare(
      `INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
       VALUES ('u1', 'phongvien', 'Huỳnh Thị Ly', 'reporter', 'x', ?, ?)`,
    ).run(NOW, NOW);
    db.prepare(
      `INSERT INTO images (hash, mime, width, height, bytes, web_mime, web_width, web_height, web_bytes, created_at, created_by)
       VALUES (?, 'image/jpeg', 1, 1, x'00', 'image/jpeg', 1, 1, x'00', ?, 'u1')`,
    ).run('ab'.repeat(32), NOW);
    migrate(db, 14);
    expect(db.pragma('user_version', { simple: true })).toBe(14);
    expect(db.prepare('SELECT count(*) FROM images').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM images_arrived').pluck().get()).toBe(0);
    const arrive = db.prepare(
      `INSERT INTO images_arrived (hash, mime, width, height, bytes, created_at, created_by) VALUES (?, ?, 2, 3, x'00', ?, ?)`,
    );
    arrive.run('cd'.repeat(32), 'image/png', NOW, 'u1');
    expect(() => arrive.run('cd'.repeat(32), 'image/png', NOW, 'u1')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => arrive.run('ef'.repeat(32), 'image/svg+xml', NOW, 'u1')).toThrow(/CHECK/);
    expect(() => arrive.run('short', 'image/png', NOW, 'u1')).toThrow(/CHECK/);
  });
});
