import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSeededCore, openTestCore, PASSWORD, type TestCore } from '../testkit';
import { PRODUCTION_KDF_COST } from './kdf';
import { hashPassword, verifyPassword } from './password';
import { ACTIONS, can } from './permissions';
import { SESSION_IDLE_MS } from './sessions';

let core: TestCore | undefined;
afterEach(() => core?.close());
// The seeded template is built once for the file, before the first test needs it.
beforeAll(async () => (await openSeededCore()).core.close());

describe('passwords', () => {
  it('are hashed with scrypt at OWASP cost, salted, and verified', async () => {
    const a = await hashPassword('Huế mộng mơ 2026', PRODUCTION_KDF_COST);
    const b = await hashPassword('Huế mộng mơ 2026', PRODUCTION_KDF_COST);
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Huế mộng mơ 2026', a)).toBe(true);
    // The same password typed with decomposed marks is the same password.
    expect(await verifyPassword('Huế mộng mơ 2026'.normalize('NFD'), a)).toBe(true);
    expect(await verifyPassword('Hue mong mo 2026', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });
});

describe('first run and sign-in', () => {
  it('creates exactly one first administrator, then refuses a second set-up', async () => {
    core = openTestCore();
    expect(await core.call('setup.status', {})).toEqual({ needsAdmin: true });
    const first = await core.call('setup.createAdmin', {
      username: 'quantri',
      displayName: 'Quản Trị',
      password: PASSWORD,
    });
    expect(first.user).toMatchObject({ role: 'admin', displayName: 'Quản Trị', byline: 'Quản Trị' });
    expect(await core.call('setup.status', {})).toEqual({ needsAdmin: false });
    const again = await core.tryCall('setup.createAdmin', {
      username: 'khac',
      displayName: 'Khác',
      password: PASSWORD,
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_SET_UP' } });
    expect(await core.call('auth.me', {}, first.session)).toMatchObject({ username: 'quantri' });
  });

  it('refuses a short password with a Vietnamese reason', async () => {
    core = openTestCore();
    const result = await core.tryCall('setup.createAdmin', { username: 'quantri', displayName: 'Q', password: 'ngan' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!result.ok) expect(result.error.issues?.[0]?.message).toMatch(/ít nhất 10 ký tự/);
  });

  it('refuses a wrong password and an unknown user alike, and records the failure', async () => {
    const seeded = await openSeededCore();
    core = seeded.core;
    const wrong = await core.tryCall('auth.login', { username: 'phongvien', password: 'sai-mat-khau-roi' });
    const unknown = await core.tryCall('auth.login', { username: 'khongco', password: 'sai-mat-khau-roi' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(unknown).toEqual(wrong);
    const failures = core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'auth.loginFailed'").get();
    expect(failures).toEqual({ n: 1 });
    const ok = await core.call('auth.login', { username: 'PhongVien', password: PASSWORD });
    expect(ok.user.username).toBe('phongvien');
  });

  it('ends a session after logout and after a long idle time, not before', async () => {
    const seeded = await openSeededCore();
    core = seeded.core;
    const other = seeded.sessions.bientap!;
    await core.call('auth.logout', {}, other);
    expect(await core.tryCall('auth.me', {}, other)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    const session = seeded.sessions.phongvien!;
    core.clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await core.tryCall('auth.me', {}, session)).ok).toBe(true);
    core.clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await core.tryCall('auth.me', {}, session)).ok).toBe(true);
    core.clock.advance(SESSION_IDLE_MS + 1);
    expect(await core.tryCall('auth.me', {}, session)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('stores only a hash of each session token', async () => {
    const seeded = await openSeededCore();
    core = seeded.core;
    const stored = core.db.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[];
    for (const token of Object.values(seeded.sessions)) {
      expect(stored.map((s) => s.token_hash)).not.toContain(token);
    }
  });
});

describe('permissions', () => {
  it('keeps administrators out of review and sign-off, and reporters to their own articles', () => {
    for (const action of ['article.requestChanges', 'article.approve', 'article.publish', 'article.unpublish'] as const)
      expect(can('admin', action)).toBe(false);
    expect(can('admin', 'user.manage')).toBe(true);
    expect(ACTIONS.filter((action) => can('head', action))).not.toContain('user.manage');
    expect(can('reporter', 'article.editOwn')).toBe(true);
    expect(can('reporter', 'article.editOthers')).toBe(false);
    expect(can('reporter', 'article.readOthers')).toBe(false);
    expect(can('reporter', 'user.manage')).toBe(false);
    expect(can('head', 'user.manage')).toBe(false);
  });

  it('lets only administrators create accounts, through the API', async () => {
    const seeded = await openSeededCore();
    core = seeded.core;
    const account = { username: 'moi', displayName: 'Người Mới', password: PASSWORD, role: 'reporter' as const };
    for (const who of ['phongvien', 'bientap', 'truongphong']) {
      expect(await core.tryCall('users.create', account, seeded.sessions[who])).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect(await core.call('users.create', account, seeded.sessions.quantri)).toMatchObject({ username: 'moi' });
    expect(await core.tryCall('users.create', account, seeded.sessions.quantri)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });
});
