import { $createParagraphNode, $createTextNode, $getRoot, $isParagraphNode } from 'lexical';
import { join } from 'node:path';
import * as Y from 'yjs';
import { readMeta, writeMetaChanges } from '../../shared/collab/meta';
import { LiveSession, toBase64 } from '../../shared/collab/session';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paragraphsState } from '../articles/editorState';
import { ensureOfficeKey } from '../seal/officeKey';
import { PASSWORD, openSeededCore, openTestCore, runOnRealTime, tempDir, type TestCore } from '../testkit';
import { bindEditor, loadFromDoc, type BoundEditor } from '../sync/binding';
import { readOrigin } from './articles';
import type { OfficeConnection } from './connection';
import { createInvitation, createOffice, joinOffice } from './invitations';
import { startServerProcess, type ServerProcess, linkWorkstation, waitUntil } from './testServer';

// Articles between two workstations and the office server, through the real server process: an
// article begun on a laptop reaches the office's desktop, edits made on both while the server is
// down both survive once it is back, and an editor still showing the older text is refused
// instead of saving it over the merge.

let server: ServerProcess | null = null;
let serverData: string;
let port = 0;
let office: TestCore;
let laptop: TestCore;
let officeSessions: Record<string, string>;
let laptopSession: string;
const connections: OfficeConnection[] = [];
const logs: string[] = [];
const changed: string[] = [];
/** Announcements to live editors: which workstation, which article, which editor's update. */
const announced: { core: TestCore; articleId: string; session: string | null }[] = [];

async function startServer(fingerprint: string): Promise<void> {
  server = await startServerProcess({ data: serverData, office: fingerprint, port });
  port = server.port;
}

const waitFor = (check: () => boolean, what: string, timeoutMs = 15_000) => waitUntil(check, what, { timeoutMs, logs });

/** The running core's link, as openCore makes it: signed in as `username`, told of every save. */
async function connect(core: TestCore, username: string): Promise<OfficeConnection> {
  const connection = await linkWorkstation(core, username, logs, {
    onLiveChange: (articleId, session) => announced.push({ core, articleId, session }),
  });
  connections.push(connection);
  return connection;
}

const paragraphs = paragraphsState;

const row = (core: TestCore, id: string) =>
  core.db.prepare('SELECT title, body_text AS text, version FROM articles WHERE id = ?').get(id) as
    { title: string; text: string; version: number } | undefined;

beforeAll(async () => {
  ({ core: office, sessions: officeSessions } = await openSeededCore());
  runOnRealTime(office);
  office.ctx.emit = (event, payload) => {
    if (event === 'articles.changed') changed.push((payload as { id: string }).id);
  };
  serverData = join(tempDir(), 'server');
  await startServer(ensureOfficeKey(office.ctx).fingerprint);
  await createOffice(office.ctx, { url: server!.url, cert: `sha256:${server!.certSha256}` });
  const { line } = await createInvitation(office.ctx, { username: 'quantri', password: PASSWORD });
  laptop = openTestCore();
  runOnRealTime(laptop);
  await joinOffice(laptop.ctx, line);
  laptopSession = (await laptop.call('auth.login', { username: 'phongvien', password: PASSWORD })).session;
});

afterAll(async () => {
  for (const connection of connections) await connection.close();
  await server?.kill();
  office?.close();
  laptop?.close();
});

