import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paragraphsState } from '../articles/editorState';
import { readFileSync } from 'node:fs';
import { adapterFor } from '../publish/adapters';
import { ensureDefaultTarget } from '../publish/targets';
import { PublishWorker } from '../publish/worker';
import { ensureOfficeKey } from '../seal/officeKey';
import { appendEvent, replayStatus } from '../workflow/events';
import { verifyDatabase } from '../admin/verify';
import { PASSWORD, openSeededCore, openTestCore, runCli, runOnRealTime, tempDir, type TestCore } from '../testkit';
import type { OfficeConnection } from './connection';
import {
  joinedWorkstation,
  linkWorkstation,
  officeServer,
  startServerProcess,
  waitUntil,
  type ServerProcess,
} from './testServer';

// Review across workstations, through the real server process: the reporter submits on her laptop
// and the article is in the head's queue on the office desktop; the head comments and asks for
// changes, the reporter sees both, fixes and resubmits; the head signs and the approval verifies on
// the laptop against the office directory. Then the two act at once while the server is down: the
// head signs the text the laptop is changing, and once both are back the approval is void on both.

let server: ServerProcess | null = null;
let serverData: string;
let port = 0;
let desk: TestCore;
let laptop: TestCore;
/** A second head's desktop. */
let desk2: TestCore;
let desk2Session: string;
/** The static site folder of the desk, the office's publishing workstation. */
let deskSite: string;
let deskSessions: Record<string, string>;
let laptopSession: string;
const connections: OfficeConnection[] = [];
const logs: string[] = [];
let legacyId: string;

const waitFor = (check: () => boolean, what: string, timeoutMs = 15_000) => waitUntil(check, what, { timeoutMs, logs });

const paragraphs = paragraphsState;

/** A copy of a workstation's database file, as it stands now. */
function snapshotOf(core: TestCore): string {
  const file = join(tempDir(), 'copy.sqlite');
  core.db.prepare('VACUUM INTO ?').run(file);
  return file;
}

/** Saves the article's body as these paragraphs, over the version the workstation holds now. */
async function saveBody(core: TestCore, session: string, id: string, ...lines: string[]): Promise<void> {
  const { version } = await core.call('articles.get', { id }, session);
  await core.call(
    'articles.save',
    { id, baseVersion: version, title: 'Festival Huế 2026', summary: 'Tóm tắt', body: paragraphs(...lines), tags: [] },
    session,
  );
}

/** The head signs the article as the desk holds it now, with her password. */
async function signOnDesk(articleId: string): Promise<void> {
  const { version } = await desk.call('articles.get', { id: articleId }, deskSessions.truongphong);
  await desk.call('workflow.approve', { articleId, version, password: PASSWORD }, deskSessions.truongphong);
}

const statusOf = (core: TestCore, id: string) =>
  core.db.prepare('SELECT status FROM articles WHERE id = ?').pluck().get(id) as string | undefined;

async function startServer(fingerprint: string): Promise<void> {
  server = await startServerProcess({ data: serverData, office: fingerprint, port });
  port = server.port;
}

