import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Agent } from 'node:https';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_ORIGIN } from '../shared/sync/documents';
import { addServerKey } from './directory';
import { ServerStartError } from './errors';
import { startOfficeServer, type OfficeServer } from './server';
import {
  acknowledged,
  authMessage,
  authorizationHeader,
  connectClient,
  fetchNonce,
  freshToken,
  httpsCall,
  newUserKey,
  pinnedTls,
  pinnedWebSocket,
  readAuthAnswer,
  removeTempDirs,
  signToken,
  tempDir,
  updateMessage,
  waitFor,
  type Client,
  type ServerPin,
  type UserKey,
} from './testkit';

const ARTICLE = 'article/0b8f3c2e-5d4a-4f6b-9c1d-2e3f4a5b6c7d/content';
const REVIEW = 'article/0b8f3c2e-5d4a-4f6b-9c1d-2e3f4a5b6c7d/review';
const DIRECTORY = 'office/directory';
const MAX_UPDATE = 64 * 1024;
const MAX_BLOB = 256 * 1024;

let dir: string;
let server: OfficeServer;
let pin: ServerPin;
const reporter = newUserKey();
const admin = newUserKey();
const disabled = newUserKey();
const stranger = newUserKey();
const clients: Client[] = [];

async function start(): Promise<void> {
  server = await startOfficeServer({
    dataDir: dir,
    port: 0,
    maxUpdateBytes: MAX_UPDATE,
    maxBlobBytes: MAX_BLOB,
    compactAbove: 20,
    log: () => {},
  });
  pin = server;
}

function client(name: string, user: UserKey): Client {
  const made = connectClient(pin, name, user);
  clients.push(made);
  return made;
}

function closeClients(): void {
  for (const made of clients.splice(0)) made.destroy();
}

function storedDoc(name: string): Y.Doc {
  const rows = server.db.prepare('SELECT data FROM document_updates WHERE document = ? ORDER BY id').all(name) as {
    data: Buffer;
  }[];
  const doc = new Y.Doc();
  for (const row of rows) Y.applyUpdate(doc, row.data);
  return doc;
}

const rowsOf = (name: string) =>
  (server.db.prepare('SELECT count(*) AS n FROM document_updates WHERE document = ?').get(name) as { n: number }).n;

beforeAll(async () => {
  dir = join(tempDir('bientap-server-'), 'office');
  await start();
  addServerKey(server.db, { publicKey: reporter.publicKey, userId: 'u-reporter', role: 'reporter', active: true });
  addServerKey(server.db, { publicKey: admin.publicKey, userId: 'u-admin', role: 'admin', active: true });
  addServerKey(server.db, { publicKey: disabled.publicKey, userId: 'u-old', role: 'editor', active: false });
});

afterAll(async () => {
  closeClients();
  await server?.close();
  removeTempDirs();
});

