import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { HocuspocusProvider } from '@hocuspocus/provider';
import sharp from 'sharp';
import * as Y from 'yjs';
import { emptyEditorState, paragraphNode, textNode } from '../src/core/articles/editorState';
import { parsePortalArticle } from '../src/core/demo/sampleArticle';
import { imageHash } from '../src/core/images/process';
import { serverToken, type OfficeServerPin } from '../src/core/office/client';
import { OfficeConnection, unsealOfficeSigner, type OfficeSigner } from '../src/core/office/connection';
import { officeHooks } from '../src/core/office/hooks';
import { createInvitation, createOffice, joinOffice, readOfficeConnection } from '../src/core/office/invitations';
import { startServerProcess } from '../src/core/office/testServer';
import { ensureOfficeKey } from '../src/core/seal/officeKey';
import { signReviewEvent } from '../src/core/office/review';
import { signApproval } from '../src/core/signoff/message';
import { canonicalHashOfDoc, contentDocFromArticle } from '../src/core/sync/contentDoc';
import { REVIEW_EVENTS, type ReviewEvent } from '../src/shared/sync/review';
import { PASSWORD, openSeededCore, openTestCore, runOnRealTime, sharedTempDir } from '../src/core/testkit';
import type { EditorNode, EditorState } from '../src/shared/domain';
import { ARTICLE_INDEX_DOCUMENT, ARTICLE_ORIGIN, articleDocumentName } from '../src/shared/sync/documents';
import type { NotedRow } from './editor.bench';
import { summarize } from './lib/stats';
import { bareSocket, until } from './lib/workstation';

// A new workstation joins an office that has worked for years: 10,000 articles of 300 words, one
// with a photo in ten, nine in ten submitted, signed and published (a review document each), on the
// office server. Measured from the invitation redeemed until the list is
// usable (every article's row here) and until everything is local (rows and photos, the link
// synced), against a bare Yjs sync of the same documents over one socket (Hocuspocus providers
// that only fetch). The office is generated once into .bench-cache/ (the server's data folder and
// the office workstation's database), then copied for each run.

const ARTICLES = Number(process.env.BIENTAP_BENCH_JOIN_ARTICLES ?? 10_000);
const PHOTO_EVERY = 10;
/** Nine articles in ten went through review and were published: submitted, approved and published, each signed. */
const REVIEWED_EVERY = 10;
const CACHE_VERSION = 2;

interface Cached {
  dir: string;
  fingerprint: string;
}

function cacheDir(): string {
  return join(import.meta.dirname, '..', '.bench-cache', `join-v${CACHE_VERSION}-${ARTICLES}`);
}

/** A 300-word body from the sample's paragraphs, with a photo after its second paragraph when given one. */
function body(photo: string | null): EditorState {
  const sample = parsePortalArticle(readFileSync(new URL('../fixtures/sample-article.txt', import.meta.url), 'utf8'));
  const paragraphs: string[] = [];
  for (let i = 0, count = 0; count < 300; i++) {
    const paragraph = sample.paragraphs[i % sample.paragraphs.length]!;
    paragraphs.push(paragraph);
    count += paragraph.split(/\s+/).length;
  }
  const state = emptyEditorState();
  const children: EditorNode[] = paragraphs.map((text) => paragraphNode([textNode(text)]));
  if (photo) {
    const image = { type: 'image', hash: photo, width: 320, height: 240, altText: '', caption: '', credit: '' };
    children.splice(2, 0, image as EditorNode);
  }
  state.root.children = children;
  return state;
}

/** A photo of its own for article `n`: different pixels, so a different hash. */
function photoFor(n: number): Promise<Buffer> {
  return sharp({
    create: {
      width: 320,
      height: 240,
      channels: 3,
      background: { r: n % 256, g: (n >> 8) % 256, b: 128 },
      noise: { type: 'gaussian', mean: 128, sigma: 20 },
    },
  })
    .jpeg({ quality: 70 })
    .toBuffer();
}