describe('articles between workstations', () => {
  let articleId: string;

  it('tells the administrator of an office workstation that a backup does not take shared articles back', async () => {
    expect((await office.call('backup.status', {}, officeSessions.quantri)).inOffice).toBe(true);
    const admin = (await laptop.call('auth.login', { username: 'quantri', password: PASSWORD })).session;
    expect((await laptop.call('backup.status', {}, admin)).inOffice).toBe(true);
  });

  it('brings an article begun on a laptop to the office desktop, edits and all', { timeout: 40_000 }, async () => {
    const desk = await connect(office, 'quantri');
    const away = await connect(laptop, 'phongvien');
    await waitFor(() => desk.status().state === 'synced' && away.status().state === 'synced', 'cả hai đồng bộ');

    const created = await laptop.call('articles.create', { title: 'Lễ hội Huế 2026' }, laptopSession);
    articleId = created.id;
    await laptop.call(
      'articles.save',
      {
        id: articleId,
        baseVersion: created.version,
        title: 'Lễ hội Huế 2026',
        summary: 'Tóm tắt',
        body: paragraphs('Festival Huế diễn ra vào tháng sáu.', 'Đoạn hai.', 'Kết bài.'),
        tags: ['lễ hội'],
      },
      laptopSession,
    );
    expect(away.status().pendingChanges).toBeGreaterThan(0);
    await waitFor(() => row(office, articleId)?.text.includes('Kết bài.') ?? false, 'bài đến máy văn phòng');
    const there = office.db
      .prepare('SELECT author_id AS authorId, summary, tags_json AS tags FROM articles WHERE id = ?')
      .get(articleId) as { authorId: string; summary: string; tags: string };
    expect(there).toEqual({ authorId: created.authorId, summary: 'Tóm tắt', tags: '["lễ hội"]' });
    expect(row(office, articleId)!.text).toBe(row(laptop, articleId)!.text);
    // The office's lists and search follow the row.
    expect(changed).toContain(articleId);
    await waitFor(() => away.status().pendingChanges === 0, 'máy xách tay hết thay đổi chờ gửi');
  });

  it(
    'names who wrote a change where it arrives, and keeps the text it replaced in the history',
    { timeout: 30_000 },
    async () => {
      const userId = (core: TestCore, username: string) =>
        core.db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as string;
      const writer = (core: TestCore) =>
        core.db.prepare('SELECT updated_by FROM articles WHERE id = ?').pluck().get(articleId) as string;
      const revisions = (core: TestCore) =>
        core.db
          .prepare(
            'SELECT author_id AS by, body_text AS text FROM revisions WHERE article_id = ? ORDER BY article_version, created_at',
          )
          .all(articleId) as { by: string; text: string }[];
      // Her text reached the desk as hers.
      expect(writer(office)).toBe(userId(office, 'phongvien'));

      // The copy editor corrects a word on the desk: on the laptop the change is the copy editor's,
      // and the reporter's text before it is one revision back, under her name.
      const before = row(laptop, articleId)!.text;
      const base = row(office, articleId)!.version;
      await office.call(
        'articles.save',
        {
          id: articleId,
          baseVersion: base,
          title: 'Lễ hội Huế 2026',
          summary: 'Tóm tắt',
          body: paragraphs('Festival Huế diễn ra vào tháng Sáu.', 'Đoạn hai.', 'Kết bài.'),
          tags: ['lễ hội'],
        },
        officeSessions.bientap,
      );
      await waitFor(() => row(laptop, articleId)?.text.includes('tháng Sáu') ?? false, 'bản sửa đến máy xách tay');
      expect(writer(laptop)).toBe(userId(laptop, 'bientap'));
      expect(revisions(laptop).at(-1)).toEqual({ by: userId(laptop, 'phongvien'), text: before });

      // She puts her word back on the laptop: the desk has it, as hers.
      await laptop.call(
        'articles.save',
        {
          id: articleId,
          baseVersion: row(laptop, articleId)!.version,
          title: 'Lễ hội Huế 2026',
          summary: 'Tóm tắt',
          body: paragraphs('Festival Huế diễn ra vào tháng sáu.', 'Đoạn hai.', 'Kết bài.'),
          tags: ['lễ hội'],
        },
        laptopSession,
      );
      await waitFor(() => row(office, articleId)?.text === before, 'bản sửa lại đến máy văn phòng');
      expect(writer(office)).toBe(userId(office, 'phongvien'));
    },
  );

  it('keeps another reporter’s article off her laptop', { timeout: 30_000 }, async () => {
    const [desk, away] = connections as [OfficeConnection, OfficeConnection];
    const other = await office.call('articles.create', { title: 'Bài của Trần Văn Bình' }, officeSessions.phongvien2);
    await waitFor(
      () => desk.status().state === 'synced' && desk.status().pendingChanges === 0,
      'máy văn phòng gửi xong',
    );
    // The laptop learns from the index that the article exists, but neither opens it nor gets its row.
    await waitFor(() => away.status().state === 'synced', 'máy xách tay đồng bộ');
    await new Promise((done) => setTimeout(done, 500));
    expect(row(laptop, other.id)).toBeUndefined();
    expect(away.articleDoc(other.id)).toBeNull();
    expect(logs.filter((line) => line.includes(other.id))).toEqual([]);
  });

  it(
    'keeps what both typed while the server was down, and refuses an editor still showing the older text',
    {
      timeout: 60_000,
    },
    async () => {
      const [desk, away] = connections as [OfficeConnection, OfficeConnection];
      await server!.kill();
      await waitFor(() => desk.status().state === 'offline' && away.status().state === 'offline', 'cả hai ngoại tuyến');
      const officeBase = row(office, articleId)!.version;
      const laptopBase = row(laptop, articleId)!.version;
      const save = (core: TestCore, session: string, baseVersion: number, lines: string[]) =>
        core.call(
          'articles.save',
          { id: articleId, baseVersion, title: 'Lễ hội Huế 2026', summary: 'Tóm tắt', body: paragraphs(...lines) },
          session,
        );
      // On the desktop she adds a word to the first paragraph; on the laptop, to the third.
      await save(office, officeSessions.phongvien!, officeBase, [
        'Festival Huế năm nay diễn ra vào tháng sáu.',
        'Đoạn hai.',
        'Kết bài.',
      ]);
      await save(laptop, laptopSession, laptopBase, [
        'Festival Huế diễn ra vào tháng sáu.',
        'Đoạn hai.',
        'Kết bài hay.',
      ]);
      expect(desk.status()).toMatchObject({ state: 'offline' });
      expect(away.status().pendingChanges).toBeGreaterThan(0);

      await startServer(ensureOfficeKey(office.ctx).fingerprint);
      const merged = 'Festival Huế năm nay diễn ra vào tháng sáu.\nĐoạn hai.\nKết bài hay.';
      await waitFor(
        () => row(office, articleId)?.text === merged && row(laptop, articleId)?.text === merged,
        'cả hai có cả hai chữ',
      );
      await waitFor(() => desk.status().state === 'synced' && away.status().state === 'synced', 'đồng bộ lại');
      expect(desk.status().pendingChanges + away.status().pendingChanges).toBe(0);

      // The laptop's editor had saved at laptopBase + 1; the merge moved the row on, so that editor's
      // next save (still without the desktop's words) is refused rather than written over them.
      const stale = await laptop.tryCall(
        'articles.save',
        {
          id: articleId,
          baseVersion: laptopBase + 1,
          title: 'Lễ hội Huế 2026',
          summary: 'Tóm tắt',
          body: paragraphs('Festival Huế diễn ra vào tháng sáu.', 'Đoạn hai.', 'Kết bài hay lắm.'),
        },
        laptopSession,
      );
      expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      expect(row(laptop, articleId)!.text).toBe(merged);
    },
  );

  it(
    'takes an article a copied data folder already holds from the office instead of beginning it again',
    {
      timeout: 40_000,
    },
    async () => {
      // A copy of the laptop's data folder made before its log held the article or the office's
      // index (copied at the wrong moment, say): it must take the article from the office, not
      // begin a second document for it, which would merge into the text twice.
      const file = join(tempDir(), 'bientap.sqlite');
      laptop.db.prepare('VACUUM INTO ?').run(file);
      const copy = openTestCore({ copyOf: file });
      runOnRealTime(copy);
      let second: OfficeConnection | null = null;
      try {
        copy.db.prepare("DELETE FROM office_document_updates WHERE document <> 'office/directory'").run();
        const before = row(office, articleId)!.text;
        const link = await connect(copy, 'phongvien');
        second = link;
        await waitFor(() => link.status().state === 'synced' && link.articleDoc(articleId) !== null, 'bản sao đồng bộ');
        await waitFor(() => link.status().pendingChanges === 0, 'bản sao hết thay đổi chờ gửi');
        await new Promise((done) => setTimeout(done, 300));
        expect(row(office, articleId)!.text).toBe(before);
        expect(row(copy, articleId)!.text).toBe(before);
      } finally {
        await second?.close();
        copy.close();
      }
    },
  );
});

