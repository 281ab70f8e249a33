import { Hocuspocus } from '@hocuspocus/server';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server as HttpsServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIPv6 } from 'node:net';
import { join, resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { z } from 'zod';
import { SERVER_AUTH_SCHEME } from '../shared/sync/auth';
import { appendDirectoryEntries, directoryEntrySchema, entryIdentity, verifyDirectory } from '../shared/sync/directory';
import { publicKeyFingerprint } from '../shared/crypto';
import { ARTICLE_ORIGIN, DIRECTORY_DOCUMENT, articleDocumentName, parseDocumentName } from '../shared/sync/documents';
import { INVITATION_REFUSALS, redeemInvitationSchema, registerInvitationSchema } from '../shared/sync/invitation';
import { AuthError, Challenges, authenticate, stillSignedIn, type Authenticated } from './auth';
import { BLOB_NAME, BlobStore, json, refuse } from './blobs';
import { openServerDatabase, type ServerDb } from './db';
import { DocumentServerDirectory, SqliteServerDirectory, type ServerDirectory } from './directory';
import { ServerStartError } from './errors';
import { BodyError, Invitations, pinOffice, readJsonBody } from './office';
import { documentAccess, mayOpenArticle } from './policy';
import { connectRedis, type RedisRelay } from './redis';
import { DocumentStore } from './store';
import { loadOrCreateTls } from './tls';
import { checkIncomingMessage } from './updates';

export interface OfficeServerOptions {
  /** The server's data folder (created on first start). */
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Address to bind; loopback unless the administrator opens it to the office network. */
  host?: string;
  /** Largest Yjs update accepted in one message (default 8 MiB). */
  maxUpdateBytes?: number;
  /** Largest blob accepted (default 32 MiB). */
  maxBlobBytes?: number;
  /** Merge a document's update log once it has more rows than this (default 200). */
  compactAbove?: number;
  /** How long a challenge nonce stays good (default 2 minutes). */
  challengeLifetimeMs?: number;
  /**
   * Fingerprint of the office key (`--office`): pinned on first start, then required to match. With
   * an office, who may connect comes from the verified directory document; without one ever given,
   * from the `server_keys` table of office.sqlite.
   */
  office?: string;
  /**
   * Redis (`--redis redis://host:port`) through which several server processes of one office relay
   * every document change to each other. Each process keeps its own data folder: the updates
   * relayed to it are stored in its own office.sqlite; photos are not relayed.
   */
  redis?: string;
  /** Overrides where the server looks keys up (tests). */
  directory?: ServerDirectory;
  /** The server's clock, which alone decides when an invitation has expired (default Date.now). */
  now?: () => number;
  /** Where refusals and faults are reported (default stderr). */
  log?: (line: string) => void;
}

export interface OfficeServer {
  /** wss://host:port */
  url: string;
  /** https://host:port, for the challenge and the blobs. */
  httpUrl: string;
  host: string;
  port: number;
  dataDir: string;
  /** The certificate (PEM) and the SHA-256 of its DER, which invitations pin. */
  cert: string;
  certSha256: string;
  /** The pinned office key's fingerprint, or null for a server without an office. */
  office: string | null;
  /** The verified directory, when the server has an office. */
  directory: DocumentServerDirectory | null;
  db: ServerDb;
  hocuspocus: Hocuspocus;
  close(): Promise<void>;
}

export const DEFAULT_MAX_UPDATE_BYTES = 8 * 1024 * 1024;
export const DEFAULT_MAX_BLOB_BYTES = 32 * 1024 * 1024;

const MiB = 1024 * 1024;

/** Starts the office server: Hocuspocus over WebSocket-over-TLS, the challenge and the blobs, all on one port. */
export async function startOfficeServer(options: OfficeServerOptions): Promise<OfficeServer> {
  const host = options.host ?? '127.0.0.1';
  const dataDir = prepareDataDir(options.dataDir);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const maxUpdateBytes = options.maxUpdateBytes ?? DEFAULT_MAX_UPDATE_BYTES;

  const tls = await loadOrCreateTls(dataDir, host);
  const now = options.now ?? Date.now;
  const db = openDatabase(join(dataDir, 'office.sqlite'));
  let office: string | null;
  let relay: RedisRelay | null = null;
  try {
    office = pinOffice(db, options.office, now());
    if (options.redis && !office) {
      // Without an office, who may connect is each process's own server_keys table, which Redis does not relay.
      throw new ServerStartError(
        'Chạy nhiều tiến trình máy chủ qua Redis (--redis) cần khóa văn phòng (--office): danh bạ văn phòng là thứ các tiến trình cùng dùng.',
      );
    }
    if (options.redis) relay = await connectRedis(options.redis, log);
  } catch (error) {
    db.close();
    throw error;
  }
  const store = new DocumentStore(db, options.compactAbove);
  const officeDirectory = office ? new DocumentServerDirectory(office, log, now) : null;
  officeDirectory?.applyUpdate(store.load(DIRECTORY_DOCUMENT));
  const directory: ServerDirectory = options.directory ?? officeDirectory ?? new SqliteServerDirectory(db);
  const invitations = new Invitations(db, now);
  const challenges = new Challenges(options.challengeLifetimeMs);
  const blobs = new BlobStore(join(dataDir, 'blobs'), options.maxBlobBytes ?? DEFAULT_MAX_BLOB_BYTES);
  const compactions = new Map<string, NodeJS.Immediate>();
  /** Merges a long log into one row once the current message is handled. */
  const scheduleCompaction = (documentName: string) => {
    if (compactions.has(documentName)) return;
    compactions.set(
      documentName,
      setImmediate(() => {
        compactions.delete(documentName);
        try {
          store.compact(documentName);
        } catch (error) {
          log(`Không gộp được nhật ký của ${documentName}: ${(error as Error).message}`);
        }
      }),
    );
  };
  /** Workstation connections: their updates are stored as they arrive, before Hocuspocus applies them. */
  const storedBeforeApplying = new WeakSet<object>();

  const signIn = (token: string): Authenticated => authenticate(token, challenges, directory, tls.certSha256);
  /**
   * Who signed in on each open connection, with the token she signed in with: the same token opens
   * her other documents on that connection (checked against the directory each time), so a
   * workstation signs one challenge per connection, not one per document. Its nonce is spent: on
   * any other connection the token is refused.
   */
  const signedIn = new Map<string, { token: string; who: Authenticated; socket: IncomingMessage['socket'] }>();
  const signInOn = (socketId: string, request: IncomingMessage, token: string): Authenticated => {
    const known = signedIn.get(socketId);
    if (known && known.token === token) return (known.who = stillSignedIn(known.who, directory));
    const who = signIn(token);
    if (!known) request.socket.once('close', () => signedIn.delete(socketId));
    signedIn.set(socketId, { token, who, socket: request.socket });
    return who;
  };
  /**
   * Once the directory changes, a connection whose key it no longer accepts (an account disabled, a
   * key replaced) is closed: what it has open stops at once, not at its next reconnection, where
   * its sign-in is refused and the workstation says why.
   */
  const closeRevoked = async () => {
    await directory.settled?.();
    for (const [socketId, entry] of signedIn) {
      try {
        entry.who = stillSignedIn(entry.who, directory);
      } catch (error) {
        if (!(error instanceof AuthError)) throw error;
        log(`Đóng kết nối của ${entry.who.userId}: ${error.refusal}`);
        signedIn.delete(socketId);
        entry.socket.destroy();
      }
    }
  };

  /** Who began each article, once known (it never changes): read from its content document's origin. */
  const authors = new Map<string, string>();
  /**
   * Documents read from the store to learn their author, kept for the load that follows the sign-in
   * (a workstation joining reads thousands: each is read once). The oldest go past a few hundred.
   */
  const justRead = new Map<string, Uint8Array>();
  /** Every write to a document's log: what was read of it before is no longer all of it. */
  const append = (name: string, update: Uint8Array): boolean => {
    justRead.delete(name);
    return store.append(name, update);
  };
  const readStored = (name: string): Uint8Array => {
    const kept = justRead.get(name);
    if (kept) {
      justRead.delete(name);
      return kept;
    }
    return store.load(name);
  };
  const authorOf = (articleId: string): string | null => {
    const known = authors.get(articleId);
    if (known) return known;
    const name = articleDocumentName(articleId, 'content');
    const live = hocuspocus.documents.get(name);
    let doc: Y.Doc = live as unknown as Y.Doc;
    if (!live) {
      doc = new Y.Doc({ guid: name });
      const stored = store.load(name);
      Y.applyUpdate(doc, stored);
      justRead.set(name, stored);
      if (justRead.size > 1024) justRead.delete(justRead.keys().next().value as string);
    }
    const authorId = doc.getMap(ARTICLE_ORIGIN).get('authorId');
    if (!live) doc.destroy();
    if (typeof authorId !== 'string') return null;
    authors.set(articleId, authorId);
    return authorId;
  };

  const hocuspocus = new Hocuspocus({
    quiet: true,
    // Every update is on disk before it is acknowledged (below); Hocuspocus's own store step has nothing left to do.
    debounce: 0,
    maxDebounce: 0,
    async onAuthenticate({ token, documentName, connectionConfig, socketId, request }) {
      const document = parseDocumentName(documentName);
      if (!document) throw { reason: 'document-name' };
      let who: Authenticated;
      await directory.settled?.();
      try {
        who = signInOn(socketId, request, token);
      } catch (error) {
        if (error instanceof AuthError) {
          log(`Từ chối kết nối tới ${documentName}: ${error.refusal}`);
          throw { reason: error.message };
        }
        throw error;
      }
      if (
        (document.kind === 'content' || document.kind === 'review') &&
        !mayOpenArticle(who.role, who.userId, authorOf(document.articleId))
      ) {
        log(`Từ chối ${who.userId} mở ${documentName}: bài của người khác.`);
        throw { reason: 'forbidden' };
      }
      connectionConfig.readOnly = documentAccess(who.role, document.kind) === 'read';
      return { userId: who.userId, role: who.role, fingerprint: who.fingerprint };
    },
    // Each document named by its name: a random name (Yjs's default) costs more than loading a
    // small document, and a join loads thousands. (Hocuspocus takes this hook from an extension only.)
    extensions: [...(relay ? [relay] : []), { onCreateDocument: async ({ documentName }) => ({ guid: documentName }) }],
    async onLoadDocument({ documentName, document }) {
      if (!parseDocumentName(documentName)) throw { reason: 'document-name' };
      Y.applyUpdate(document, readStored(documentName), 'bientap-store');
    },
    async afterLoadDocument({ documentName, document }) {
      // A workstation's update is on disk before Hocuspocus applies it (beforeHandleMessage); the
      // server's own changes (directory entries posted over HTTPS) and those relayed from the
      // office's other server processes (--redis) are stored here, as they happen.
      document.on('update', (update: Uint8Array, origin: unknown) => {
        const compactNow = storedBeforeApplying.has(origin as object) ? false : append(documentName, update);
        if (documentName === DIRECTORY_DOCUMENT && officeDirectory) {
          officeDirectory.applyUpdate(update);
          void closeRevoked();
        }
        if (compactNow) scheduleCompaction(documentName);
      });
    },
    async beforeHandleMessage({ update: message, documentName, connection }) {
      let update: Uint8Array | null;
      try {
        update = checkIncomingMessage(message, maxUpdateBytes);
      } catch (error) {
        log(`Từ chối một cập nhật cho ${documentName}: ${(error as Error).message}`);
        throw error;
      }
      // Stored before Hocuspocus applies it and answers "saved": Hocuspocus swallows an error thrown
      // while applying and acknowledges anyway, so a write that fails must fail here, where it closes
      // the connection unanswered and the workstation keeps the change to send again. A read-only
      // connection's updates are never applied, so never stored.
      if (update && !connection.readOnly) {
        if (append(documentName, update)) scheduleCompaction(documentName);
        storedBeforeApplying.add(connection);
      }
    },
    async afterUnloadDocument({ documentName }) {
      store.forget(documentName);
    },
  });

  const webSockets = new WebSocketServer({
    noServer: true,
    // Framing and awareness on top of the largest update; anything bigger is cut off by ws itself.
    maxPayload: maxUpdateBytes + MiB,
  });
  webSockets.on('connection', (socket, request) => {
    socket.on('error', (error) => log(`Lỗi kết nối WebSocket: ${error.message}`));
    hocuspocus.handleConnection(socket, request);
  });

  const server = createServer({ key: tls.key, cert: tls.cert }, (request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      log(`Lỗi khi xử lý ${request.method} ${request.url}: ${(error as Error).message}`);
      if (!response.headersSent) refuse(response, 500, 'internal', undefined, 'Máy chủ gặp lỗi khi xử lý yêu cầu.');
      else response.destroy();
    });
  });
  server.on('upgrade', (request, socket, head) => {
    if (pathOf(request) !== '/') {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    webSockets.handleUpgrade(request, socket, head, (ws) => webSockets.emit('connection', ws, request));
  });
  server.on('tlsClientError', () => {
    // A client that refuses the certificate (not pinned) or speaks plain HTTP: nothing to do.
  });

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = pathOf(request);
    if (path === '/auth/challenge') {
      if (request.method !== 'GET')
        return refuse(response, 405, 'method-not-allowed', request, 'Phương thức không được hỗ trợ.');
      const nonce = challenges.issue();
      if (!nonce) return refuse(response, 503, 'busy', request, 'Máy chủ đang bận, hãy thử lại sau ít phút.');
      return json(response, 200, { nonce, expiresInSeconds: Math.floor(challenges.lifetimeMs / 1000) });
    }
    if (path === '/directory/entries' || path === '/invitations' || path === '/invitations/redeem') {
      if (request.method !== 'POST')
        return refuse(response, 405, 'method-not-allowed', request, 'Phương thức không được hỗ trợ.');
      try {
        if (path === '/directory/entries') return await postDirectoryEntries(request, response);
        if (path === '/invitations') return await postInvitation(request, response);
        return await redeemInvitation(request, response);
      } catch (error) {
        if (error instanceof BodyError) return refuse(response, error.status, error.code, request, error.message);
        throw error;
      }
    }
    const blob = /^\/blobs\/([^/]+)$/.exec(path);
    if (blob) {
      const hash = blob[1] as string;
      if (request.method !== 'GET' && request.method !== 'PUT') {
        return refuse(response, 405, 'method-not-allowed', request, 'Phương thức không được hỗ trợ.');
      }
      await directory.settled?.();
      const refusal = authorizeRequest(request);
      if (refusal) {
        log(`Từ chối ${request.method} ${path}: ${refusal}`);
        return refuse(response, 401, refusal, request, 'Máy trạm chưa được xác thực với máy chủ.');
      }
      if (!BLOB_NAME.test(hash))
        return refuse(response, 400, 'blob-name', request, 'Tên tệp phải là mã SHA-256 (64 chữ số hex thường).');
      return request.method === 'PUT' ? blobs.put(hash, request, response) : blobs.get(hash, response);
    }
    return refuse(response, 404, 'not-found', request, 'Không có địa chỉ này trên máy chủ.');
  }

  /** Null when the request carries a valid token, else why not. */
  function authorizeRequest(request: IncomingMessage): string | null {
    const who = requestSigner(request);
    return typeof who === 'string' ? who : null;
  }

  /**
   * Who signed in on each kept-open HTTPS connection, with her token: as on a WebSocket, the same
   * token is taken again on that connection (checked against the directory each time), so a
   * workstation fetching a thousand images signs a challenge per connection, not per image. Its
   * nonce is spent: on any other connection the token is refused.
   */
  const signedInOver = new WeakMap<IncomingMessage['socket'], { token: string; who: Authenticated }>();

  /** Who signed the request's token (fresh, or the one signed on this connection), or why it was refused. */
  function requestSigner(request: IncomingMessage): Authenticated | string {
    const header = request.headers.authorization ?? '';
    const [scheme, encoded, ...rest] = header.split(' ');
    if (scheme !== SERVER_AUTH_SCHEME || !encoded || rest.length > 0) return 'auth:malformed';
    const token = Buffer.from(encoded, 'base64url').toString('utf8');
    try {
      const known = signedInOver.get(request.socket);
      if (known && known.token === token) return (known.who = stillSignedIn(known.who, directory));
      const who = signIn(token);
      signedInOver.set(request.socket, { token, who });
      return who;
    } catch (error) {
      if (error instanceof AuthError) return error.message;
      throw error;
    }
  }

  /**
   * Signed directory entries, with the office public key: how the office's first entries reach the
   * server before any administrator can sign in to write the document. No token is needed, since
   * an entry proves itself: only the ones whose chain reaches the pinned office key (judged with
   * everything the document already holds) are appended; the others are answered with the reason.
   */
  async function postDirectoryEntries(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!office || !officeDirectory) {
      return refuse(response, 409, 'no-office', request, 'Máy chủ chưa gắn với khóa văn phòng nào (--office).');
    }
    const body = z
      .object({ officeKey: z.string().max(200), entries: z.array(z.unknown()).max(1000) })
      .safeParse(await readJsonBody(request, maxUpdateBytes));
    if (!body.success) return refuse(response, 400, 'malformed', undefined, 'Nội dung gửi lên không đúng dạng.');
    const { officeKey, entries } = body.data;
    if ((await publicKeyFingerprint(officeKey)) !== office) {
      return refuse(response, 422, 'office-key', undefined, 'Khóa văn phòng gửi lên không phải khóa máy chủ đã ghim.');
    }
    await officeDirectory.settled();
    const existing = officeDirectory.doc.getArray<unknown>('entries').toArray();
    const verdict = await verifyDirectory([...existing, ...entries], { fingerprint: office, publicKey: officeKey });
    const refused = new Map(verdict.rejected.map(({ entry, reason }) => [entryIdentity(entry), reason]));
    const present = new Set(existing.map(entryIdentity));
    const accepted = entries
      .filter((entry) => !refused.has(entryIdentity(entry)) && !present.has(entryIdentity(entry)))
      .map((entry) => directoryEntrySchema.parse(entry));
    const rejected = entries
      .filter((entry) => refused.has(entryIdentity(entry)))
      .map((entry) => ({
        userId: (entry as { userId?: unknown } | null)?.userId ?? null,
        reason: refused.get(entryIdentity(entry)) as string,
      }));
    for (const { userId, reason } of rejected) log(`Từ chối một mục danh bạ gửi lên (${String(userId)}): ${reason}`);
    const connection = await hocuspocus.openDirectConnection(DIRECTORY_DOCUMENT, { server: true });
    try {
      await connection.transact((doc) =>
        appendDirectoryEntries(doc, accepted as Parameters<typeof appendDirectoryEntries>[1], officeKey),
      );
    } finally {
      await connection.disconnect();
    }
    await officeDirectory.settled();
    return json(response, 200, { accepted: accepted.length, rejected });
  }

  /** An administrator registers an invitation: its id, the SHA-256 of its secret, when it expires. */
  async function postInvitation(request: IncomingMessage, response: ServerResponse): Promise<void> {
    await directory.settled?.();
    const who = requestSigner(request);
    if (typeof who === 'string') {
      log(`Từ chối đăng ký lời mời: ${who}`);
      return refuse(response, 401, who, request, 'Máy trạm chưa được xác thực với máy chủ.');
    }
    if (who.role !== 'admin') {
      return refuse(response, 403, 'not-admin', request, 'Chỉ quản trị viên mới tạo được lời mời.');
    }
    const body = registerInvitationSchema.safeParse(await readJsonBody(request, 4096));
    if (!body.success) return refuse(response, 400, 'malformed', undefined, 'Lời mời gửi lên không đúng dạng.');
    const expiresAt = invitations.register(body.data, who.userId);
    if (expiresAt === null) {
      return refuse(response, 409, 'invitation-exists', undefined, 'Mã lời mời này đã được đăng ký.');
    }
    return json(response, 201, { id: body.data.id, expiresAt: new Date(expiresAt).toISOString() });
  }

  /** A joining workstation spends its invitation and receives the directory document. */
  async function redeemInvitation(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = redeemInvitationSchema.safeParse(await readJsonBody(request, 4096));
    if (!body.success) return refuse(response, 400, 'malformed', undefined, 'Lời mời gửi lên không đúng dạng.');
    const refusal = invitations.redeem(body.data.id, body.data.secret);
    if (refusal) {
      log(`Từ chối lời mời ${body.data.id}: ${refusal}`);
      const status = refusal === 'invitation-unknown' ? 403 : refusal === 'invitation-expired' ? 410 : 409;
      return refuse(response, status, refusal, undefined, INVITATION_REFUSALS[refusal]);
    }
    const state = store.load(DIRECTORY_DOCUMENT);
    return json(response, 200, { directory: Buffer.from(state).toString('base64') });
  }

  try {
    // With other processes the directory stays open here: Redis relays a document only to the
    // processes that have it open, and an account added or a key revoked through one of them must
    // reach the sign-ins here at once, not when a workstation next opens the directory here.
    if (relay) await hocuspocus.openDirectConnection(DIRECTORY_DOCUMENT, { server: true });
    await listen(server, options.port, host);
  } catch (error) {
    relay?.close();
    db.close();
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const authority = `${isIPv6(host) ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      server.close();
      // Each document connection gets Hocuspocus's close message, then the sockets close.
      hocuspocus.closeConnections();
      for (const socket of webSockets.clients) socket.close(1001, 'server-shutdown');
      await new Promise<void>((done) => {
        const deadline = setTimeout(done, 1000);
        const check = setInterval(() => {
          if (webSockets.clients.size === 0) {
            clearTimeout(deadline);
            clearInterval(check);
            done();
          }
        }, 20);
        deadline.unref();
      });
      for (const socket of webSockets.clients) socket.terminate();
      webSockets.close();
      server.closeAllConnections();
      for (const pending of compactions.values()) clearImmediate(pending);
      compactions.clear();
      store.close();
      // Every acknowledged update is already committed; closing checkpoints the WAL into the file.
      db.close();
      relay?.close();
    })());

  return {
    url: `wss://${authority}`,
    httpUrl: `https://${authority}`,
    host,
    port,
    dataDir,
    cert: tls.cert,
    certSha256: tls.certSha256,
    office,
    directory: officeDirectory,
    db,
    hocuspocus,
    close,
  };
}

