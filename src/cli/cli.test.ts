import { spawnSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { approvedArticle } from '../core/reviewkit';
import { openSeededCore, openTestCore, PASSWORD, tempDir } from '../core/testkit';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
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
function cli(args: string[], stdin = '', viaBin = false) {
  const entry = viaBin ? ['bin/bientap.mjs'] : ['--import', 'tsx', 'src/cli/main.ts'];
  const result = spawnSync(process.execPath, [...entry, ...args], { cwd: ROOT, input: stdin, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Edits a row the way someone with the file and an SQLite shell could, triggers and all. */
function tamper(sql: string): void {
  const db = new Database(file);
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  db.exec(sql);
  db.close();
}

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
});
