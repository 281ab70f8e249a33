import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../shared/api/envelope';
import { verifyAudit } from '../audit/log';
import { writeArticle } from '../reviewkit';
import { openSeededCore, PASSWORD, type TestCore } from '../testkit';
import {
  ACCOUNT_FREE_FAILURES,
  ACCOUNT_MAX_DELAY_MS,
  CLIENT_FREE_FAILURES,
  FORGET_AFTER_MS,
  MAX_DELAY_MS,
  PAIR_FREE_FAILURES,
} from './throttle';

let core: TestCore;
let s: Record<string, string>;
beforeEach(async () => {
  ({ core, sessions: s } = await openSeededCore());
});
afterEach(() => core.close());

const WRONG = 'sai-mat-khau-roi';

/** A call as one transport client would make it (the client is named by the transport). */
function from(client: string, method: string, input: unknown, session: string | null = null): Promise<ApiResult> {
  return core.dispatch({ method, session, input }, { client });
}
const login = (client: string, username: string, password: string) =>
  from(client, 'auth.login', { username, password });

function waitOf(result: ApiResult): number {
  expect(result).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
  if (result.ok) throw new Error('not refused');
  expect(result.error.message).toMatch(/Hãy chờ \d+ (giây|phút) rồi thử lại/);
  return result.error.retryAfter!;
}

const failures = (action: string) =>
  (core.db.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ?').get(action) as { n: number }).n;

describe('sign-in waits', () => {
  it('slow the client that keeps failing, while the owner signs in from another client', async () => {
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) {
      expect(await login('web:1', 'phongvien', WRONG)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_CREDENTIALS' },
      });
    }
    const refused = await login('web:1', 'phongvien', WRONG);
    expect(waitOf(refused)).toBe(1);
    if (!refused.ok) expect(refused.error.message).toContain('Hãy chờ 1 giây rồi thử lại');
    // While it waits, that client gets nowhere even with the right password: the password is not checked.
    expect(waitOf(await login('web:1', 'phongvien', PASSWORD))).toBe(1);
    // The owner, from her own window, is not held back by someone else's guesses.
    expect((await login('ipc:1', 'phongvien', PASSWORD)).ok).toBe(true);
    // Each wrong password is audited; the refused tries checked nothing and wrote nothing.
    expect(failures('auth.loginFailed')).toBe(PAIR_FREE_FAILURES);
    expect(verifyAudit(core)).toMatchObject({ ok: true });
  });

  it('grow with each failure up to a cap of five minutes', async () => {
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) await login('web:1', 'phongvien', WRONG);
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const wait = waitOf(await login('web:1', 'phongvien', WRONG));
      waits.push(wait);
      // One millisecond short of the wait is still too early.
      core.clock.advance(wait * 1000 - 1);
      expect(waitOf(await login('web:1', 'phongvien', WRONG))).toBe(1);
      core.clock.advance(1);
      expect(await login('web:1', 'phongvien', WRONG)).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]);
    expect(MAX_DELAY_MS).toBe(300_000);
    // A wait of minutes is said in minutes.
    const long = await login('web:1', 'phongvien', PASSWORD);
    if (!long.ok) expect(long.error.message).toContain('Hãy chờ 5 phút');
    core.clock.advance(MAX_DELAY_MS);
    expect((await login('web:1', 'phongvien', PASSWORD)).ok).toBe(true);
  });

  it('start again after a right password', async () => {
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) await login('web:1', 'phongvien', WRONG);
    core.clock.advance(waitOf(await login('web:1', 'phongvien', WRONG)) * 1000);
    await login('web:1', 'phongvien', WRONG);
    core.clock.advance(waitOf(await login('web:1', 'phongvien', WRONG)) * 1000);
    expect((await login('web:1', 'phongvien', PASSWORD)).ok).toBe(true);
    // The free tries come back, with no wait between them, and the first wait is one second again.
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) {
      expect(await login('web:1', 'phongvien', WRONG)).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    }
    expect(waitOf(await login('web:1', 'phongvien', WRONG))).toBe(1);
  });

  it('are forgotten after a quiet quarter of an hour', async () => {
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) await login('web:1', 'phongvien', WRONG);
    expect(waitOf(await login('web:1', 'phongvien', WRONG))).toBe(1);
    core.clock.advance(FORGET_AFTER_MS + 1);
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) {
      expect(await login('web:1', 'phongvien', WRONG)).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    }
  });

  it('also slow one client trying many accounts, and only that client', async () => {
    for (let i = 0; i < CLIENT_FREE_FAILURES; i++) {
      expect(await login('web:1', `khongco${i}`, WRONG)).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    }
    // An account this client never tried: the client itself must wait now.
    expect(waitOf(await login('web:1', 'bientap', PASSWORD))).toBe(1);
    expect((await login('web:2', 'bientap', PASSWORD)).ok).toBe(true);
    // Signing in to one's own account does not reset the sweep over the others.
    core.clock.advance(1000);
    expect((await login('web:1', 'bientap', PASSWORD)).ok).toBe(true);
    expect(await login('web:1', 'khongco-nua', WRONG)).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    expect(waitOf(await login('web:1', 'phongvien', PASSWORD))).toBe(2);
  });

  it('stop a caller that opens a new connection per guess, and the owner still gets in within a minute', async () => {
    // Sign in once from the owner's window, so the account knows it.
    expect((await login('ipc:1', 'phongvien', PASSWORD)).ok).toBe(true);
    for (let i = 0; i < ACCOUNT_FREE_FAILURES; i++) {
      expect(await login(`web:${i}`, 'phongvien', WRONG)).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    }
    expect(waitOf(await login('web:fresh', 'phongvien', WRONG))).toBe(1);
    // A window that signed in to the account before is not held back by the account-wide wait.
    expect((await login('ipc:1', 'phongvien', PASSWORD)).ok).toBe(true);

    // Its success ended the account-wide count: build it up again, far past the cap.
    for (let i = 0; i < ACCOUNT_FREE_FAILURES + 10; i++) {
      core.clock.advance(ACCOUNT_MAX_DELAY_MS);
      await login(`again:${i}`, 'phongvien', WRONG);
    }
    const wait = waitOf(await login('ipc:2', 'phongvien', PASSWORD));
    expect(wait).toBe(ACCOUNT_MAX_DELAY_MS / 1000);
    // A new window of the owner's waits at most that long, then gets in.
    core.clock.advance(wait * 1000);
    expect((await login('ipc:2', 'phongvien', PASSWORD)).ok).toBe(true);
  });
});

