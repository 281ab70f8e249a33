import { copyFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  approve,
  approvedArticle,
  body,
  bodyWithImage,
  edit,
  imageNode,
  TEXT,
  uploadPhoto,
  writeArticle,
} from '../core/reviewkit';
import {
  deleteAuditRowAndRechain,
  openSeededCore,
  openTestCore,
  PASSWORD,
  REPLAY_APPROVAL_SQL,
  runCli,
  tamper as tamperFile,
  tempDir,
} from '../core/testkit';
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

/**
 * A richer database for the tampering cases: a published article with a picture, two approved
 * articles, and one approved, edited (which voided the approval) and edited back.
 */
let tamperTemplate: string;
let ids: { published: string; first: string; second: string; reverted: string; image: string };
beforeAll(async () => {
  const { core, sessions: s } = await openSeededCore();
  // A fixed dark colour, so the pale substitute used below is plainly another picture.
  const image = await uploadPhoto(core, s.phongvien!, { background: '#203040' });
  const withImage = await writeArticle(core, s.phongvien!, TEXT, 'Ảnh Đại Nội');
  await core.call(
    'articles.save',
    {
      id: withImage.id,
      baseVersion: withImage.version,
      title: withImage.title,
      summary: withImage.summary,
      body: bodyWithImage(['Ngọ Môn trong nắng sớm.'], imageNode(image, { altText: 'Ngọ Môn' })),
    },
    s.phongvien,
  );
  await core.call('workflow.submit', { articleId: withImage.id }, s.phongvien);
  await approve(core, s.truongphong!, withImage.id);
  await core.call('workflow.publish', { articleId: withImage.id }, s.truongphong);
  const first = await approvedArticle(core, s.phongvien!, s.truongphong!);
  const second = await approvedArticle(core, s.phongvien2!, s.truongphong!);
  const reverted = await approvedArticle(core, s.phongvien!, s.truongphong!);
  await edit(core, s.bientap!, reverted.id, 'Một chữ khác rồi sửa lại.');
  await edit(core, s.bientap!, reverted.id, TEXT);
  ids = { published: withImage.id, first: first.id, second: second.id, reverted: reverted.id, image };
  tamperTemplate = join(tempDir('bientap-cli-tamper-'), 'bientap.sqlite');
  core.db.prepare('VACUUM INTO ?').run(tamperTemplate);
  core.close();
}, 120_000);
afterAll(() => rmSync(dirname(tamperTemplate), { recursive: true, force: true }));

/**
 * What someone with the file and an SQLite shell can do to the append-only tables: drop their
 * guard triggers, write, and put the triggers back so nothing looks touched.
 */