beforeAll(async () => {
  ({ core: desk, sessions: deskSessions } = await openSeededCore());
  runOnRealTime(desk);
  // An article sent to review before the office existed: its history goes up with it.
  const legacy = await desk.call(
    'articles.create',
    { title: 'Bài gửi duyệt trước khi có văn phòng' },
    deskSessions.phongvien,
  );
  legacyId = legacy.id;
  await desk.call('workflow.submit', { articleId: legacyId, note: 'Nhờ chị xem.' }, deskSessions.phongvien);
  await desk.call('comments.add', { articleId: legacyId, body: 'Góp ý từ trước.' }, deskSessions.truongphong);

  await desk.call(
    'users.create',
    { username: 'truongphong2', displayName: 'Phạm Thị Mai', password: PASSWORD, role: 'head' },
    deskSessions.quantri,
  );

  serverData = join(tempDir(), 'server');
  server = await officeServer(desk, serverData);
  port = server.port;
  laptop = await joinedWorkstation(desk);
  laptopSession = (await laptop.call('auth.login', { username: 'phongvien', password: PASSWORD })).session;
  desk2 = await joinedWorkstation(desk);
  desk2Session = (await desk2.call('auth.login', { username: 'truongphong2', password: PASSWORD })).session;
  // Every workstation has its own static site folder, as the app makes one at its first start.
  for (const core of [desk, laptop, desk2]) ensureDefaultTarget(core.ctx, join(tempDir(), 'site'));
  deskSite = desk.db
    .prepare("SELECT json_extract(config_json, '$.folder') FROM publish_targets")
    .pluck()
    .get() as string;
  // The head works at the desk, the reporter on the laptop: each workstation signs in as its user.
  connections.push(await linkWorkstation(desk, 'truongphong', logs));
  connections.push(await linkWorkstation(laptop, 'phongvien', logs));
  connections.push(await linkWorkstation(desk2, 'truongphong2', logs));
  await waitFor(
    () => connections.every((connection) => connection.status().state === 'synced'),
    'cả hai đồng bộ',
    30_000,
  );
}, 90_000);

afterAll(async () => {
  for (const connection of connections) await connection.close();
  await server?.kill();
  desk?.close();
  laptop?.close();
  desk2?.close();
});