describe('office server: documents', () => {
  it('relays edits between two workstations over pinned wss', async () => {
    const a = client(ARTICLE, reporter);
    const b = client(ARTICLE, admin);
    await Promise.all([a.synced, b.synced]);
    a.doc.getText('body').insert(0, 'Lễ hội Huế ');
    await waitFor(() => b.doc.getText('body').toString() === 'Lễ hội Huế ', 'b sees a');
    b.doc.getText('body').insert(b.doc.getText('body').length, 'năm nay');
    await waitFor(() => a.doc.getText('body').toString() === 'Lễ hội Huế năm nay', 'a sees b');
    await Promise.all([acknowledged(a), acknowledged(b)]);
    expect(storedDoc(ARTICLE).getText('body').toString()).toBe('Lễ hội Huế năm nay');
    closeClients();
  });

  it('compacts a long log into one row without losing an edit', async () => {
    const a = client(REVIEW, reporter);
    await a.synced;
    const events = a.doc.getArray<string>('events');
    for (let i = 0; i < 60; i++) {
      events.push([`sự kiện ${i}`]);
      await acknowledged(a);
    }
    await waitFor(() => rowsOf(REVIEW) <= 20, 'compaction');
    expect(storedDoc(REVIEW).getArray('events').toArray()).toEqual(events.toArray());
    closeClients();
  });

  it('answers nothing for an update it could not store: the workstation keeps it and sends it again', async () => {
    const name = `article/${randomUUID()}/content`;
    const a = client(name, reporter);
    await a.synced;
    // The disk refuses the write (here: the log's table is away).
    server.db.exec('ALTER TABLE document_updates RENAME TO document_updates_away');
    a.doc.getText('body').insert(0, 'không được mất');
    await new Promise((done) => setTimeout(done, 500));
    // Not acknowledged: Hocuspocus would have said "saved" had the write failed while it applied the update.
    expect(a.provider.hasUnsyncedChanges).toBe(true);
    server.db.exec('ALTER TABLE document_updates_away RENAME TO document_updates');
    expect(storedDoc(name).getText('body').toString()).toBe('');
    // The server closed that document's connection unanswered; the workstation connects again with
    // the same document and the change goes in the sync.
    a.destroy();
    const b = connectClient(pin, name, reporter, a.doc);
    clients.push(b);
    await b.synced;
    await waitFor(() => !b.provider.hasUnsyncedChanges, 'sent again and acknowledged');
    expect(storedDoc(name).getText('body').toString()).toBe('không được mất');
    closeClients();
  });

  it('opens an article only to its author among reporters; editors, heads and administrators open all', async () => {
    const articleId = randomUUID();
    const content = `article/${articleId}/content`;
    const other = newUserKey();
    addServerKey(server.db, { publicKey: other.publicKey, userId: 'u-reporter-2', role: 'reporter', active: true });
    // The reporter begins the article: its origin names her.
    const mine = client(content, reporter);
    await mine.synced;
    mine.doc.getMap(ARTICLE_ORIGIN).set('authorId', 'u-reporter');
    await acknowledged(mine);
    const refusal = (user: UserKey, name: string) =>
      new Promise<string>((done) => {
        const attempt = client(name, user);
        const timer = setInterval(() => {
          if (attempt.refusals.length === 0) return;
          clearInterval(timer);
          done(attempt.refusals[0]!);
        }, 10);
        void attempt.synced.then(() => {
          clearInterval(timer);
          done('accepted');
        });
      });
    expect(await refusal(other, content)).toBe('forbidden');
    expect(await refusal(other, `article/${articleId}/review`)).toBe('forbidden');
    expect(await refusal(admin, content)).toBe('accepted');
    expect(await refusal(reporter, content)).toBe('accepted');
    // An article nobody has begun yet is hers to begin.
    expect(await refusal(other, `article/${randomUUID()}/content`)).toBe('accepted');
    closeClients();
  });

  it('restores every document after a restart, with the same certificate', async () => {
    const before = server.certSha256;
    await server.close();
    await start();
    expect(server.certSha256).toBe(before);
    const c = client(ARTICLE, admin);
    await c.synced;
    expect(c.doc.getText('body').toString()).toBe('Lễ hội Huế năm nay');
    const r = client(REVIEW, admin);
    await r.synced;
    expect(r.doc.getArray('events').length).toBe(60);
    closeClients();
  });
});

