import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { emptyEditorState, paragraphNode, textNode } from '../src/core/articles/editorState';
import { parsePortalArticle } from '../src/core/demo/sampleArticle';
import type { OfficeConnection } from '../src/core/office/connection';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  type LexicalEditor,
  type ParagraphNode,
  type TextNode,
} from 'lexical';
import {
  createInvitation,
  createOffice,
  joinOffice,
  pinOf,
  readOfficeConnection,
} from '../src/core/office/invitations';
import { startServerProcess } from '../src/core/office/testServer';
import { ensureOfficeKey } from '../src/core/seal/officeKey';
import { PASSWORD, openSeededCore, openTestCore, runOnRealTime, sharedTempDir } from '../src/core/testkit';
import type { EditorState } from '../src/shared/domain';
import { articleDocumentName } from '../src/shared/sync/documents';
import type { BenchRow } from './autosave.bench';
import { interleave, summarize } from './lib/stats';
import { bareProvider, boundEditor, clockMs, connect, liveEditor, until } from './lib/workstation';

// Two workstations and the office server on loopback, as an office runs them, each in a process of
// its own (the laptop here, the desktop in bench/lib/deskProcess.ts, the server): a save on the
// laptop until the desktop's row holds it (the core's path: the save written into the article's
// document, stored, sent, stored by the server, relayed, stored, written into the desktop's row),
// and a word typed in the laptop's live editor until the desktop's open editor shows it, against
// two bare Hocuspocus providers on the same server, one in each process, exchanging an edit of the
// same size. Times shown on the desktop are taken by its clock (the machine's monotonic clock).

/** A 300-word article from the sample's sentences. */
function article(words: number): EditorState {
  const sample = parsePortalArticle(readFileSync(new URL('../fixtures/sample-article.txt', import.meta.url), 'utf8'));
  const state = emptyEditorState();
  const paragraphs: string[] = [];
  for (let i = 0, count = 0; count < words; i++) {
    const paragraph = sample.paragraphs[i % sample.paragraphs.length]!;
    paragraphs.push(paragraph);
    count += paragraph.split(/\s+/).length;
  }
  state.root.children = paragraphs.map((text) => paragraphNode([textNode(text)]));
  return state;
}

/** The time a live editor in the app waits after a keystroke before it sends (src/renderer/src/screens). */
const LIVE_DEBOUNCE_NOTE = '100 ms (tối đa 400 ms khi gõ liền) mà trình soạn thảo chờ trước khi gửi';

const paragraphText = 'Festival Huế diễn ra vào tháng sáu.';

/** A word typed at the end of the editor's last paragraph (the one before it replaced). */
function typeWord(editor: LexicalEditor, word: string): void {
  editor.update(
    () =>
      $getRoot()
        .getLastChildOrThrow<ParagraphNode>()
        .getLastChildOrThrow<TextNode>()
        .setTextContent(`${paragraphText}${word}`),
    { discrete: true },
  );
}