function tamperAround(sql: string, ...params: unknown[]): void {
  const db = new Database(file);
  try {
    const triggers = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_no_%'")
      .all() as { name: string; sql: string }[];
    for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`);
    for (const statement of sql.split(';').filter((part) => part.trim())) db.prepare(statement).run(...params);
    for (const trigger of triggers) db.exec(trigger.sql);
  } finally {
    db.close();
  }
}

function read<T>(sql: string, ...params: unknown[]): T {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}

const approvalSeq = (articleId: string) =>
  read<{ seq: number }>(
    "SELECT max(seq) AS seq FROM article_events WHERE article_id = ? AND kind = 'approved'",
    articleId,
  ).seq;

function verifyFails(): { firstProblem: string; [key: string]: unknown } {
  const run = cli(['verify', '--data', dir]);
  expect(run.code, run.stdout).toBe(1);
  const report = JSON.parse(run.stdout) as { firstProblem: string };
  expect(run.stderr).toContain(report.firstProblem);
  return report;
}

describe('bientap verify against an attacker with the file', () => {
  beforeEach(() => copyFileSync(tamperTemplate, file));

  it('passes the untouched database, every part checked', () => {
    const run = cli(['verify', '--data', dir]);
    expect(run.code, run.stdout).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: true,
      // Published, first, second and the reverted one (now back in review, so not a signed article).
      approvals: { checked: 4, problems: [] },
      articles: { checked: 3, problems: [] },
      images: { checked: 1, problems: [] },
      events: { problems: [] },
    });
  });

  it("catches an approved article's row edited in place", () => {
    tamper(`UPDATE articles SET title = 'Tiêu đề bị sửa' WHERE id = '${ids.first}'`);
    expect(verifyFails().firstProblem).toBe(
      `articles id ${ids.first}: approved but content_changed (approval article_events seq ${approvalSeq(ids.first)})`,
    );
  });

  it("catches a published article's body edited in place", () => {
    const bodyJson = JSON.stringify(body('Nội dung do người khác chèn vào.'));
    tamperAround('UPDATE articles SET body_json = ? WHERE id = ?', bodyJson, ids.published);
    expect(verifyFails().firstProblem).toBe(
      `articles id ${ids.published}: published but content_changed (approval article_events seq ${approvalSeq(ids.published)})`,
    );
  });

  it("catches an image's bytes replaced behind its append-only trigger", async () => {
    // Another picture of the same size, in both the original and the rendition the site is sent.
    const swapped = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#c0ffee' } })
      .jpeg()
      .toBuffer();
    tamperAround('UPDATE images SET bytes = ?, web_bytes = ? WHERE hash = ?', swapped, swapped, ids.image);
    expect(read<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE name = 'images_no_update'").n).toBe(1);
    expect(verifyFails()).toMatchObject({
      firstProblem: `images hash ${ids.image}: bytes_mismatch`,
      images: { problems: [{ hash: ids.image, problem: 'bytes_mismatch' }] },
    });
  });

  it('catches the rendition sent to sites replaced by another picture, the original left alone', async () => {
    const other = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#c0ffee' } })
      .jpeg()
      .toBuffer();
    tamperAround('UPDATE images SET web_bytes = ? WHERE hash = ?', other, ids.image);
    expect(verifyFails().firstProblem).toBe(`images hash ${ids.image}: rendition_mismatch`);
  });

  it('catches an approval copied back in after an edit and its revert, the status set back', () => {
    const original = approvalSeq(ids.reverted);
    tamperAround(REPLAY_APPROVAL_SQL, original);
    tamper(`UPDATE articles SET status = 'approved' WHERE id = '${ids.reverted}'`);
    const copy = approvalSeq(ids.reverted);
    expect(copy).toBeGreaterThan(original);
    const report = verifyFails();
    expect(report.firstProblem).toBe(`article_events seq ${copy} (article ${ids.reverted}): replayed`);
    // The audit log, which records one approval, disagrees too.
    expect(report.events).toMatchObject({
      problems: [{ table: 'article_events', seq: copy, articleId: ids.reverted, problem: 'no_audit_row' }],
    });
  });

  it('catches an event inserted without its audit row', () => {
    tamperAround(
      `INSERT INTO article_events (id, article_id, kind, actor_id, at, from_status, to_status, content_hash)
       SELECT 'e0000000-0000-4000-8000-000000000002', article_id, 'withdrawn', actor_id, at, 'published', 'withdrawn',
              content_hash FROM article_events WHERE article_id = ? AND kind = 'published'`,
      ids.published,
    );
    tamper(`UPDATE articles SET status = 'withdrawn' WHERE id = '${ids.published}'`);
    const seq = read<{ seq: number }>('SELECT max(seq) AS seq FROM article_events').seq;
    expect(verifyFails().firstProblem).toBe(`article_events seq ${seq} (article ${ids.published}): no_audit_row`);
  });

  it('catches an audited event deleted from the event log, the status set back', () => {
    const audited = read<{ seq: number }>(
      "SELECT seq FROM audit_log WHERE action = 'workflow.published' AND subject_id = ?",
      ids.published,
    ).seq;
    tamperAround(`DELETE FROM article_events WHERE article_id = ? AND kind = 'published'`, ids.published);
    tamper(`UPDATE articles SET status = 'approved', published_hash = NULL WHERE id = '${ids.published}'`);
    expect(verifyFails().firstProblem).toBe(`audit_log seq ${audited} (article ${ids.published}): no_event`);
  });

  /** The chain head a clean run printed, as an office keeps it outside the file. */
  function anchorOfCleanRun(): string {
    const run = cli(['verify', '--data', dir]);
    expect(run.code, run.stdout).toBe(0);
    const { head } = (JSON.parse(run.stdout) as { audit: { head: { seq: number; hash: string } } }).audit;
    expect(cli(['verify', '--data', dir, '--anchor', `${head.seq}:${head.hash}`]).code).toBe(0);
    return `${head.seq}:${head.hash}`;
  }

  it('catches the newest audit rows cut off when they recorded workflow events', () => {
    // The template ends with an approval and the edit that voided it, each with its audit row.
    const last = read<{ seq: number }>('SELECT max(seq) AS seq FROM audit_log').seq;
    const approval = read<{ seq: number; article: string; details: string }>(
      `SELECT e.seq, e.article_id AS article, a.details FROM article_events e JOIN audit_log a ON a.seq = ?
       WHERE e.kind = 'approved' ORDER BY e.seq DESC LIMIT 1`,
      last - 1,
    );
    expect(JSON.parse(approval.details)).toMatchObject({ to: 'approved' });
    tamper(`DELETE FROM audit_log WHERE seq >= ${last - 1}`);
    expect(verifyFails().firstProblem).toBe(
      `article_events seq ${approval.seq} (article ${approval.article}): no_audit_row`,
    );
  });

  it('with an anchor kept outside the file, catches the newest audit rows cut off', () => {
    // The account change an attacker would want forgotten is the last thing recorded.
    expect(cli(['user', 'reset', '--data', dir, '--username', 'phongvien2'], `${NEW_PASSWORD}\n`).code).toBe(0);
    const anchor = anchorOfCleanRun();
    const [seq] = anchor.split(':').map(Number);
    expect(read<{ action: string }>('SELECT action FROM audit_log WHERE seq = ?', seq).action).toBe(
      'user.resetPassword',
    );
    tamper(`DELETE FROM audit_log WHERE seq = ${seq}`);
    // Without the anchor the shorter chain is whole and every event still has its row.
    expect(cli(['verify', '--data', dir]).code).toBe(0);
    const run = cli(['verify', '--data', dir, '--anchor', anchor]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).firstProblem).toBe(`audit_log seq ${seq}: missing, but the anchor records it`);
  });

  it('catches a middle audit row deleted and the chain recomputed after it, with or without an anchor', () => {
    const anchor = anchorOfCleanRun();
    const db = new Database(file);
    const middle = db
      .prepare("SELECT seq FROM audit_log WHERE action = 'auth.login' ORDER BY seq LIMIT 1 OFFSET 2")
      .pluck()
      .get() as number;
    db.close();
    deleteAuditRowAndRechain(file, middle);
    // Even without the anchor: every later approval signed the chain head its audit row linked to.
    const firstApproval = read<{ seq: number; article: string }>(
      "SELECT seq, article_id AS article FROM article_events WHERE kind = 'approved' ORDER BY seq LIMIT 1",
    );
    expect(verifyFails().firstProblem).toBe(
      `article_events seq ${firstApproval.seq} (article ${firstApproval.article}): chain_head_differs`,
    );
    const run = cli(['verify', '--data', dir, '--anchor', anchor]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).firstProblem).toBe(
      `audit_log seq ${anchor.split(':')[0]}: hash differs from the anchor`,
    );
    expect(cli(['verify', '--data', dir, '--anchor', 'không-phải'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--anchor phải có dạng'),
    });
  });

  it('catches whole approvals swapped between two articles: the API shows them broken and publishing refuses', async () => {
    const [a, b] = [approvalSeq(ids.first), approvalSeq(ids.second)];
    tamperAround(
      `UPDATE article_events SET article_id = CASE seq WHEN ${a} THEN '${ids.second}' ELSE '${ids.first}' END
       WHERE seq IN (${a}, ${b})`,
    );
    expect(verifyFails().firstProblem).toBe(`article_events seq ${a} (article ${ids.second}): bad_signature`);
    const core = openTestCore({ copyOf: file });
    try {
      const session = (await core.call('auth.login', { username: 'truongphong', password: PASSWORD })).session;
      for (const id of [ids.first, ids.second]) {
        const article = await core.call('articles.get', { id }, session);
        expect(article).toMatchObject({
          approval: 'invalid',
          latestApproval: { valid: false, problem: 'bad_signature' },
        });
        expect(await core.tryCall('workflow.publish', { articleId: id }, session)).toMatchObject({
          ok: false,
          error: { code: 'APPROVAL_INVALID' },
        });
      }
    } finally {
      core.close();
    }
  });
});

// Each test here starts the CLI several times, each run checking a password at production cost.
describe('bientap user', { timeout: 60_000 }, () => {
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
    // Refused like a wrong password: the answer says nothing about the account.
    expect(await canSignIn('phongvien', PASSWORD)).toBe('INVALID_CREDENTIALS');
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

describe('bientap backup and restore', { timeout: 60_000 }, () => {
  it('backs up into the data folder, lists the backups, and schedules a restore of one', () => {
    const made = cli(['backup', '--data', dir, '--json']);
    expect(made.code, made.stderr).toBe(0);
    const { file: name, folder } = JSON.parse(made.stdout) as { file: string; folder: string };
    expect(folder).toBe(join(dir, 'sao-luu'));
    const listed = cli(['backup', 'list', '--data', dir, '--json']);
    expect((JSON.parse(listed.stdout) as { backups: { file: string }[] }).backups.map((b) => b.file)).toEqual([name]);
    const copy = new Database(join(folder, name), { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(1);
    copy.close();

    const restore = cli(['restore', '--data', dir, join(folder, name)]);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain('khi khởi động lần tới');
    expect(existsSync(join(dir, 'khoi-phuc.json'))).toBe(true);
  });

  it('refuses to restore what is not a good backup, and says why', () => {
    const junk = join(dir, 'khong-phai-sao-luu.sqlite');
    writeFileSync(junk, 'không phải SQLite');
    const refused = cli(['restore', '--data', dir, junk]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('bị hỏng');
    expect(existsSync(join(dir, 'khoi-phuc.json'))).toBe(false);
  });
});
