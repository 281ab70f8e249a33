import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { emptyEditorState, paragraphNode, textNode } from '../src/core/articles/editorState';
import { parsePortalArticle } from '../src/core/demo/sampleArticle';
import { pinnedTlsOptions, serverToken, type OfficeServerPin } from '../src/core/office/client';
import { OfficeConnection, unsealOfficeSigner, type OfficeSigner } from '../src/core/office/connection';
import { $createTextNode, $getRoot, type ParagraphNode, type TextNode } from 'lexical';
import { createInvitation, createOffice, joinOffice, readOfficeConnection } from '../src/core/office/invitations';
import { startServerProcess } from '../src/core/office/testServer';
import { ensureOfficeKey } from '../src/core/seal/officeKey';
import { PASSWORD, openSeededCore, openTestCore, runOnRealTime, tempDir } from '../src/core/testkit';
import type { EditorState } from '../src/shared/domain';
import { articleDocumentName } from '../src/shared/sync/documents';
import type { BenchRow } from './autosave.bench';
import { interleave, summarize } from './lib/stats';
import { connect, liveEditor, until, whenUpdated } from './lib/workstation';

// Two workstations and the office server on loopback, as an office runs them, each in a process of
// its own (the laptop here, the desktop in bench/lib/deskProcess.ts, the server): a save on the
// laptop until the desktop's row holds it (the core's path: the save written into the article's
// document, stored, sent, stored by the server, relayed, stored, written into the desktop's row),
// and a word typed in the laptop's live editor until the desktop's open editor shows it, against
// two bare Hocuspocus providers on the same server exchanging an edit of the same size.

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

/** The desktop workstation in its own process (bench/lib/deskProcess.ts), started from a copy of `file`. */
async function startDesk(file: string) {
  const child = fork(fileURLToPath(new URL('./lib/deskProcess.ts', import.meta.url)), [file], {
    execArgv: ['--conditions=production', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting: { kind: string; done: () => void; fail: (error: Error) => void }[] = [];
  let ready: (message: { file: string }) => void = () => undefined;
  const started = new Promise<{ file: string }>((resolve) => (ready = resolve));
  child.once('exit', (code) => {
    for (const next of waiting.splice(0)) next.fail(new Error(`Máy văn phòng dừng (mã ${code}).`));
  });
  child.on('message', (message: { kind: string; file?: string; message?: string }) => {
    if (message.kind === 'ready') return ready(message as { file: string });
    const next = waiting.shift();
    if (message.kind === 'error') next?.fail(new Error(`Máy văn phòng: ${message.message}`));
    else next?.done();
  });
  /** Sends a message and resolves at the answer of kind `kind`, taken in order. */
  const ask = (message: object, ...kinds: string[]) =>
    kinds.map(
      (kind, index) =>
        new Promise<void>((done, fail) => {
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
    /** Resolves once the desktop watches for `word`; `shown` once its editor shows it. */
    async watch(word: string): Promise<{ shown: Promise<void> }> {
      const [watching, shown] = ask({ kind: 'watch', word }, 'watching', 'shown');
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

/** A bare provider on its own pinned socket, as a workstation's would be without the core around it. */
function bareProvider(pin: OfficeServerPin, name: string, signer: OfficeSigner): HocuspocusProvider {
  const tls = pinnedTlsOptions(pin);
  const Pinned = class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols ?? [], tls as unknown as WebSocket.ClientOptions);
    }
  } as typeof WebSocket;
  const socket = new HocuspocusProviderWebsocket({ url: pin.url, WebSocketPolyfill: Pinned });
  const provider = new HocuspocusProvider({
    name,
    document: new Y.Doc(),
    websocketProvider: socket,
    token: () => serverToken(pin, signer),
  });
  provider.attach();
  return provider;
}

export async function benchSync(rounds = 80): Promise<(BenchRow & { notes?: string[] })[]> {
  const { core: office } = await openSeededCore();
  runOnRealTime(office);
  const server = await startServerProcess({
    data: join(tempDir('bientap-bench-sync-'), 'server'),
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
    const quantri = office.db.prepare("SELECT id FROM users WHERE username = 'quantri'").pluck().get() as string;
    const deskSigner = (await unsealOfficeSigner(office.ctx, quantri, PASSWORD))!;
    const officeFile = join(tempDir('bientap-bench-sync-desk-'), 'bientap.sqlite');
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

    const pin = { url: server.url, certSha256: server.certSha256, cert: readOfficeConnection(laptop.ctx)!.cert };
    const name = articleDocumentName(randomUUID(), 'content');
    const a = bareProvider(pin, name, away.signer);
    const b = bareProvider(pin, name, deskSigner);
    bare.push(a, b);
    await until(() => a.isSynced && b.isSynced, 'bare providers synced');
    const bText = b.document.getText('body');

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
        const start = performance.now();
        typing.bound.editor.update(
          () =>
            $getRoot()
              .getLastChildOrThrow<ParagraphNode>()
              .getLastChildOrThrow<TextNode>()
              .setTextContent(`${paragraphText}${word}`),
          { discrete: true },
        );
        // Visible on the other workstation is what is measured; the laptop's own acknowledgement (its
        // disk) runs alongside and is awaited after.
        const acknowledged = typing.live.sync();
        await shown;
        const visible = performance.now() - start;
        await acknowledged;
        return visible;
      },
      bare: async (round) => {
        const word = `lượt${round}x`;
        const text = a.document.getText('body');
        const shown = whenUpdated(b.document, () => bText.toString().includes(word), `round ${round} bare`);
        text.insert(text.length, ` ${word}`);
        await shown;
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
    return [
      {
        name: 'một chữ gõ trong trình soạn thảo trên máy xách tay → trình soạn thảo đang mở trên máy văn phòng',
        measured: summarize(samples.live!.slice(10)),
        baseline,
        baselineName: 'hai nhà cung cấp Hocuspocus trần trao cùng một chữ',
        unit: 'ms',
        notes: [`  chỉ tiêu: p95 ≤ 1,5× mốc và ≤ 150 ms; trong ứng dụng cộng thêm ${LIVE_DEBOUNCE_NOTE}`],
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
