import { copyFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { approvedArticle } from '../core/reviewkit';
import { openSeededCore, openTestCore, PASSWORD, runCli, tamper as tamperFile, tempDir } from '../core/testkit';
const NEW_PASSWORD = 'mật-khẩu-từ-dòng-lệnh-2026';

let template: string;
let dir: string;
let file: string;
/** One database with an approved article, copied fresh for each test. */
beforeAll(async () => {
  const { core, sessions } = await openSeededCore();
  await approvedArticle(core, sessions.phongvien!, sessions.truongphong!);
  template = join(tempDir('bientap-cli-'), 'bientap.sqlite');
  core.db.prepare('VACUUM INTO ?').run(template);
  core.close();
}, 120_000);
beforeEach(() => {
  dir = tempDir();
  file = join(dir, 'bientap.sqlite');
  copyFileSync(template, file);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
afterAll(() => rmSync(dirname(template), { recursive: true, force: true }));

/** Runs the real command as a child process, as an administrator would. */
const cli = (args: string[], stdin = '', viaBin = false) => runCli(args, { stdin, viaBin });

/** Edits a row the way someone with the file and an SQLite shell could, triggers and all. */
const tamper = (sql: string) => tamperFile(file, sql);

describe('bientap verify', () => {
  it('passes a clean database and prints a JSON summary', () => {
    const run = cli(['verify', '--data', dir], '', true);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { ok: boolean; audit: { rows: number }; approvals: { checked: number } };
    expect(report).toMatchObject({ ok: true, firstProblem: null, approvals: { checked: 1, problems: [] } });
    expect(report.audit.rows).toBeGreaterThan(10);
  });

  it('names the first broken audit row after one row is edited', () => {
    tamper('UPDATE audit_log SET details = \'{"role":"admin"}\' WHERE seq = 4');
    const run = cli(['verify', '--data', dir]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      audit: { firstBrokenSeq: 4 },
      firstProblem: expect.stringMatching(/^audit_log seq 4/),
    });
    expect(run.stderr).toContain('audit_log seq 4');
  });

  it('catches a deleted audit row', () => {
    tamper('DELETE FROM audit_log WHERE seq = 6');
    const run = cli(['verify', '--data', dir]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ audit: { firstBrokenSeq: 7, reason: 'prev_hash' } });
  });

  it('catches an approved revision whose text no longer matches what was signed', () => {
    tamper(`UPDATE revisions SET body_text = body_text || '!', title = title || '!' WHERE kind = 'approved'`);
    const run = cli(['verify', '--data', dir]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).firstProblem).toMatch(/^article_events seq \d+ .*revision_mismatch/);
  });

  it('catches a status column that disagrees with the event log', () => {
    tamper("UPDATE articles SET status = 'published' WHERE status = 'approved'");
    const run = cli(['verify', '--data', dir]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).firstProblem).toMatch(/^articles id .*status published, log says approved/);
  });

  it('refuses a folder without a database', () => {
    const run = cli(['verify', '--data', `${dir}/khong-co`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Không có tệp dữ liệu');
  });
});

describe('bientap user', () => {
  async function canSignIn(username: string, password: string): Promise<string> {
    const core = openTestCore({ copyOf: file });
    try {
      const result = await core.tryCall('auth.login', { username, password });
      return result.ok ? 'ok' : result.error.code;
    } finally {
      core.close();
    }
  }

  it('adds an account with the password from stdin, never from arguments', async () => {
    const args = [
      'user',
      'add',
      '--data',
      dir,
      '--username',
      'phongvien3',
      '--name',
      'Phan Thị Mai',
      '--role',
      'reporter',
    ];
    const run = cli(args, `${NEW_PASSWORD}\n`);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, user: { username: 'phongvien3', role: 'reporter' } });
    expect(run.stdout).not.toContain(NEW_PASSWORD);
    expect(await canSignIn('phongvien3', NEW_PASSWORD)).toBe('ok');
    expect(cli([...args.slice(0, 4), '--password', NEW_PASSWORD]).code).toBe(2);
    expect(cli(args, 'ngan\n')).toMatchObject({ code: 2, stderr: expect.stringContaining('ít nhất 10 ký tự') });
    expect(cli(['verify', '--data', dir]).code).toBe(0);
  });

  it('disables and resets accounts, each recorded in the audit chain', async () => {
    expect(cli(['user', 'disable', '--data', dir, '--username', 'phongvien']).code).toBe(0);
    expect(await canSignIn('phongvien', PASSWORD)).toBe('ACCOUNT_DISABLED');
    const reset = cli(['user', 'reset', '--data', dir, '--username', 'phongvien'], `${NEW_PASSWORD}\n`);
    expect(reset.code, reset.stderr).toBe(0);
    expect(await canSignIn('phongvien', NEW_PASSWORD)).toBe('ok');
    expect(cli(['user', 'disable', '--data', dir, '--username', 'khongco'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Không có tài khoản'),
    });
    const verified = JSON.parse(cli(['verify', '--data', dir]).stdout) as { ok: boolean };
    expect(verified.ok).toBe(true);
    const db = new Database(file, { readonly: true });
    const actions = db.prepare("SELECT action FROM audit_log WHERE details LIKE '%cli%' ORDER BY seq").all();
    db.close();
    expect(actions).toEqual([{ action: 'user.disable' }, { action: 'user.resetPassword' }]);
  });

  /** The rules of the app's account service hold here too: they are the same service. */
  it('never disables the last active administrator', async () => {
    const refused = cli(['user', 'disable', '--data', dir, '--username', 'quantri']);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('quản trị viên duy nhất còn hoạt động') });
    expect(await canSignIn('quantri', PASSWORD)).toBe('ok');
    const add = ['user', 'add', '--data', dir, '--username', 'quantri2', '--name', 'Quản Trị Hai', '--role', 'admin'];
    expect(cli(add, `${NEW_PASSWORD}\n`).code).toBe(0);
    expect(cli(['user', 'disable', '--data', dir, '--username', 'quantri']).code).toBe(0);
    expect(cli(['user', 'disable', '--data', dir, '--username', 'quantri2'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('quản trị viên duy nhất còn hoạt động'),
    });
    expect(await canSignIn('quantri2', NEW_PASSWORD)).toBe('ok');
    expect(cli(['verify', '--data', dir]).code).toBe(0);
  });

  it("holds the app's input rules: username characters, NFC names, a taken username", () => {
    const add = (username: string, name: string) =>
      cli(
        ['user', 'add', '--data', dir, '--username', username, '--name', name, '--role', 'editor'],
        `${NEW_PASSWORD}\n`,
      );
    expect(add('Phan Mai', 'Phan Thị Mai')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('chữ không dấu'),
    });
    expect(add('phongvien', 'Phan Thị Mai')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('đã có người dùng'),
    });
    const nfd = 'Phan Thị Mai'.normalize('NFD');
    expect(nfd).not.toBe(nfd.normalize('NFC'));
    expect(add('phanmai', nfd).code).toBe(0);
    const db = new Database(file, { readonly: true });
    const row = db.prepare("SELECT display_name, byline FROM users WHERE username = 'phanmai'").get();
    const count = db.prepare("SELECT count(*) AS n FROM users WHERE username IN ('Phan Mai')").get();
    db.close();
    expect(row).toEqual({ display_name: 'Phan Thị Mai'.normalize('NFC'), byline: 'Phan Thị Mai'.normalize('NFC') });
    expect(count).toEqual({ n: 0 });
  });

  it('a reset ends the sessions, gives a new signing key, and keeps earlier approvals valid', () => {
    const db = () => new Database(file, { readonly: true });
    const before = db();
    const head = before
      .prepare("SELECT id, key_fingerprint AS key FROM users WHERE username = 'truongphong'")
      .get() as {
      id: string;
      key: string;
    };
    const sessions = before.prepare('SELECT count(*) AS n FROM sessions WHERE user_id = ?');
    expect(sessions.get(head.id)).toEqual({ n: 1 });
    before.close();
    expect(cli(['user', 'reset', '--data', dir, '--username', 'truongphong'], 'ngan\n')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('ít nhất 10 ký tự'),
    });
    expect(cli(['user', 'reset', '--data', dir, '--username', 'truongphong'], `${NEW_PASSWORD}\n`).code).toBe(0);
    const after = db();
    expect(after.prepare('SELECT count(*) AS n FROM sessions WHERE user_id = ?').get(head.id)).toEqual({ n: 0 });
    const key = after.prepare('SELECT key_fingerprint AS key FROM users WHERE id = ?').get(head.id) as { key: string };
    const entry = after
      .prepare("SELECT actor_id, details FROM audit_log WHERE action = 'user.resetPassword' AND subject_id = ?")
      .get(head.id) as { actor_id: string | null; details: string };
    after.close();
    expect(key.key).not.toBe(head.key);
    expect(entry.actor_id).toBeNull();
    expect(JSON.parse(entry.details)).toEqual({ keyFingerprint: key.key, via: 'cli' });
    expect(JSON.parse(cli(['verify', '--data', dir]).stdout)).toMatchObject({ ok: true, approvals: { checked: 1 } });
  });
});
