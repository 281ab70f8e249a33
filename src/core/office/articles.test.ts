import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditorState } from '../../shared/domain';
import { emptyEditorState, paragraphNode, textNode } from '../articles/editorState';
import { NO_OFFICE } from '../context';
import { ensureOfficeKey } from '../seal/officeKey';
import { PASSWORD, openSeededCore, openTestCore, runOnRealTime, tempDir, type TestCore } from '../testkit';
import { OfficeConnection, unsealOfficeSigner } from './connection';
import { createInvitation, createOffice, joinOffice, readOfficeConnection } from './invitations';
import { startServerProcess, type ServerProcess } from './testServer';

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

async function startServer(fingerprint: string): Promise<void> {
  server = await startServerProcess({ data: serverData, office: fingerprint, port });
  port = server.port;
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Hết thời gian chờ: ${what}\n${logs.join('\n')}`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

/** The running core's link, as openCore makes it: signed in as `username`, told of every save. */
async function connect(core: TestCore, username: string): Promise<OfficeConnection> {
  const id = core.db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as string;
  const signer = await unsealOfficeSigner(core.ctx, id, PASSWORD);
  const connection = new OfficeConnection(core.ctx, readOfficeConnection(core.ctx)!, {
    signer,
    minDelayMs: 50,
    maxDelayMs: 400,
    log: (line) => logs.push(line),
  });
  core.ctx.office = { ...NO_OFFICE, articleSaved: (articleId) => connection.articleSaved(articleId) };
  connections.push(connection);
  connection.start();
  return connection;
}

function paragraphs(...lines: string[]): EditorState {
  const state = emptyEditorState();
  state.root.children = lines.map((line) => paragraphNode([textNode(line)]));
  return state;
}

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
