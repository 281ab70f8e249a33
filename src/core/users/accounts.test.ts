import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../audit/log';
import { PAIR_FREE_FAILURES } from '../auth/throttle';
import { approvedArticle } from '../reviewkit';
import { openSeededCore, PASSWORD, type TestCore } from '../testkit';
import { accountByUsername, createAccount, resetAccountPassword, setAccountDisabled } from './accounts';
import { findUserById } from './repo';

let core: TestCore;
let s: Record<string, string>;
beforeEach(async () => {
  ({ core, sessions: s } = await openSeededCore());
});
afterEach(() => core.close());

const NEW_PASSWORD = 'mật-khẩu-mới-của-tôi-2026';
const idOf = (username: string) =>
  (core.db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string }).id;
const fingerprintOf = (username: string) =>
  (core.db.prepare('SELECT key_fingerprint AS f FROM users WHERE username = ?').get(username) as { f: string }).f;
const actions = () =>
  (core.db.prepare('SELECT action FROM audit_log ORDER BY seq').all() as { action: string }[]).map((r) => r.action);

describe('accounts', () => {
  it('every account, the first administrator included, gets an Ed25519 key sealed under its password', () => {
    const rows = core.db
      .prepare(
        'SELECT u.username, u.private_key, k.public_key FROM users u JOIN user_keys k ON k.fingerprint = u.key_fingerprint',
      )
      .all() as { username: string; private_key: string; public_key: string }[];
    expect(rows.map((r) => r.username).sort()).toEqual([
      'bientap',
      'phongvien',
      'phongvien2',
      'quantri',
      'truongphong',
    ]);
    for (const row of rows) {
      // At the context's cost (OWASP's in every host: src/core/auth/kdf.test.ts asserts it).
      expect(JSON.parse(row.private_key)).toMatchObject({ v: 1, kdf: 'scrypt', N: core.ctx.kdfCost.N });
      expect(row.private_key).not.toContain(PASSWORD);
    }
  });

  it('an account from before sign-off existed gets its key at the next sign-in', async () => {
    core.db.prepare("UPDATE users SET key_fingerprint = NULL, private_key = NULL WHERE username = 'truongphong'").run();
    const { session } = await core.call('auth.login', { username: 'truongphong', password: PASSWORD });
    expect(fingerprintOf('truongphong')).toMatch(/^[0-9a-f]{64}$/);
    const { id, version } = await submittedArticle();
    const approved = await core.call('workflow.approve', { articleId: id, version, password: PASSWORD }, session);
    expect(approved.approval).toBe('valid');
  });

  it('disabling signs the person out and refuses sign-in like a wrong password; enabling lets them back', async () => {
    const id = idOf('phongvien');
    expect(await core.call('users.disable', { id }, s.quantri)).toMatchObject({ disabled: true });
    expect(await core.tryCall('auth.me', {}, s.phongvien)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await core.tryCall('auth.login', { username: 'phongvien', password: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_CREDENTIALS' },
    });
    await core.call('users.enable', { id }, s.quantri);
    expect((await core.tryCall('auth.login', { username: 'phongvien', password: PASSWORD })).ok).toBe(true);
    expect(actions()).toEqual(expect.arrayContaining(['user.disable', 'user.enable']));
  });

  it('never disables or demotes the last administrator, nor lets one disable themselves', async () => {
    const admin = idOf('quantri');
    expect(await core.tryCall('users.disable', { id: admin }, s.quantri)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await core.tryCall('users.update', { id: admin, role: 'head' }, s.quantri)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('keeps one active administrator whoever disables, through the API or the command line service', async () => {
    const second = await core.call(
      'users.create',
      { username: 'quantri2', displayName: 'Quản Trị Hai', password: PASSWORD, role: 'admin' },
      s.quantri,
    );
    const { session } = await core.call('auth.login', { username: 'quantri2', password: PASSWORD });
    expect(await core.call('users.disable', { id: idOf('quantri') }, session)).toMatchObject({ disabled: true });
    // The command line acts as no account, so only the last-administrator rule can stop it.
    const cli = { via: 'cli' } as const;
    expect(() => setAccountDisabled(core.ctx, cli, second.id, true)).toThrow(/quản trị viên duy nhất còn hoạt động/);
    expect(await core.tryCall('users.update', { id: second.id, role: 'head' }, session)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(accountByUsername(core.ctx, 'quantri2')).toMatchObject({ disabled: false, role: 'admin' });
    const entries = core.db
      .prepare("SELECT actor_id, details FROM audit_log WHERE action = 'user.disable' ORDER BY seq")
      .all() as { actor_id: string | null; details: string }[];
    expect(entries).toEqual([{ actor_id: second.id, details: '{}' }]);
  });

  it('gives the command line the same input rules and records it as the actor', async () => {
    const cli = { via: 'cli' } as const;
    const account = { username: 'phan mai', displayName: 'Phan Thị Mai', password: PASSWORD, role: 'editor' as const };
    await expect(createAccount(core.ctx, cli, account)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(createAccount(core.ctx, cli, { ...account, username: 'phanmai', password: 'ngan' })).rejects.toThrow(
      /ít nhất 10 ký tự/,
    );
    const made = await createAccount(core.ctx, cli, {
      ...account,
      username: 'phanmai',
      displayName: 'Phan Thị Mai'.normalize('NFD'),
    });
    expect(made.displayName).toBe('Phan Thị Mai'.normalize('NFC'));
    await core.call('users.disable', { id: made.id }, s.quantri);
    // The command line's reset is how someone disabled gets back in; the API's leaves the account as it is.
    await resetAccountPassword(core.ctx, { via: 'api', user: adminRecord() }, { id: made.id, password: NEW_PASSWORD });
    expect(accountByUsername(core.ctx, 'phanmai').disabled).toBe(true);
    await resetAccountPassword(core.ctx, cli, { id: made.id, password: NEW_PASSWORD }, { reopen: true });
    expect((await core.tryCall('auth.login', { username: 'phanmai', password: NEW_PASSWORD })).ok).toBe(true);
    const entries = core.db
      .prepare('SELECT action, actor_id, details FROM audit_log WHERE subject_id = ? ORDER BY seq')
      .all(made.id) as { action: string; actor_id: string | null; details: string }[];
    expect(entries.map((e) => [e.action, e.actor_id === null, JSON.parse(e.details).via ?? null])).toEqual([
      ['user.create', true, 'cli'],
      ['user.disable', false, null],
      ['user.resetPassword', false, null],
      ['user.resetPassword', true, 'cli'],
      ['auth.login', false, null],
    ]);
    expect(JSON.parse(entries[3]!.details)).toMatchObject({ reopened: true });
    expect(verifyAudit(core)).toMatchObject({ ok: true });
  });

  it('lets anyone correct their own name, byline and unit, but only an administrator change roles', async () => {
    const me = idOf('phongvien');
    expect(
      await core.call(
        'users.update',
        { id: me, byline: 'Ly Huỳnh', unit: 'Phòng Văn hóa & Thông tin TP Huế' },
        s.phongvien,
      ),
    ).toMatchObject({ byline: 'Ly Huỳnh', unit: 'Phòng Văn hóa & Thông tin TP Huế', role: 'reporter' });
    expect(await core.tryCall('users.update', { id: me, role: 'head' }, s.phongvien)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await core.tryCall('users.update', { id: idOf('phongvien2'), byline: 'x' }, s.phongvien)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await core.call('users.update', { id: me, role: 'editor' }, s.quantri)).toMatchObject({ role: 'editor' });
    expect((await core.call('auth.me', {}, s.phongvien)).can).toContain('article.requestChanges');
    // A new article takes the author's byline with the unit, as the portal prints it.
    const { id } = await core.call('articles.create', {}, s.phongvien);
    expect((await core.call('articles.get', { id }, s.phongvien)).byline).toBe(
      'Ly Huỳnh (Phòng Văn hóa & Thông tin TP Huế)',
    );
  });

  it('a password change keeps the signing key, and approvals made before still verify', async () => {
    const article = await approvedArticle(core, s.phongvien!, s.truongphong!);
    const before = fingerprintOf('truongphong');
    expect(
      await core.tryCall(
        'auth.changePassword',
        { currentPassword: 'sai-mật-khẩu', newPassword: NEW_PASSWORD },
        s.truongphong,
      ),
    ).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    await core.call('auth.changePassword', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, s.truongphong);
    expect(fingerprintOf('truongphong')).toBe(before);
    expect((await core.call('articles.get', { id: article.id }, s.truongphong)).approval).toBe('valid');
    expect(await core.tryCall('auth.login', { username: 'truongphong', password: PASSWORD })).toMatchObject({
      ok: false,
    });
    expect((await core.tryCall('auth.login', { username: 'truongphong', password: NEW_PASSWORD })).ok).toBe(true);
    // The same key, now opened by the new password, signs the next approval.
    const { id, version } = await submittedArticle();
    expect(
      await core.tryCall('workflow.approve', { articleId: id, version, password: PASSWORD }, s.truongphong),
    ).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD' },
    });
    const approved = await core.call(
      'workflow.approve',
      { articleId: id, version, password: NEW_PASSWORD },
      s.truongphong,
    );
    expect(approved.latestApproval?.keyFingerprint).toBe(before);
  });

  it('a reset by the administrator gives a new key; approvals signed with the old one still verify', async () => {
    const article = await approvedArticle(core, s.phongvien!, s.truongphong!);
    const before = fingerprintOf('truongphong');
    await core.call('users.resetPassword', { id: idOf('truongphong'), password: NEW_PASSWORD }, s.quantri);
    expect(fingerprintOf('truongphong')).not.toBe(before);
    expect(await core.tryCall('auth.me', {}, s.truongphong)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    const { session } = await core.call('auth.login', { username: 'truongphong', password: NEW_PASSWORD });
    expect((await core.call('articles.get', { id: article.id }, session)).approval).toBe('valid');
    expect(actions()).toContain('user.resetPassword');
  });

  it('an administrator enabling the account ends its waits at once', async () => {
    for (let i = 0; i < PAIR_FREE_FAILURES + 2; i++)
      await core.tryCall('auth.login', { username: 'phongvien', password: 'sai-mat-khau-roi' });
    expect(await core.tryCall('auth.login', { username: 'phongvien', password: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'TOO_MANY_ATTEMPTS' },
    });
    await core.call('users.enable', { id: idOf('phongvien') }, s.quantri);
    expect((await core.tryCall('auth.login', { username: 'phongvien', password: PASSWORD })).ok).toBe(true);
  });

  it('a success in between starts the count again', async () => {
    for (let i = 0; i < PAIR_FREE_FAILURES - 1; i++)
      await core.tryCall('auth.login', { username: 'phongvien', password: 'sai-mat-khau-roi' });
    await core.call('auth.login', { username: 'phongvien', password: PASSWORD });
    // Without the success this would have been the failure that starts the waits.
    await core.tryCall('auth.login', { username: 'phongvien', password: 'sai-mat-khau-roi' });
    expect(await core.tryCall('auth.login', { username: 'phongvien', password: 'sai-mat-khau-roi' })).toMatchObject({
      error: { code: 'INVALID_CREDENTIALS' },
    });
    expect(verifyAudit(core)).toMatchObject({ ok: true });
  });
});

function adminRecord() {
  return findUserById(core.ctx, idOf('quantri'))!;
}

async function submittedArticle(): Promise<{ id: string; version: number }> {
  const { id } = await core.call('articles.create', { title: 'Bài mới' }, s.phongvien);
  const submitted = await core.call('workflow.submit', { articleId: id }, s.phongvien);
  return { id, version: submitted.version };
}