function pathOf(request: IncomingMessage): string {
  return (request.url ?? '/').split('?')[0] ?? '/';
}

/** Creates the data folder if needed and proves it writable, with messages the administrator can act on. */
function prepareDataDir(dir: string): string {
  const path = resolve(dir);
  try {
    if (!statSync(path).isDirectory()) {
      throw new ServerStartError(`${path} là một tệp, không phải thư mục. Hãy chọn một thư mục cho dữ liệu máy chủ.`);
    }
  } catch (error) {
    if (error instanceof ServerStartError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw notWritable(path, error);
  }
  try {
    mkdirSync(path, { recursive: true });
    const probe = join(path, `.probe-${randomBytes(4).toString('hex')}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    throw notWritable(path, error);
  }
  return path;
}

function notWritable(path: string, error: unknown): ServerStartError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return new ServerStartError(
    `Không ghi được vào thư mục dữ liệu ${path} (${code || (error as Error).message}). ` +
      'Hãy chọn thư mục khác hoặc cấp quyền ghi cho tài khoản chạy máy chủ.',
  );
}

function openDatabase(file: string): ServerDb {
  try {
    return openServerDatabase(file);
  } catch (error) {
    if (error instanceof ServerStartError) throw error;
    const code = (error as { code?: string }).code ?? '';
    if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code.startsWith('SQLITE_IOERR')) {
      throw notWritable(file, error);
    }
    throw error;
  }
}

function listen(server: HttpsServer, port: number, host: string): Promise<void> {
  return new Promise((done, fail) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') {
        fail(
          new ServerStartError(
            `Cổng ${port} trên ${host} đang được một chương trình khác dùng. Hãy chọn cổng khác (--port) hoặc tắt chương trình kia.`,
          ),
        );
      } else if (error.code === 'EACCES') {
        fail(new ServerStartError(`Không có quyền mở cổng ${port}. Hãy dùng cổng từ 1024 trở lên.`));
      } else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
        fail(new ServerStartError(`Địa chỉ ${host} không thuộc máy này. Hãy kiểm tra --host.`));
      } else {
        fail(error);
      }
    };
    const onListening = () => {
      server.off('error', onError);
      done();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host });
  });
}