describe('office server: sign-in by challenge', () => {
  async function refusalFor(token: () => Promise<string> | string, name = ARTICLE): Promise<string> {
    const socket = new (pinnedWebSocket(pin))(server.url);
    try {
      await new Promise((done, fail) => socket.once('open', done).once('error', fail));
      const answer = new Promise<Buffer>((done) => socket.once('message', (data: Buffer) => done(data)));
      socket.send(authMessage(name, await token()));
      const reply = readAuthAnswer(await answer);
      return reply.accepted ? 'accepted' : reply.text;
    } finally {
      socket.terminate();
    }
  }

  it('accepts a fresh token and refuses unknown, disabled, reused, forged and malformed ones', async () => {
    expect(await refusalFor(() => freshToken(pin, reporter))).toBe('accepted');
    expect(await refusalFor(() => freshToken(pin, stranger))).toBe('auth:unknown-key');
    expect(await refusalFor(() => freshToken(pin, disabled))).toBe('auth:disabled');
    const used = await freshToken(pin, reporter);
    expect(await refusalFor(() => used)).toBe('accepted');
    expect(await refusalFor(() => used)).toBe('auth:nonce');
    const unissued = signToken(reporter, 'x'.repeat(43), pin.certSha256);
    expect(await refusalFor(() => unissued)).toBe('auth:nonce');
    // Signed by another key than the one the fingerprint names.
    expect(
      await refusalFor(async () => signToken(reporter, await fetchNonce(pin), pin.certSha256, stranger.privateKey)),
    ).toBe('auth:signature');
    // Signed for another server's certificate.
    expect(await refusalFor(async () => signToken(reporter, await fetchNonce(pin), 'ab'.repeat(32)))).toBe(
      'auth:signature',
    );
    expect(await refusalFor(() => 'not json')).toBe('auth:malformed');
    expect(await refusalFor(() => freshToken(pin, reporter), 'article/not-a-uuid/content')).toBe('document-name');
  });

  it('opens every document of one connection with the token signed for it, and nothing on another', async () => {
    const answers = async (socket: InstanceType<ReturnType<typeof pinnedWebSocket>>, name: string, token: string) => {
      const reply = new Promise<string>((done) => {
        const onMessage = (data: Buffer) => {
          let answer: { accepted: boolean; text: string };
          try {
            answer = readAuthAnswer(data);
          } catch {
            return; // a sync message of a document already open
          }
          socket.off('message', onMessage);
          done(answer.accepted ? 'accepted' : answer.text);
        };
        socket.on('message', onMessage);
      });
      socket.send(authMessage(name, token));
      return reply;
    };
    const open = async () => {
      const socket = new (pinnedWebSocket(pin))(server.url);
      await new Promise((done, fail) => socket.once('open', done).once('error', fail));
      return socket;
    };
    const key = newUserKey();
    addServerKey(server.db, { publicKey: key.publicKey, userId: 'u-editor', role: 'editor', active: true });
    const token = await freshToken(pin, key);
    const first = await open();
    const second = await open();
    try {
      expect(await answers(first, ARTICLE, token)).toBe('accepted');
      expect(await answers(first, REVIEW, token)).toBe('accepted');
      // Its nonce is spent: another connection cannot use it.
      expect(await answers(second, DIRECTORY, token)).toBe('auth:nonce');
      // Disabled meanwhile: the connection opens nothing more.
      addServerKey(server.db, { publicKey: key.publicKey, userId: 'u-editor', role: 'editor', active: false });
      expect(await answers(first, DIRECTORY, token)).toBe('auth:disabled');
    } finally {
      first.terminate();
      second.terminate();
    }
  });

  it('tells a provider why it was refused', async () => {
    const c = client(ARTICLE, stranger);
    await waitFor(() => c.refusals.length > 0, 'refusal');
    expect(c.refusals[0]).toBe('auth:unknown-key');
    closeClients();
  });

  it('refuses a certificate other than the pinned one before sending anything', async () => {
    const wrong = { ...pin, certSha256: '00'.repeat(32) };
    await expect(fetchNonce(wrong)).rejects.toThrow(/chứng chỉ khác/);
  });
});

describe('office server: read-only documents', () => {
  it('lets a reporter read the directory but not change it', async () => {
    const adminClient = client(DIRECTORY, admin);
    await adminClient.synced;
    adminClient.doc.getMap('accounts').set('u-reporter', 'Nguyễn Văn A');
    await acknowledged(adminClient);

    const reader = client(DIRECTORY, reporter);
    await reader.synced;
    await waitFor(() => reader.doc.getMap('accounts').get('u-reporter') === 'Nguyễn Văn A', 'reporter reads');
    const rowsBefore = rowsOf(DIRECTORY);
    reader.doc.getMap('accounts').set('u-reporter', 'Quản trị viên giả');
    // The server answers a refused write with a sync status of "not applied": the change stays unsynced.
    await new Promise((done) => setTimeout(done, 300));
    expect(reader.provider.hasUnsyncedChanges).toBe(true);
    expect(adminClient.doc.getMap('accounts').get('u-reporter')).toBe('Nguyễn Văn A');
    expect(rowsOf(DIRECTORY)).toBe(rowsBefore);
    expect(storedDoc(DIRECTORY).getMap('accounts').get('u-reporter')).toBe('Nguyễn Văn A');
    closeClients();
  });
});

