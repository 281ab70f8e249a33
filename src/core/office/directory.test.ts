import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendDirectoryEntries, readDirectory, type DirectoryEntry } from '../../shared/sync/directory';
import { findOfficeKey } from '../seal/officeKey';
import { unseal } from '../signoff/keys';
import { PASSWORD, openSeededCore, openTestCore, type TestCore } from '../testkit';
import { applyDirectory, directoryEntriesFromDatabase } from './directory';

const userRow = (core: TestCore, username: string) =>
  core.db
    .prepare('SELECT id, role, disabled, key_fingerprint, private_key, password_hash FROM users WHERE username = ?')
    .get(username) as
    | {
        id: string;
        role: string;
        disabled: number;
        key_fingerprint: string;
        private_key: string;
        password_hash: string;
      }
    | undefined;

describe('the office directory between two databases', () => {
  it('carries every account from the office workstation to a fresh one, where each signs in with her password', async () => {
    const { core: office, sessions } = await openSeededCore();
    const fresh = openTestCore();
    try {
      const { officeKey, entries } = directoryEntriesFromDatabase(office.ctx);
      const fingerprint = findOfficeKey(office.ctx)!.fingerprint;
      expect(entries.map((entry) => entry.username).sort()).toEqual(
        ['bientap', 'phongvien', 'phongvien2', 'quantri', 'truongphong'].sort(),
      );
      // Deterministic: the same accounts give the same signed entries.
      expect(directoryEntriesFromDatabase(office.ctx).entries).toEqual(entries);

      const doc = new Y.Doc();
      appendDirectoryEntries(doc, entries, officeKey);
      // A forged entry in the document (an account made administrator without a valid signature).
      const reporter = entries.find((entry) => entry.username === 'phongvien') as DirectoryEntry;
      doc.getArray('entries').push([{ ...reporter, role: 'admin', updatedAt: '2026-05-01T00:00:00.000Z' }]);

      const joined = new Y.Doc();
      Y.applyUpdate(joined, Y.encodeStateAsUpdate(doc));
      const verified = await readDirectory(joined, { fingerprint });
      const applied = applyDirectory(fresh.ctx, verified);
      expect(applied.created).toHaveLength(5);
      expect(applied.rejected.map((r) => r.reason)).toEqual([
        'Chữ ký của khóa văn phòng không đúng: mục giả mạo hoặc đã bị sửa.',
      ]);

      for (const username of ['quantri', 'phongvien', 'truongphong']) {
        const here = userRow(fresh, username)!;
        const there = userRow(office, username)!;
        expect(here).toEqual(there);
        const login = await fresh.call('auth.login', { username, password: PASSWORD });
        expect(login.user.username).toBe(username);
        expect(await unseal(here.private_key, PASSWORD)).not.toBeNull();
      }
      expect(userRow(fresh, 'phongvien')?.role).toBe('reporter');
      const wrong = await fresh.tryCall('auth.login', { username: 'phongvien', password: 'không-phải-mật-khẩu' });
      expect(wrong.ok).toBe(false);
      const keys = (core: TestCore) =>
        core.db
          .prepare('SELECT fingerprint, user_id, public_key, created_at FROM user_keys ORDER BY fingerprint')
          .all();
      expect(keys(fresh)).toEqual(keys(office));

      // Applying the same directory again changes nothing.
      const again = applyDirectory(fresh.ctx, await readDirectory(joined, { fingerprint }));
      expect(again.created).toEqual([]);
      expect(again.updated).toEqual([]);
      expect(again.unchanged).toHaveLength(5);

      // The administrator disables an account; the next version of the directory reaches the fresh database.
      office.clock.advance(60_000);
      const target = userRow(office, 'phongvien2')!;
      await office.call('users.disable', { id: target.id }, sessions.quantri);
      appendDirectoryEntries(joined, directoryEntriesFromDatabase(office.ctx).entries);
      const later = applyDirectory(fresh.ctx, await readDirectory(joined, { fingerprint }));
      expect(later.updated).toEqual([target.id]);
      expect(userRow(fresh, 'phongvien2')?.disabled).toBe(1);
      expect((await fresh.tryCall('auth.login', { username: 'phongvien2', password: PASSWORD })).ok).toBe(false);
    } finally {
      office.close();
      fresh.close();
    }
  });

  it('applies nothing from a directory whose office key is not the pinned one, and reports a name taken here', async () => {
    const { core: office } = await openSeededCore();
    const other = openTestCore();
    try {
      const { officeKey, entries } = directoryEntriesFromDatabase(office.ctx);
      const doc = new Y.Doc();
      appendDirectoryEntries(doc, entries, officeKey);
      // Pinned to another office: the document offers no key with that fingerprint.
      const verified = await readDirectory(doc, { fingerprint: 'ab'.repeat(32) });
      const applied = applyDirectory(other.ctx, verified);
      expect(applied.created).toEqual([]);
      expect(applied.rejected).toHaveLength(5);
      expect((other.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n).toBe(0);

      // A workstation that already has its own "quantri" (another account) keeps it and says so.
      await other.call('setup.createAdmin', { username: 'quantri', displayName: 'Người khác', password: PASSWORD });
      const clash = applyDirectory(
        other.ctx,
        await readDirectory(doc, { fingerprint: findOfficeKey(office.ctx)!.fingerprint }),
      );
      expect(clash.conflicts).toEqual([
        expect.objectContaining({
          username: 'quantri',
          reason: 'Tên đăng nhập quantri đã thuộc một tài khoản khác trên máy này.',
        }),
      ]);
      expect(clash.created).toHaveLength(4);
    } finally {
      office.close();
      other.close();
    }
  });
});
