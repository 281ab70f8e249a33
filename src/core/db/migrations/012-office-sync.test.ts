import { describe, expect, it } from 'vitest';
import { databaseAtVersion } from '../../testkit';
import { migrate } from '../connection';

const NOW = '2026-04-15T03:51:38.000Z';

describe('migration 012 (office sync)', () => {
  it('adds the document log and the link state, empty, and leaves the rest as it was', () => {
    const { db } = databaseAtVersion(11);
    db.prepare(
      `INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
       VALUES ('u1', 'truongphong', 'Nguyễn Văn Thuỷ', 'head', 'x', ?, ?)`,
    ).run(NOW, NOW);
    db.prepare(
      `INSERT INTO settings (key, value_json, updated_at, updated_by) VALUES ('office.connection', '{"url":"wss://x"}', ?, NULL)`,
    ).run(NOW);
    const before = {
      users: db.prepare('SELECT * FROM users').all(),
      settings: db.prepare('SELECT * FROM settings').all(),
    };
    migrate(db, 12);
    expect(db.pragma('user_version', { simple: true })).toBe(12);
    expect(db.prepare('SELECT * FROM users').all()).toEqual(before.users);
    expect(db.prepare('SELECT * FROM settings').all()).toEqual(before.settings);
    expect(db.prepare('SELECT count(*) AS n FROM office_document_updates').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM office_sync_state').get()).toEqual({ n: 0 });

    const update = db.prepare(
      'INSERT INTO office_document_updates (document, data, local, pending, received_at) VALUES (?, ?, ?, ?, ?)',
    );
    update.run('office/directory', Buffer.from([0, 0]), 1, 1, NOW);
    update.run('office/directory', Buffer.from([0, 0]), 0, 0, NOW);
    // Only an update made here can wait for the server.
    expect(() => update.run('office/directory', Buffer.from([0, 0]), 0, 1, NOW)).toThrow(/CHECK/);
    expect(() => update.run('office/directory', 'không phải byte', 0, 0, NOW)).toThrow(/BLOB/);

    const state = db.prepare('INSERT INTO office_sync_state (id, state, seen_at) VALUES (?, ?, ?)');
    state.run(1, 'offline', NOW);
    expect(() => state.run(2, 'offline', NOW)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE office_sync_state SET state = 'đang chạy'").run()).toThrow(/CHECK/);
    db.close();
  });
});