describe('review across workstations', () => {
  let articleId: string;

  it('brings the history made before the office to the reporter’s laptop', { timeout: 30_000 }, async () => {
    await waitFor(() => statusOf(laptop, legacyId) === 'submitted', 'bài cũ đến máy xách tay, chờ duyệt');
    const history = await laptop.call('workflow.history', { articleId: legacyId }, laptopSession);
    expect(history.items.map((event) => [event.kind, event.note])).toEqual([['submitted', 'Nhờ chị xem.']]);
    await waitFor(
      () => laptop.db.prepare('SELECT count(*) FROM comment_entries WHERE article_id = ?').pluck().get(legacyId) === 1,
      'góp ý cũ đến máy xách tay',
    );
  });

  it('keeps the workflow an article had before reviews travelled when its first event is shared', async () => {
    const created = await desk.call(
      'articles.create',
      { title: 'Bài chia sẻ trước khi có duyệt chung' },
      deskSessions.phongvien,
    );
    await waitFor(
      () => laptop.db.prepare('SELECT 1 FROM articles WHERE id = ?').get(created.id) !== undefined,
      'bài đến máy xách tay',
    );
    // Sent to review as an earlier release did on an office's workstation: in the local log only.
    const hash = (await desk.call('articles.get', { id: created.id }, deskSessions.phongvien)).contentHash;
    desk.db.transaction(() =>
      appendEvent(desk.ctx, { articleId: created.id, kind: 'submitted', actorId: created.authorId, contentHash: hash }),
    )();
    await desk.call(
      'workflow.requestChanges',
      { articleId: created.id, note: 'Sửa tiêu đề.' },
      deskSessions.truongphong,
    );
    const kinds = (core: TestCore) =>
      core.db.prepare('SELECT kind FROM article_events WHERE article_id = ? ORDER BY seq').pluck().all(created.id);
    expect(kinds(desk)).toEqual(['submitted', 'changes_requested']);
    await waitFor(() => statusOf(laptop, created.id) === 'changes_requested', 'yêu cầu sửa đến máy xách tay');
    expect(kinds(laptop)).toEqual(['submitted', 'changes_requested']);
  });

  it(
    'submit on the laptop, review at the desk: comments, changes requested, resubmitted, signed',
    { timeout: 60_000 },
    async () => {
      const created = await laptop.call('articles.create', { title: 'Festival Huế 2026' }, laptopSession);
      articleId = created.id;
      await saveBody(laptop, laptopSession, articleId, 'Festival Huế diễn ra vào tháng sáu.', 'Đoạn hai.');
      await laptop.call('workflow.submit', { articleId, note: 'Gửi chị duyệt.' }, laptopSession);

      // In the head's queue, without a reload.
      await waitFor(() => statusOf(desk, articleId) === 'submitted', 'bài chờ duyệt trên máy văn phòng');
      const queue = await desk.call('review.queue', {}, deskSessions.truongphong);
      expect(queue.waiting.map((article) => article.id)).toContain(articleId);

      await desk.call(
        'comments.add',
        {
          articleId,
          body: 'Ghi rõ ngày khai mạc.',
          anchor: { exact: 'tháng sáu', prefix: 'diễn ra vào ', suffix: '.' },
        },
        deskSessions.truongphong,
      );
      await desk.call(
        'workflow.requestChanges',
        { articleId, note: 'Cần thêm ngày cụ thể.' },
        deskSessions.truongphong,
      );
      await waitFor(() => statusOf(laptop, articleId) === 'changes_requested', 'yêu cầu sửa đến máy xách tay');
      const threads = await laptop.call('comments.list', { articleId }, laptopSession);
      expect(threads.items.map((thread) => [thread.body, thread.authorName, thread.position !== null])).toEqual([
        ['Ghi rõ ngày khai mạc.', 'Nguyễn Văn Thuỷ', true],
      ]);
      const queueThere = await laptop.call('review.queue', {}, laptopSession);
      expect(queueThere.returned.map((article) => article.id)).toContain(articleId);

      await saveBody(laptop, laptopSession, articleId, 'Festival Huế khai mạc ngày 6 tháng 6.', 'Đoạn hai.');
      await laptop.call('workflow.submit', { articleId }, laptopSession);
      await waitFor(
        () =>
          statusOf(desk, articleId) === 'submitted' &&
          (
            (desk.db.prepare('SELECT body_text FROM articles WHERE id = ?').pluck().get(articleId) as string) ?? ''
          ).includes('ngày 6'),
        'bản sửa và lần gửi lại đến máy văn phòng',
      );

      await signOnDesk(articleId);
      await waitFor(() => statusOf(laptop, articleId) === 'approved', 'bài đã duyệt trên máy xách tay');
      // Verified on the laptop itself, against the keys its own directory holds.
      const there = await laptop.call('articles.get', { id: articleId }, laptopSession);
      expect(there.latestApproval).toMatchObject({ valid: true, approverName: 'Nguyễn Văn Thuỷ' });
      const kinds = (core: TestCore) =>
        core.db.prepare('SELECT kind FROM article_events WHERE article_id = ? ORDER BY seq').pluck().all(articleId);
      expect(kinds(laptop)).toEqual(['submitted', 'changes_requested', 'submitted', 'approved']);
      expect(kinds(desk)).toEqual(kinds(laptop));
      expect(replayStatus(laptop.ctx, articleId)).toBe('approved');
      // `bientap verify` on each: the shared logs are what their review documents fold to.
      for (const core of [desk, laptop]) expect((await verifyDatabase(core.db)).firstProblem).toBeNull();
    },
  );

  it('verify finds a shared article’s log that is not what its review document folds to', async () => {
    const copy = openTestCore({ copyOf: snapshotOf(laptop) });
    try {
      expect((await verifyDatabase(copy.db)).firstProblem).toBeNull();
      // The approval taken out of the log, around the fold (the status cache follows, so only the fold can tell).
      copy.db.prepare('INSERT INTO article_events_refold (article_id) VALUES (?)').run(articleId);
      copy.db.prepare("DELETE FROM article_events WHERE article_id = ? AND kind = 'approved'").run(articleId);
      copy.db.prepare('DELETE FROM article_events_refold').run();
      copy.db.prepare("UPDATE articles SET status = 'submitted' WHERE id = ?").run(articleId);
      const report = await verifyDatabase(copy.db);
      expect(report.firstProblem).toMatch(new RegExp(`article ${articleId}\\): fold_differs`));
    } finally {
      copy.close();
    }
  });

  it(
    'the head signs on the desk while the laptop edits, both offline: the approval is void on both, nothing typed lost',
    { timeout: 90_000 },
    async () => {
      const [deskLink, laptopLink] = connections as [OfficeConnection, OfficeConnection];
      // Back to review first, so that there is something to sign.
      const edited = await desk.call('articles.get', { id: articleId }, deskSessions.truongphong);
      await desk.call('workflow.requestChanges', { articleId, note: 'Thêm một câu kết.' }, deskSessions.truongphong);
      await waitFor(() => statusOf(laptop, articleId) === 'changes_requested', 'yêu cầu sửa đến máy xách tay');
      await laptop.call('workflow.submit', { articleId }, laptopSession);
      await waitFor(() => statusOf(desk, articleId) === 'submitted', 'gửi lại đến máy văn phòng');
      expect(edited.status).toBe('approved');

      await server!.kill();
      await waitFor(
        () => deskLink.status().state === 'offline' && laptopLink.status().state === 'offline',
        'cả hai ngoại tuyến',
      );
      // The reporter, who has not seen anything since, retracts and adds a line; the head signs the older text.
      await laptop.call('workflow.retract', { articleId }, laptopSession);
      await saveBody(
        laptop,
        laptopSession,
        articleId,
        'Festival Huế khai mạc ngày 6 tháng 6.',
        'Đoạn hai.',
        'Câu kết mới.',
      );
      await signOnDesk(articleId);
      expect(statusOf(desk, articleId)).toBe('approved');

      await startServer(ensureOfficeKey(desk.ctx).fingerprint);
      const bodyOf = (core: TestCore) =>
        core.db.prepare('SELECT body_text FROM articles WHERE id = ?').pluck().get(articleId) as string;
      await waitFor(
        () =>
          bodyOf(desk).includes('Câu kết mới.') &&
          statusOf(desk, articleId) === statusOf(laptop, articleId) &&
          deskLink.status().state === 'synced' &&
          laptopLink.status().state === 'synced',
        'hai máy hội tụ',
        60_000,
      );
      // The retraction came before the signature on the hybrid clock or after it: either way the
      // signed text is not the text both now hold, so nothing stands approved.
      expect(statusOf(desk, articleId)).not.toBe('approved');
      expect(bodyOf(laptop)).toBe(bodyOf(desk));
      const approval = (await desk.call('articles.get', { id: articleId }, deskSessions.truongphong)).latestApproval;
      expect(approval?.valid ?? false).toBe(false);
      const kinds = (core: TestCore) =>
        core.db.prepare('SELECT kind FROM article_events WHERE article_id = ? ORDER BY seq').pluck().all(articleId);
      expect(kinds(desk)).toEqual(kinds(laptop));
      // The history both show, the void made by the content included.
      const history = await desk.call('workflow.history', { articleId }, deskSessions.truongphong);
      expect(history.items.map((event) => event.id)).toEqual(
        (await laptop.call('workflow.history', { articleId }, laptopSession)).items.map((event) => event.id),
      );
      expect(logs.filter((line) => line.includes('giả mạo') || line.includes('Bỏ qua'))).toEqual([]);
    },
  );

  it(
    'two heads click "Đăng bài" on two desktops at the same moment: published once, by the office’s publishing desktop',
    { timeout: 90_000 },
    async () => {
      const links = connections as [OfficeConnection, OfficeConnection, OfficeConnection];
      const synced = () => links.every((link) => link.status().state === 'synced');
      if (statusOf(laptop, articleId) === 'draft') await laptop.call('workflow.submit', { articleId }, laptopSession);
      await waitFor(() => statusOf(desk2, articleId) === 'submitted' && synced(), 'bài chờ duyệt ở máy thứ hai');
      // Signed on the second head's desktop: the desk that publishes seals a sign-off made elsewhere.
      const { version } = await desk2.call('articles.get', { id: articleId }, desk2Session);
      await desk2.call('workflow.approve', { articleId, version, password: PASSWORD }, desk2Session);
      await waitFor(() => statusOf(desk, articleId) === 'approved' && synced(), 'bài đã duyệt ở máy văn phòng');
      const publishes = (core: TestCore) =>
        core.db
          .prepare("SELECT count(*) FROM outbox WHERE article_id = ? AND action = 'publish'")
          .pluck()
          .get(articleId);

      await server!.kill();
      await waitFor(() => links.every((link) => link.status().state === 'offline'), 'ba máy ngoại tuyến');
      await desk.call('workflow.publish', { articleId }, deskSessions.truongphong);
      await desk2.call('workflow.publish', { articleId }, desk2Session);
      // Each desk sees its own click as the publish, until they hear of each other.
      expect([statusOf(desk, articleId), statusOf(desk2, articleId)]).toEqual(['published', 'published']);
      await startServer(ensureOfficeKey(desk.ctx).fingerprint);
      const publishedEvents = (core: TestCore) =>
        core.db
          .prepare("SELECT id FROM article_events WHERE article_id = ? AND kind = 'published'")
          .pluck()
          .all(articleId);
      // Each desk has folded the other's click too (its own alone already reads as one publish).
      const refusedPublishes = (core: TestCore) =>
        core.db
          .prepare("SELECT count(*) FROM office_refused_events WHERE article_id = ? AND kind = 'published'")
          .pluck()
          .get(articleId) as number;
      await waitFor(
        () =>
          synced() &&
          [desk, desk2, laptop].every(
            (core) => statusOf(core, articleId) === 'published' && publishedEvents(core).length === 1,
          ) &&
          [desk, desk2].every((core) => refusedPublishes(core) === 1),
        'ba máy cùng thấy một lần đăng',
        60_000,
      );
      // One publish event everywhere (the same one), one send to the site, from the desk holding the office key.
      expect(new Set([desk, desk2, laptop].map((core) => publishedEvents(core)[0])).size).toBe(1);
      // The click that lost is shown beside the log on every workstation, as overtaken, not forged.
      for (const [core, session] of [
        [desk, deskSessions.truongphong],
        [desk2, desk2Session],
      ] as const) {
        const { refused } = await core.call('workflow.history', { articleId }, session!);
        const lost = refused.filter((event) => event.kind === 'published');
        expect(lost).toEqual([expect.objectContaining({ forged: false, reason: expect.stringContaining('đã đăng') })]);
      }
      expect(publishes(desk)).toBe(1);
      expect(publishes(desk2)).toBe(0);
      expect(publishes(laptop)).toBe(0);
      // The desk sends it: the page, sealed with the approval signed on the second desktop.
      const worker = new PublishWorker(desk.ctx, { adapterFor: (target) => adapterFor(desk.ctx, target) });
      while (await worker.runOnce());
      const { slug } = await desk.call('articles.get', { id: articleId }, deskSessions.truongphong);
      const page = readFileSync(join(deskSite, 'bai-viet', `${slug}.html`), 'utf8');
      expect(page).toContain('Câu kết mới.');
      expect(page).toMatch(/bientap:seal=/);
      // A reader's check of the page holds: the head's sign-off, made on the desk, certified by the office key.
      const pagePath = join(deskSite, 'bai-viet', `${slug}.html`);
      const check = runCli(['verify-page', pagePath, '--office', ensureOfficeKey(desk.ctx).fingerprint]);
      expect(check.code, check.stdout + check.stderr).toBe(0);
      expect(check.stdout).toContain('Người ký duyệt: Phạm Thị Mai');
    },
  );
});