/** An article's review: submitted by its author, signed and published by the head, each event signed. */
function publishedHistory(
  articleId: string,
  contentHash: string,
  author: OfficeSigner,
  head: OfficeSigner,
  at: (step: number) => string,
): ReviewEvent[] {
  const event = (
    kind: ReviewEvent['kind'],
    who: OfficeSigner,
    step: number,
    approval: ReviewEvent['approval'] = null,
  ) =>
    signReviewEvent(
      {
        v: 1,
        id: randomUUID(),
        articleId,
        kind,
        actorId: who.userId,
        keyFingerprint: who.fingerprint,
        at: at(step),
        contentHash,
        note: '',
        revisionId: kind === 'approved' ? randomUUID() : null,
        scheduledFor: null,
        approval,
      },
      who.privateKey,
    );
  const submitted = event('submitted', author, 0);
  const revisionId = randomUUID();
  const auditHead = '0'.repeat(64);
  const signature = signApproval(head.privateKey, {
    articleId,
    revisionId,
    contentHash,
    keyFingerprint: head.fingerprint,
    at: at(1),
    auditHead,
  });
  const approved = signReviewEvent(
    {
      ...event('approved', head, 1),
      revisionId,
      approval: { keyFingerprint: head.fingerprint, signature, signatureFormat: 2, auditHead, at: at(1) },
    },
    head.privateKey,
  );
  return [submitted, approved, event('published', head, 2)];
}

/** The office, generated once: its server's data folder and the office workstation's database. */
async function office(): Promise<Cached> {
  const dir = cacheDir();
  const meta = join(dir, 'office.json');
  if (existsSync(meta)) return { dir, ...(JSON.parse(readFileSync(meta, 'utf8')) as { fingerprint: string }) };
  rmSync(dir, { recursive: true, force: true });
  const building = `${dir}.building`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  console.log(`  tạo văn phòng ${ARTICLES} bài (một lần, lưu ở .bench-cache/)…`);
  const { core: desk } = await openSeededCore();
  const fingerprint = ensureOfficeKey(desk.ctx).fingerprint;
  const serverDir = join(building, 'server');
  const server = await startServerProcess({ data: serverDir, office: fingerprint });
  try {
    await createOffice(desk.ctx, { url: server.url, cert: `sha256:${server.certSha256}` });
  } finally {
    await server.kill('SIGTERM');
  }
  const authors = desk.db
    .prepare("SELECT id FROM users WHERE role = 'reporter' ORDER BY username")
    .pluck()
    .all() as string[];
  const headId = desk.db.prepare("SELECT id FROM users WHERE username = 'truongphong'").pluck().get() as string;
  const keys = new Map<string, OfficeSigner>();
  for (const id of [...authors, headId]) keys.set(id, (await unsealOfficeSigner(desk.ctx, id, PASSWORD))!);
  // Signed after every key and account entry (the directory judges an event by its time).
  const eventsFrom = Date.now() + 1000;
  const plain = Y.encodeStateAsUpdate(
    contentDocFromArticle({
      title: '',
      summary: 'Tóm tắt bài viết.',
      byline: 'Huỳnh Thị Ly',
      category: 'Văn hóa',
      tags: ['Huế'],
      slug: '',
      featuredImage: null,
      body: body(null),
    }),
  );
  const db = new Database(join(serverDir, 'office.sqlite'));
  const insert = db.prepare('INSERT INTO document_updates (document, data, received_at) VALUES (?, ?, ?)');
  const index = new Y.Doc();
  const listed = index.getMap('articles');
  const start = Date.parse('2016-01-01T00:00:00Z');
  for (let n = 0; n < ARTICLES; n += 500) {
    const batch: { name: string; update: Uint8Array }[] = [];
    for (let i = n; i < Math.min(ARTICLES, n + 500); i++) {
      const id = randomUUID();
      const authorId = authors[i % authors.length]!;
      const createdAt = new Date(start + i * 8 * 3600_000).toISOString();
      let doc: Y.Doc;
      if (i % PHOTO_EVERY === 0) {
        const bytes = await photoFor(i);
        const hash = imageHash(bytes);
        const blobDir = join(serverDir, 'blobs', hash.slice(0, 2));
        mkdirSync(blobDir, { recursive: true });
        writeFileSync(join(blobDir, hash), bytes);
        doc = contentDocFromArticle({
          title: `Bài số ${i + 1}`,
          summary: 'Tóm tắt bài viết.',
          byline: 'Huỳnh Thị Ly',
          category: 'Văn hóa',
          tags: ['Huế'],
          slug: '',
          featuredImage: hash,
          body: body(hash),
        });
      } else {
        doc = new Y.Doc();
        Y.applyUpdate(doc, plain);
        const title = doc.getMap('meta').get('title') as Y.Text;
        title.insert(0, `Bài số ${i + 1}`);
      }
      const origin = doc.getMap(ARTICLE_ORIGIN);
      origin.set('authorId', authorId);
      origin.set('createdAt', createdAt);
      batch.push({ name: articleDocumentName(id, 'content'), update: Y.encodeStateAsUpdate(doc) });
      if (i % REVIEWED_EVERY === REVIEWED_EVERY - 1) {
        listed.set(id, { authorId, createdAt });
        continue;
      }
      const review = new Y.Doc();
      const at = (step: number) => new Date(eventsFrom + i * 4 + step).toISOString();
      review
        .getArray(REVIEW_EVENTS)
        .push(publishedHistory(id, canonicalHashOfDoc(doc), keys.get(authorId)!, keys.get(headId)!, at));
      batch.push({ name: articleDocumentName(id, 'review'), update: Y.encodeStateAsUpdate(review) });
      listed.set(id, { authorId, createdAt, reviewed: true });
    }
    db.transaction(() => {
      for (const { name, update } of batch) insert.run(name, Buffer.from(update), Date.now());
    })();
  }
  insert.run(ARTICLE_INDEX_DOCUMENT, Buffer.from(Y.encodeStateAsUpdate(index)), Date.now());
  db.close();
  desk.db.prepare('VACUUM INTO ?').run(join(building, 'desk.sqlite'));
  desk.close();
  writeFileSync(join(building, 'office.json'), JSON.stringify({ fingerprint }));
  renameSync(building, dir);
  return { dir, fingerprint };
}

