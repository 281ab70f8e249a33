import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { emptyEditorState, paragraphNode, textNode } from '../src/core/articles/editorState';
import { NO_OFFICE } from '../src/core/context';
import { parsePortalArticle } from '../src/core/demo/sampleArticle';
import { pinnedTlsOptions, serverToken, type OfficeServerPin } from '../src/core/office/client';
import { OfficeConnection, unsealOfficeSigner, type OfficeSigner } from '../src/core/office/connection';
import { createInvitation, createOffice, joinOffice, readOfficeConnection } from '../src/core/office/invitations';
import { startServerProcess } from '../src/core/office/testServer';
import { ensureOfficeKey } from '../src/core/seal/officeKey';
import { PASSWORD, openSeededCore, openTestCore, runOnRealTime, tempDir, type TestCore } from '../src/core/testkit';
import type { EditorState } from '../src/shared/domain';
import { articleDocumentName } from '../src/shared/sync/documents';
import type { BenchRow } from './autosave.bench';
import { interleave, summarize } from './lib/stats';

// Two workstations and the office server on loopback, as an office runs them: a save on the
// laptop until the desktop's row holds it (the core's path: the save written into the article's
// document, stored, sent, stored by the server, relayed, stored, written into the desktop's row),
// against two bare Hocuspocus providers on the same server exchanging an edit of the same size.

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Hết thời gian chờ: ${what}`);
    await new Promise((done) => setTimeout(done, 5));
  }
}

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

async function connect(
  core: TestCore,
  username: string,
): Promise<{ connection: OfficeConnection; signer: OfficeSigner }> {
  const id = core.db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as string;
  const signer = (await unsealOfficeSigner(core.ctx, id, PASSWORD))!;
  const connection = new OfficeConnection(core.ctx, readOfficeConnection(core.ctx)!, {
    signer,
    minDelayMs: 50,
    maxDelayMs: 400,
    log: () => undefined,
  });
  core.ctx.office = { ...NO_OFFICE, articleSaved: (articleId) => connection.articleSaved(articleId) };
  connection.start();
  return { connection, signer };
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
  const { core: desk } = await openSeededCore();
  runOnRealTime(desk);
  const server = await startServerProcess({
    data: join(tempDir('bientap-bench-sync-'), 'server'),
    office: ensureOfficeKey(desk.ctx).fingerprint,
  });
  const laptop = openTestCore();
  runOnRealTime(laptop);
  const connections: OfficeConnection[] = [];
  const bare: HocuspocusProvider[] = [];
  try {
    await createOffice(desk.ctx, { url: server.url, cert: `sha256:${server.certSha256}` });
    const { line } = await createInvitation(desk.ctx, { username: 'quantri', password: PASSWORD });
    await joinOffice(laptop.ctx, line);
    const session = (await laptop.call('auth.login', { username: 'phongvien', password: PASSWORD })).session;
    const onDesk = await connect(desk, 'quantri');
    const away = await connect(laptop, 'phongvien');
    connections.push(onDesk.connection, away.connection);
    await until(
      () => onDesk.connection.status().state === 'synced' && away.connection.status().state === 'synced',
      'both synced',
    );

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
    const onDeskText = () =>
      (desk.db.prepare('SELECT body_text FROM articles WHERE id = ?').pluck().get(created.id) as string | undefined) ??
      '';
    await save('bắt-đầu');
    await until(() => onDeskText().includes('bắt-đầu'), 'the article on the desk');

    const pin = { url: server.url, certSha256: server.certSha256, cert: readOfficeConnection(laptop.ctx)!.cert };
    const name = articleDocumentName(randomUUID(), 'content');
    const a = bareProvider(pin, name, away.signer);
    const b = bareProvider(pin, name, onDesk.signer);
    bare.push(a, b);
    await until(() => a.isSynced && b.isSynced, 'bare providers synced');
    const bText = b.document.getText('body');

    const samples = await interleave(rounds, {
      workstations: async (round) => {
        const word = `lượt${round}x`;
        await save(word);
        await until(() => onDeskText().includes(word), `round ${round} on the desk`);
      },
      bare: async (round) => {
        const word = `lượt${round}x`;
        const text = a.document.getText('body');
        text.insert(text.length, ` ${word}`);
        await until(() => bText.toString().includes(word), `round ${round} bare`);
      },
    });
    const localRows = laptop.db
      .prepare(
        'SELECT count(*) AS rows, coalesce(sum(length(data)), 0) AS bytes FROM office_document_updates WHERE document = ?',
      )
      .get(articleDocumentName(created.id, 'content')) as { rows: number; bytes: number };
    const measured = summarize(samples.workstations!.slice(10));
    const baseline = summarize(samples.bare!.slice(10));
    return [
      {
        name: 'một lần lưu trên máy xách tay → dòng bài trên máy văn phòng (bài 300 từ, qua máy chủ)',
        measured,
        baseline,
        baselineName: 'hai nhà cung cấp Hocuspocus trần trao cùng một chữ',
        unit: 'ms',
        notes: [
          `  nhật ký của bài trên máy xách tay sau ${rounds + 1} lần lưu: ${localRows.rows} dòng, ${localRows.bytes} byte`,
          '  (chỉ tiêu "một phím hiện ở máy kia" áp dụng khi trình soạn thảo gắn thẳng vào tài liệu; chưa có)',
        ],
      },
    ];
  } finally {
    for (const provider of bare) provider.destroy();
    for (const connection of connections) await connection.close();
    await server.kill();
    desk.close();
    laptop.close();
  }
}