describe('office server: malformed and oversized updates', () => {
  async function sendRaw(name: string, message: Uint8Array): Promise<string> {
    const socket = new (pinnedWebSocket(pin))(server.url);
    try {
      await new Promise((done, fail) => socket.once('open', done).once('error', fail));
      const authenticated = new Promise<void>((done) => socket.once('message', () => done()));
      socket.send(authMessage(name, await freshToken(pin, admin)));
      await authenticated;
      const replies: Buffer[] = [];
      socket.on('message', (data: Buffer) => replies.push(data));
      socket.send(message);
      await waitFor(() => replies.some((reply) => reply.toString('utf8').includes('update-')), 'refusal');
      const refusal = replies.map((reply) => reply.toString('utf8')).find((text) => text.includes('update-')) ?? '';
      return /update-[a-z-]+/.exec(refusal)?.[0] ?? '';
    } finally {
      socket.terminate();
    }
  }

  it('refuses garbage and a too large update, and the stored document is intact', async () => {
    const before = Y.encodeStateAsUpdate(storedDoc(ARTICLE));
    expect(await sendRaw(ARTICLE, updateMessage(ARTICLE, Uint8Array.from([1, 2, 3, 250, 251, 252, 253])))).toBe(
      'update-malformed',
    );
    const valid = new Y.Doc();
    valid.getText('body').insert(0, 'x');
    const truncated = Y.encodeStateAsUpdate(valid).slice(0, -3);
    expect(await sendRaw(ARTICLE, updateMessage(ARTICLE, truncated))).toBe('update-malformed');
    const big = new Y.Doc();
    big.getText('body').insert(0, 'a'.repeat(MAX_UPDATE + 1));
    expect(await sendRaw(ARTICLE, updateMessage(ARTICLE, Y.encodeStateAsUpdate(big)))).toBe('update-too-large');

    expect(Y.encodeStateAsUpdate(storedDoc(ARTICLE))).toEqual(before);
    const c = client(ARTICLE, reporter);
    await c.synced;
    expect(c.doc.getText('body').toString()).toBe('Lễ hội Huế năm nay');
    closeClients();
  });
});