/** Milliseconds a bare Yjs sync of the office's documents over one socket takes, each provider only fetching into an empty document. */
async function bareSync(pin: OfficeServerPin, signer: OfficeSigner): Promise<number> {
  const providers: HocuspocusProvider[] = [];
  const index = new Y.Doc();
  const started = performance.now();
  const socket = bareSocket(pin);
  try {
    // One token for the socket, as the workstation signs in.
    const signed = serverToken(pin, signer);
    const token = () => signed;
    const indexProvider = new HocuspocusProvider({
      name: ARTICLE_INDEX_DOCUMENT,
      document: index,
      websocketProvider: socket,
      token,
    });
    providers.push(indexProvider);
    indexProvider.attach();
    await until(() => indexProvider.isSynced, 'bare index', 60_000);
    let synced = 0;
    const names = [...index.getMap<{ reviewed?: boolean }>('articles').entries()].flatMap(([id, entry]) =>
      entry.reviewed
        ? [articleDocumentName(id, 'content'), articleDocumentName(id, 'review')]
        : [articleDocumentName(id, 'content')],
    );
    for (const name of names) {
      const provider = new HocuspocusProvider({
        name,
        document: new Y.Doc({ guid: name }),
        websocketProvider: socket,
        token,
        onSynced: () => synced++,
      });
      providers.push(provider);
      provider.attach();
    }
    await until(() => synced === names.length, 'bare documents', 30 * 60_000);
    return performance.now() - started;
  } finally {
    // The socket's listeners go first, or each provider leaving searches all the others'.
    socket.removeAllListeners();
    for (const provider of providers) provider.destroy();
    socket.destroy();
  }
}