/** The desktop workstation in its own process (bench/lib/deskProcess.ts), started from a copy of `file`. */
async function startDesk(file: string) {
  const child = fork(fileURLToPath(new URL('./lib/deskProcess.ts', import.meta.url)), [file], {
    execArgv: ['--conditions=production', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting: { kind: string; done: (at: number) => void; fail: (error: Error) => void }[] = [];
  let ready: (message: { file: string }) => void = () => undefined;
  const started = new Promise<{ file: string }>((resolve) => (ready = resolve));
  child.once('exit', (code) => {
    for (const next of waiting.splice(0)) next.fail(new Error(`Máy văn phòng dừng (mã ${code}).`));
  });
  child.on('message', (message: { kind: string; file?: string; message?: string; at?: number }) => {
    if (message.kind === 'ready') return ready(message as { file: string });
    const next = waiting.shift();
    if (message.kind === 'error') next?.fail(new Error(`Máy văn phòng: ${message.message}`));
    else next?.done(message.at ?? 0);
  });
  /** Sends a message and resolves at the answers of kinds `kinds`, taken in order, with the time they carry. */
  const ask = (message: object, ...kinds: string[]) =>
    kinds.map(
      (kind, index) =>
        new Promise<number>((done, fail) => {
          waiting.push({ kind, done, fail });
          if (index === 0) child.send(message);
        }),
    );
  const { file: own } = await Promise.race([
    started,
    new Promise<never>((_, fail) => child.once('exit', () => fail(new Error('Máy văn phòng dừng khi khởi động.')))),
  ]);
  // The desktop's rows, read as its lists would read them (its own process writes them).
  const rows = new Database(own, { readonly: true });
  return {
    text: (id: string) =>
      (rows.prepare('SELECT body_text FROM articles WHERE id = ?').pluck().get(id) as string | undefined) ?? '',
    open: (articleId: string) => ask({ kind: 'open', articleId }, 'opened')[0]!,
    /** A bare provider on the desktop, on document `name`, synced (with an editor bound to it when `editor`). */
    bare: (name: string, editor = false) => ask({ kind: 'bare', name, editor }, 'synced')[0]!,
    /**
     * Resolves once the desktop watches for `word` in its open editor (or in what the bare provider
     * on document `bare` shows);
     * `shown` resolves with the time on the machine's clock (clockMs) at which it showed there.
     */
    async watch(word: string, bare?: string): Promise<{ shown: Promise<number> }> {
      const [watching, shown] = ask({ kind: 'watch', word, bare }, 'watching', 'shown');
      await watching;
      return { shown: shown! };
    },
    async close() {
      rows.close();
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.send({ kind: 'close' });
      await exited;
    },
  };
}

export async function benchSync(rounds = 80): Promise<(BenchRow & { notes?: string[] })[]> {
  const { core: office } = await openSeededCore();
  runOnRealTime(office);
  const server = await startServerProcess({
    data: join(sharedTempDir('bientap-bench-sync-'), 'server'),
    office: ensureOfficeKey(office.ctx).fingerprint,
  });
  const laptop = openTestCore();
  runOnRealTime(laptop);
  const connections: OfficeConnection[] = [];
  const bare: HocuspocusProvider[] = [];
  let desk: Awaited<ReturnType<typeof startDesk>> | null = null;
  try {
    await createOffice(office.ctx, { url: server.url, cert: `sha256:${server.certSha256}` });
    const { line } = await createInvitation(office.ctx, { username: 'quantri', password: PASSWORD });
    await joinOffice(laptop.ctx, line);
    // The office's workstation becomes the desktop, in a process of its own from here on.
    const officeFile = join(sharedTempDir('bientap-bench-sync-desk-'), 'bientap.sqlite');
    office.db.prepare('VACUUM INTO ?').run(officeFile);
    office.close();
    desk = await startDesk(officeFile);
    const onDesk = desk;
    const session = (await laptop.call('auth.login', { username: 'phongvien', password: PASSWORD })).session;
    const away = await connect(laptop, 'phongvien');
    connections.push(away.connection);
    await until(() => away.connection.status().state === 'synced', 'the laptop synced');

    const body = article(300);
    const created = await laptop.call('articles.create', { title: 'Đồng bộ' }, session);
    let version = created.version;
    const save = async (word: string) => {
      const children = [...body.root.children];
      const middle = Math.floor(children.length / 2);
      const paragraph = children[middle]!;
      children[middle] = { ...paragraph, children: [textNode(`${paragraph.children![0]!.text!} ${word}`)] };
      body.root.children = children;
      const saved = await laptop.call(
        'articles.save',
        { id: created.id, baseVersion: version, title: 'Đồng bộ', summary: '', body },
        session,
      );
      version = saved.version;
    };
    const onDeskText = (id = created.id) => onDesk.text(id);
    await save('bắt-đầu');
    await until(() => onDeskText().includes('bắt-đầu'), 'the article on the desk');

    // The bare pair: one provider here, the other in the desktop's process, as on two machines.
    const name = articleDocumentName(randomUUID(), 'content');
    const a = bareProvider(pinOf(readOfficeConnection(laptop.ctx)!), name, away.signer);
    bare.push(a);
    await until(() => a.isSynced, 'the bare provider synced');
    await onDesk.bare(name);
    // The same pair with a headless editor bound straight to each provider's document (no core, no
    // bridge between): what the editors alone add to the bare trip, reported beside the target.
    const withEditorsName = articleDocumentName(randomUUID(), 'content');
    const withEditors = bareProvider(pinOf(readOfficeConnection(laptop.ctx)!), withEditorsName, away.signer);
    bare.push(withEditors);
    await until(() => withEditors.isSynced, 'the bare provider with an editor synced');
    const typingBare = boundEditor(withEditors.document).bound.editor;
    typingBare.update(() => $getRoot().append($createParagraphNode().append($createTextNode(paragraphText))), {
      discrete: true,
    });
    await onDesk.bare(withEditorsName, true);

    // Live editors on both (headless, bound as the renderer's): a word typed on the laptop until the
    // desktop's editor shows it.
    const liveArticle = await laptop.call('articles.create', { title: 'Trực tiếp' }, session);
    const typing = await liveEditor(laptop, session, liveArticle.id);
    typing.bound.editor.update(
      () => $getRoot().getFirstChildOrThrow<ParagraphNode>().append($createTextNode(paragraphText)),
      { discrete: true },
    );
    await typing.live.sync();
    await until(() => onDeskText(liveArticle.id).includes('Festival'), 'the live article on the desk');
    await onDesk.open(liveArticle.id);

    const samples = await interleave(rounds, {
      workstations: async (round) => {
        const word = `lượt${round}x`;
        await save(word);
        await until(() => onDeskText().includes(word), `round ${round} on the desk`);
      },
      live: async (round) => {
        const word = ` trực${round}x`;
        const { shown } = await onDesk.watch(word);
        const start = clockMs();
        typeWord(typing.bound.editor, word);
        // Until the other workstation shows it, by its clock (the laptop's wait for its own disk
        // does not delay what the desktop shows); the laptop's acknowledgement is awaited after.
        const acknowledged = typing.live.sync();
        const visible = (await shown) - start;
        await acknowledged;
        return visible;
      },
      bare: async (round) => {
        const word = `lượt${round}x`;
        const text = a.document.getText('body');
        const { shown } = await onDesk.watch(word, name);
        const start = clockMs();
        text.insert(text.length, ` ${word}`);
        return (await shown) - start;
      },
      editors: async (round) => {
        const word = ` trực${round}x`;
        const { shown } = await onDesk.watch(word, withEditorsName);
        const start = clockMs();
        typeWord(typingBare, word);
        return (await shown) - start;
      },
    });
    // Disk per 1,000 keystrokes: one letter per update (each sent alone, the most the log can be
    // asked to hold), then, once the server has them all, the log merged as it is compacted.
    const keystrokes = await liveEditor(laptop, session, (await laptop.call('articles.create', {}, session)).id);
    const keystrokeDoc = articleDocumentName(keystrokes.live.articleId, 'content');
    for (let key = 0; key < 1000; key++) {
      const letter = 'Huế đẹp lắm '[key % 12]!;
      keystrokes.bound.editor.update(
        () => {
          const paragraph = $getRoot().getLastChildOrThrow<ParagraphNode>();
          const text = paragraph.getLastChild<TextNode>();
          if (text) text.setTextContent(text.getTextContent() + letter);
          else paragraph.append($createTextNode(letter));
        },
        { discrete: true },
      );
      await keystrokes.live.sync();
    }
    const logged = () =>
      laptop.db
        .prepare(
          'SELECT count(*) AS rows, coalesce(sum(length(data)), 0) AS bytes FROM office_document_updates WHERE document = ?',
        )
        .get(keystrokeDoc) as { rows: number; bytes: number };
    await until(
      () => away.connection.status().pendingChanges === 0 && logged().rows <= 201,
      'keystrokes compacted',
      60_000,
    );
    const onDisk = logged();
    const minimum = Y.encodeStateAsUpdate(away.connection.articleDoc(keystrokes.live.articleId)!).length;

    const localRows = laptop.db
      .prepare(
        'SELECT count(*) AS rows, coalesce(sum(length(data)), 0) AS bytes FROM office_document_updates WHERE document = ?',
      )
      .get(articleDocumentName(created.id, 'content')) as { rows: number; bytes: number };
    const measured = summarize(samples.workstations!.slice(10));
    const baseline = summarize(samples.bare!.slice(10));
    const editors = summarize(samples.editors!.slice(10));
    const times = (a: number, b: number) => `${(a / b).toFixed(2).replace('.', ',')}×`;
    return [
      {
        name: 'một chữ gõ trong trình soạn thảo trên máy xách tay → trình soạn thảo đang mở trên máy văn phòng',
        measured: summarize(samples.live!.slice(10)),
        baseline,
        baselineName: 'hai nhà cung cấp Hocuspocus trần trao cùng một chữ',
        unit: 'ms',
        notes: [
          `  chỉ tiêu: p95 ≤ 1,5× mốc và ≤ 150 ms; trong ứng dụng cộng thêm ${LIVE_DEBOUNCE_NOTE}`,
          `  riêng hai trình soạn thảo (cặp trần, mỗi bên một trình soạn thảo gắn thẳng vào tài liệu): p50 ${editors.p50.toFixed(2)} ms, p95 ${editors.p95.toFixed(2)} ms = ${times(editors.p50, baseline.p50)} / ${times(editors.p95, baseline.p95)} mốc`,
        ],
      },
      {
        name: 'dung lượng nhật ký của một bài trên máy xách tay sau 1.000 lần gõ (mỗi lần gõ một cập nhật), đã gộp',
        measured: summarize([onDisk.bytes]),
        baseline: summarize([minimum]),
        baselineName: 'cả tài liệu mã hoá thành một cập nhật Yjs',
        unit: 'byte',
        notes: [`  ${onDisk.rows} dòng trong nhật ký (gộp khi quá 200 dòng đã được máy chủ nhận)`],
      },
      {
        name: 'một lần lưu trên máy xách tay → dòng bài trên máy văn phòng (bài 300 từ, qua máy chủ)',
        measured,
        baseline,
        baselineName: 'hai nhà cung cấp Hocuspocus trần trao cùng một chữ',
        unit: 'ms',
        notes: [
          `  nhật ký của bài trên máy xách tay sau ${rounds + 1} lần lưu: ${localRows.rows} dòng, ${localRows.bytes} byte`,
        ],
      },
    ];
  } finally {
    for (const provider of bare) provider.destroy();
    for (const connection of connections) await connection.close();
    await desk?.close();
    await server.kill();
    laptop.close();
  }
}