describe('office server: blobs', () => {
  const bytes = Buffer.from('ảnh đại diện — không phải ảnh thật, chỉ là byte', 'utf8');
  const hash = createHash('sha256').update(bytes).digest('hex');
  const put = async (name: string, body: Uint8Array, user = reporter) =>
    httpsCall(pin, 'PUT', `/blobs/${name}`, {
      headers: { authorization: authorizationHeader(await freshToken(pin, user)) },
      body,
    });

  it('stores a blob under its hash, idempotently, and serves it back', async () => {
    expect((await put(hash, bytes)).status).toBe(201);
    expect((await put(hash, bytes)).status).toBe(200);
    expect(existsSync(join(dir, 'blobs', hash.slice(0, 2), hash))).toBe(true);
    const got = await httpsCall(pin, 'GET', `/blobs/${hash}`, {
      headers: { authorization: authorizationHeader(await freshToken(pin, admin)) },
    });
    expect(got.status).toBe(200);
    expect(got.body.equals(bytes)).toBe(true);
  });

  it('refuses bytes that do not match the name, too large a blob, and requests without a fresh token', async () => {
    const other = createHash('sha256').update('khác').digest('hex');
    const mismatch = await put(other, bytes);
    expect(mismatch.status).toBe(422);
    expect(existsSync(join(dir, 'blobs', other.slice(0, 2), other))).toBe(false);
    expect(readdirSync(join(dir, 'blobs', other.slice(0, 2)))).toEqual([]);

    const large = Buffer.alloc(MAX_BLOB + 1, 7);
    const largeHash = createHash('sha256').update(large).digest('hex');
    expect((await put(largeHash, large)).status).toBe(413);
    expect(existsSync(join(dir, 'blobs', largeHash.slice(0, 2), largeHash))).toBe(false);
    // Streamed without a length, the cap is found while reading.
    const streamed = await httpsCall(pin, 'PUT', `/blobs/${largeHash}`, {
      headers: { authorization: authorizationHeader(await freshToken(pin, reporter)) },
      chunks: [large.subarray(0, MAX_BLOB / 2), large.subarray(MAX_BLOB / 2)],
    });
    expect(streamed.status).toBe(413);
    expect(readdirSync(join(dir, 'blobs', largeHash.slice(0, 2)))).toEqual([]);

    expect((await httpsCall(pin, 'GET', `/blobs/${hash}`)).status).toBe(401);
    const token = await freshToken(pin, reporter);
    const headers = { authorization: authorizationHeader(token) };
    expect((await httpsCall(pin, 'GET', `/blobs/${hash}`, { headers })).status).toBe(200);
    expect((await httpsCall(pin, 'GET', `/blobs/${hash}`, { headers })).status).toBe(401);
    expect((await put(hash, bytes, disabled)).status).toBe(401);
    expect((await put('ABC', bytes)).status).toBe(400);
    const missing = createHash('sha256').update('không có').digest('hex');
    const absent = await httpsCall(pin, 'GET', `/blobs/${missing}`, {
      headers: { authorization: authorizationHeader(await freshToken(pin, reporter)) },
    });
    expect(absent.status).toBe(404);
  });
  it('takes a token again on the connection it was signed in on, checking the key each time, and nowhere else', async () => {
    expect((await put(hash, bytes)).status).toBeLessThan(300);
    const later = newUserKey();
    const key = { publicKey: later.publicKey, userId: 'u-later', role: 'editor' as const, active: true };
    addServerKey(server.db, key);
    const kept = new Agent({ keepAlive: true, maxSockets: 1, ...pinnedTls(pin) });
    try {
      const headers = { authorization: authorizationHeader(await freshToken(pin, later)) };
      const onKept = () => httpsCall(pin, 'GET', `/blobs/${hash}`, { headers, agent: kept });
      expect((await onKept()).status).toBe(200);
      expect((await onKept()).status).toBe(200);
      // Another connection: the nonce is spent.
      expect((await httpsCall(pin, 'GET', `/blobs/${hash}`, { headers })).status).toBe(401);
      // The key disabled: refused on its own connection too.
      addServerKey(server.db, { ...key, active: false });
      expect((await onKept()).status).toBe(401);
    } finally {
      kept.destroy();
    }
  });
});

describe('office server: start-up refusals', () => {
  it('refuses a data path that is a file or cannot be written, a database from a newer version, and a port in use', async () => {
    const base = tempDir('bientap-server-bad-');
    const file = join(base, 'a-file');
    writeFileSync(file, 'x');
    await expect(startOfficeServer({ dataDir: file, port: 0, log: () => {} })).rejects.toThrow(/là một tệp/);
    await expect(startOfficeServer({ dataDir: join(file, 'office'), port: 0, log: () => {} })).rejects.toThrow(
      /Không ghi được vào thư mục dữ liệu/,
    );

    const newer = join(base, 'newer');
    await startOfficeServer({ dataDir: newer, port: 0, log: () => {} }).then((s) => s.close());
    const db = new Database(join(newer, 'office.sqlite'));
    db.pragma('user_version = 99');
    db.close();
    await expect(startOfficeServer({ dataDir: newer, port: 0, log: () => {} })).rejects.toThrow(
      /phiên bản máy chủ Biên Tập mới hơn/,
    );

    const busy = startOfficeServer({ dataDir: join(base, 'busy'), port: server.port, log: () => {} });
    await expect(busy).rejects.toBeInstanceOf(ServerStartError);
    await expect(busy).rejects.toThrow(/đang được một chương trình khác dùng/);
  });
});