export async function benchJoin(): Promise<NotedRow[]> {
  const cached = await office();
  const run = sharedTempDir('bientap-bench-join-');
  cpSync(join(cached.dir, 'server'), join(run, 'server'), { recursive: true });
  const server = await startServerProcess({ data: join(run, 'server'), office: cached.fingerprint });
  const desk = openTestCore({ copyOf: join(cached.dir, 'desk.sqlite') });
  runOnRealTime(desk);
  const laptop = openTestCore();
  runOnRealTime(laptop);
  let connection: OfficeConnection | null = null;
  try {
    // The server listens on a new port each run: the office workstation is told where it is now.
    const settings = readOfficeConnection(desk.ctx)!;
    desk.db
      .prepare("UPDATE settings SET value_json = ? WHERE key = 'office.connection'")
      .run(JSON.stringify({ ...settings, url: server.url }));
    const { line } = await createInvitation(desk.ctx, { username: 'quantri', password: PASSWORD });
    const head = desk.db.prepare("SELECT id FROM users WHERE username = 'truongphong'").pluck().get() as string;
    const photos = Math.ceil(ARTICLES / PHOTO_EVERY);
    const rows = () => laptop.db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
    const count = (table: string) => laptop.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    // On the machine: stored, or kept as fetched with the rendition still to make.
    const images = () => count('images') + count('images_arrived');

    const started = performance.now();
    await joinOffice(laptop.ctx, line);
    const signer = (await unsealOfficeSigner(laptop.ctx, head, PASSWORD)) as OfficeSigner;
    const link = new OfficeConnection(laptop.ctx, readOfficeConnection(laptop.ctx)!, { signer, log: () => undefined });
    connection = link;
    laptop.ctx.office = officeHooks(laptop.ctx, link, () => undefined);
    link.start();
    await until(() => rows() === ARTICLES, 'every article listed', 30 * 60_000);
    const listed = performance.now() - started;
    // The list as the head opens it: its first page answered.
    const session = (await laptop.call('auth.login', { username: 'truongphong', password: PASSWORD })).session;
    const listedAnswer = performance.now();
    await laptop.call('articles.list', {}, session);
    const usable = listed + (performance.now() - listedAnswer);
    const reviewed = ARTICLES - Math.floor(ARTICLES / REVIEWED_EVERY);
    const published = () => count("articles WHERE status = 'published'");
    await until(
      () => images() === photos && published() === reviewed && link.status().state === 'synced',
      'everything local',
      30 * 60_000,
    );
    const everything = performance.now() - started;
    // The web renditions, made while no transfer runs (or when a photo is first shown).
    await until(() => count('images') === photos, 'every rendition made', 30 * 60_000);
    const renditions = performance.now() - started;
    await link.close();
    connection = null;

    // The same documents, bare, twice: the faster is the baseline (the machine's pace moves it by a
    // third between runs; the faster one can only make the ratio worse for the workstation).
    const pin = { url: server.url, certSha256: server.certSha256, cert: settings.cert };
    const bare = Math.min(await bareSync(pin, signer), await bareSync(pin, signer));

    return [
      {
        name: `tham gia văn phòng ${ARTICLES.toLocaleString('vi-VN')} bài (300 từ, ảnh 1/${PHOTO_EVERY} bài): đến khi danh sách dùng được`,
        measured: summarize([usable]),
        baseline: summarize([bare]),
        baselineName: 'đồng bộ Yjs trần cùng các tài liệu qua một socket',
        unit: 'ms',
        notes: ['  chỉ tiêu: ≤ 10 s'],
      },
      {
        name: `tham gia văn phòng ${ARTICLES.toLocaleString('vi-VN')} bài: đến khi mọi bài, ảnh và quy trình duyệt đã ở máy`,
        measured: summarize([everything]),
        baseline: summarize([bare]),
        baselineName: 'đồng bộ Yjs trần cùng các tài liệu qua một socket',
        unit: 'ms',
        notes: [
          '  chỉ tiêu: ≤ 1,5× mốc',
          `  ${reviewed} bài đã qua duyệt (3 sự kiện có chữ ký mỗi bài, một tài liệu duyệt mỗi bài), kiểm chữ ký và ở trạng thái “đã đăng” trên máy mới`,
          `  ${photos} ảnh tải về, kiểm tra mã và đọc phần đầu tệp; ảnh cho web làm sau, khi máy rảnh hoặc khi ảnh được mở`,
          `  mọi ảnh cho web xong sau ${(renditions / 1000).toFixed(1)} s`,
        ],
      },
    ];
  } finally {
    await connection?.close();
    await server.kill();
    desk.close();
    laptop.close();
  }
}