describe('live editors on two workstations', () => {
  /** A renderer's editor as the app binds it (src/shared/collab), here headless, talking to its core. */
  class LiveEditor {
    readonly live: LiveSession;
    bound: BoundEditor | null = null;
    constructor(
      readonly core: TestCore,
      readonly session: string,
      articleId: string,
    ) {
      this.live = new LiveSession(articleId, (input) => core.call('collab.sync', input, session));
    }
    async open(): Promise<boolean> {
      const first = await this.live.sync();
      this.bound = bindEditor(this.live.doc, { writes: true });
      loadFromDoc(this.bound);
      return first.shared;
    }
    /** A new paragraph with `line`, or `line` in the only paragraph while that is empty. */
    type(line: string): void {
      this.bound!.editor.update(
        () => {
          const last = $getRoot().getLastChild();
          if ($isParagraphNode(last) && $getRoot().getTextContent() === '') last.append($createTextNode(line));
          else $getRoot().append($createParagraphNode().append($createTextNode(line)));
        },
        { discrete: true },
      );
    }
    text(): string {
      return this.bound!.editor.getEditorState().read(() => $getRoot().getTextContent());
    }
  }

  let articleId: string;
  let reporter: LiveEditor;
  let editor: LiveEditor;

  it('shows what one types on the other workstation’s open editor', { timeout: 40_000 }, async () => {
    const [desk, away] = connections as [OfficeConnection, OfficeConnection];
    await waitFor(() => desk.status().state === 'synced' && away.status().state === 'synced', 'cả hai đồng bộ');
    const created = await laptop.call('articles.create', { title: 'Phiên họp trực tiếp' }, laptopSession);
    articleId = created.id;
    reporter = new LiveEditor(laptop, laptopSession, articleId);
    expect(await reporter.open()).toBe(true);
    reporter.type('Câu đầu gõ trên máy xách tay.');
    const saved = await reporter.live.sync();
    expect(saved.version).toBeGreaterThan(created.version);
    expect(row(laptop, articleId)!.text).toBe('Câu đầu gõ trên máy xách tay.');
    // The update is on disk in the log before the answer: it waits there for the server.
    expect(reporter.live.hasPending).toBe(false);

    await waitFor(() => row(office, articleId)?.text === 'Câu đầu gõ trên máy xách tay.', 'bài đến máy văn phòng');
    editor = new LiveEditor(office, officeSessions.bientap!, articleId);
    expect(await editor.open()).toBe(true);
    expect(editor.text()).toBe('Câu đầu gõ trên máy xách tay.');

    announced.length = 0;
    editor.type('Biên tập viên thêm một câu.');
    await editor.live.sync();
    // The laptop hears of it (not as its own editor's update) and its editor fetches what it lacks.
    // (Who views the article is announced the same way: the text's own announcement comes with its row.)
    await waitFor(
      () =>
        announced.some((entry) => entry.core === laptop && entry.articleId === articleId && entry.session === null) &&
        (row(laptop, articleId)?.text.includes('Biên tập viên') ?? false),
      'máy xách tay được báo thay đổi',
    );
    expect(announced.filter((entry) => entry.core === office && entry.session === editor.live.id)).not.toEqual([]);
    const reply = await reporter.live.sync();
    expect(reporter.text()).toBe('Câu đầu gõ trên máy xách tay.\n\nBiên tập viên thêm một câu.');
    expect(reply.version).toBe(row(laptop, articleId)!.version);
    // The row there was written by the edit as it arrived; the editor's text is the row's.
    expect(row(laptop, articleId)!.text).toBe('Câu đầu gõ trên máy xách tay.\nBiên tập viên thêm một câu.');
  });

  it(
    'holds a change from elsewhere while the editor composes a word, and shows it after',
    { timeout: 20_000 },
    async () => {
      let composing = true;
      reporter.live.holdWhile(() => composing);
      const before = reporter.text();
      editor.type('Câu thêm trong lúc gõ dấu.');
      await editor.live.sync();
      await waitFor(
        () => row(laptop, articleId)?.text.includes('Câu thêm trong lúc gõ dấu.') ?? false,
        'đến máy xách tay',
      );
      // Fetched, not shown: the word being composed is left alone, and what she types still goes.
      await reporter.live.sync();
      expect(reporter.text()).toBe(before);
      expect(reporter.live.release()).toBe(false);
      reporter.type(' Chữ của phóng viên.');
      await reporter.live.sync();
      expect(reporter.text()).not.toContain('Câu thêm trong lúc gõ dấu.');
      composing = false;
      expect(reporter.live.release()).toBe(true);
      expect(reporter.text()).toContain('Câu thêm trong lúc gõ dấu.');
      expect(reporter.text()).toContain('Chữ của phóng viên.');
      reporter.live.holdWhile(() => false);
      // Both sides end with the same text.
      await editor.live.sync();
      await waitFor(() => row(office, articleId)?.text.includes('Chữ của phóng viên.') ?? false, 'đến máy văn phòng');
      await editor.live.sync();
      expect(editor.text()).toBe(reporter.text());
    },
  );

  it(
    'tells each editor who else has the article open, on this workstation or another',
    { timeout: 20_000 },
    async () => {
      const viewersSeenBy = async (live: LiveEditor) => (await live.live.sync()).viewers;
      const waitForViewers = async (live: LiveEditor, names: string[]) => {
        const start = Date.now();
        let seen = await viewersSeenBy(live);
        while (JSON.stringify(seen) !== JSON.stringify(names)) {
          if (Date.now() - start > 10_000)
            throw new Error(`Thấy ${JSON.stringify(seen)}, cần ${JSON.stringify(names)}`);
          await new Promise((done) => setTimeout(done, 50));
          seen = await viewersSeenBy(live);
        }
      };
      // Both editors from the test before are open: each sees the other, not herself.
      await waitForViewers(editor, ['Huỳnh Thị Ly']);
      await waitForViewers(reporter, ['Lê Thị Hoà']);
      // A second window on the desktop, by its head: both others are seen there, and she is seen on the laptop.
      const head = new LiveEditor(office, officeSessions.truongphong!, articleId);
      await head.open();
      await waitForViewers(head, ['Huỳnh Thị Ly', 'Lê Thị Hoà']);
      await waitForViewers(reporter, ['Lê Thị Hoà', 'Nguyễn Văn Thuỷ']);
      // The editor closes hers: it is gone from the others' lists.
      await editor.live.leave();
      await waitForViewers(reporter, ['Nguyễn Văn Thuỷ']);
      await waitForViewers(head, ['Huỳnh Thị Ly']);
      await head.live.leave();
      await waitForViewers(reporter, []);
    },
  );

  it('refuses an update that is not one, or that reaches beyond the text, and keeps nothing of it', async () => {
    const before = row(laptop, articleId)!;
    const pending = () => laptop.db.prepare('SELECT count(*) FROM office_document_updates').pluck().get();
    const stored = pending();
    const stateVector = toBase64(Y.encodeStateVector(reporter.live.doc));
    const call = (update: string) =>
      laptop.tryCall('collab.sync', { articleId, session: reporter.live.id, stateVector, update }, laptopSession);
    expect(await call(toBase64(new Uint8Array([1, 2, 3, 250, 251])))).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    // A well-formed update that re-authors the article: its origin is not the editor's to change.
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(reporter.live.doc));
    const vector = Y.encodeStateVector(forged);
    forged.getMap('origin').set('authorId', officeSessions.bientap!);
    expect(await call(toBase64(Y.encodeStateAsUpdate(forged, vector)))).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    // Nor may it add a document root of its own.
    const extra = new Y.Doc();
    Y.applyUpdate(extra, Y.encodeStateAsUpdate(reporter.live.doc));
    const extraVector = Y.encodeStateVector(extra);
    extra.getText('lạ').insert(0, 'x');
    expect(await call(toBase64(Y.encodeStateAsUpdate(extra, extraVector)))).toMatchObject({ ok: false });
    expect(
      await laptop.tryCall(
        'collab.sync',
        { articleId, session: reporter.live.id, stateVector: 'gICAgA==' },
        laptopSession,
      ),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    await new Promise((done) => setTimeout(done, 50));
    expect(pending()).toBe(stored);
    expect(row(laptop, articleId)).toEqual(before);
    const reread = await new LiveEditor(laptop, laptopSession, articleId).open();
    expect(reread).toBe(true);
    expect(readOrigin(connections[1]!.articleDoc(articleId)!)?.authorId).toBe(
      laptop.db.prepare('SELECT author_id FROM articles WHERE id = ?').pluck().get(articleId),
    );
  });

  it('keeps what was typed when the article as it then stands is refused, and saves it once fixed', async () => {
    const before = row(laptop, articleId)!;
    const stored = laptop.db.prepare('SELECT count(*) FROM office_document_updates').pluck().get() as number;
    writeMetaChanges(reporter.live.doc, { title: `${'Tiêu đề quá dài '.repeat(40)}` });
    await expect(reporter.live.sync()).rejects.toThrow(/INVALID_INPUT/);
    // Stored and on its way to the office; the row waits.
    expect(laptop.db.prepare('SELECT count(*) FROM office_document_updates').pluck().get()).toBeGreaterThan(stored);
    expect(row(laptop, articleId)).toEqual(before);
    writeMetaChanges(reporter.live.doc, { title: 'Phiên họp trực tiếp, sửa lại' });
    await reporter.live.sync();
    expect(row(laptop, articleId)!.title).toBe('Phiên họp trực tiếp, sửa lại');
    await waitFor(() => row(office, articleId)?.title === 'Phiên họp trực tiếp, sửa lại', 'tên bài đến máy văn phòng');
  });

  it('lets no one type into an article that waits in review, and a single workstation saves as before', async () => {
    await laptop.call('workflow.submit', { articleId }, laptopSession);
    // Submission fixed the page address: the document holds it too, and so the desktop's row.
    const slug = laptop.db.prepare('SELECT slug FROM articles WHERE id = ?').pluck().get(articleId) as string;
    expect(slug).toMatch(/^phien-hop/);
    expect(readMeta(connections[1]!.articleDoc(articleId)!).slug).toBe(slug);
    await waitFor(
      () => office.db.prepare('SELECT slug FROM articles WHERE id = ?').pluck().get(articleId) === slug,
      'địa chỉ trang đến máy văn phòng',
    );
    reporter.type('Gõ khi bài đang chờ duyệt.');
    await expect(reporter.live.sync()).rejects.toThrow(/IN_REVIEW/);
    expect(reporter.live.hasPending).toBe(true);
    expect(row(laptop, articleId)!.text).not.toContain('chờ duyệt');

    const { core: alone, sessions } = await openSeededCore();
    try {
      const own = await alone.call('articles.create', { title: 'Một máy' }, sessions.phongvien);
      const single = new LiveEditor(alone, sessions.phongvien!, own.id);
      expect(await single.open()).toBe(false);
    } finally {
      alone.close();
    }
  });
});