describe('the answer to a refused sign-in', () => {
  it('is the same for an unknown name, a disabled account with its right password, and a wrong password', async () => {
    await core.call('users.disable', { id: idOf('bientap') }, s.quantri);
    const wrong = await login('web:1', 'phongvien', WRONG);
    const unknown = await login('web:2', 'khongco', WRONG);
    const disabled = await login('web:3', 'bientap', PASSWORD);
    const disabledWrong = await login('web:4', 'bientap', WRONG);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(unknown).toEqual(wrong);
    expect(disabled).toEqual(wrong);
    expect(disabledWrong).toEqual(wrong);

    // And so are the waits that follow: the count does not depend on the account's state either.
    const waits: ApiResult[] = [];
    for (const [client, username, password] of [
      ['web:1', 'phongvien', WRONG],
      ['web:2', 'khongco', WRONG],
      ['web:3', 'bientap', PASSWORD],
    ] as const) {
      for (let i = 1; i < PAIR_FREE_FAILURES; i++) {
        expect(await login(client, username, password)).toEqual(wrong);
      }
      waits.push(await login(client, username, password));
    }
    expect(waitOf(waits[0]!)).toBe(1);
    expect(waits[1]).toEqual(waits[0]);
    expect(waits[2]).toEqual(waits[0]);

    // Failed sign-ins to existing accounts stay in the audit log, saying which account and why;
    // a name typed for no account is not written down.
    const rows = core.db
      .prepare("SELECT subject_id, details FROM audit_log WHERE action = 'auth.loginFailed'")
      .all() as { subject_id: string | null; details: string }[];
    expect(rows.filter((r) => r.subject_id === idOf('bientap') && JSON.parse(r.details).disabled)).toHaveLength(
      PAIR_FREE_FAILURES,
    );
    expect(rows.filter((r) => r.subject_id === idOf('phongvien'))).toHaveLength(PAIR_FREE_FAILURES);
  });
});

describe('password checks inside a session', () => {
  it('the signing password is throttled the same way, and counts for the account', async () => {
    const article = await writeArticle(core, s.phongvien!);
    await core.call('workflow.submit', { articleId: article.id }, s.phongvien);
    const { version } = await core.call('articles.get', { id: article.id }, s.truongphong);
    const approve = (client: string, password: string) =>
      from(client, 'workflow.approve', { articleId: article.id, version, password }, s.truongphong);

    for (let i = 0; i < PAIR_FREE_FAILURES; i++) {
      expect(await approve('ipc:7', WRONG)).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    }
    expect(waitOf(await approve('ipc:7', PASSWORD))).toBe(1);
    // The same client signing in to that account waits too: the guesses were at the same password.
    expect(waitOf(await login('ipc:7', 'truongphong', PASSWORD))).toBe(1);
    expect(failures('workflow.approveFailed')).toBe(PAIR_FREE_FAILURES);

    core.clock.advance(1000);
    const approved = await approve('ipc:7', PASSWORD);
    expect(approved).toMatchObject({ ok: true, value: { status: 'approved', approval: 'valid' } });
    // The right password ended the waits.
    expect((await login('ipc:7', 'truongphong', PASSWORD)).ok).toBe(true);
  });

  it('changing one’s password is throttled the same way', async () => {
    const change = (client: string, currentPassword: string) =>
      from(client, 'auth.changePassword', { currentPassword, newPassword: 'mật-khẩu-mới-2026-đủ-dài' }, s.bientap);
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) {
      expect(await change('web:9', WRONG)).toMatchObject({ error: { code: 'WRONG_PASSWORD' } });
    }
    expect(waitOf(await change('web:9', PASSWORD))).toBe(1);
    expect(failures('auth.passwordCheckFailed')).toBe(PAIR_FREE_FAILURES);
    expect((await change('web:10', PASSWORD)).ok).toBe(true);
  });
});

function idOf(username: string): string {
  return (core.db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string }).id;
}
