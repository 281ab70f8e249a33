import { Hocuspocus } from '@hocuspocus/server';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server as HttpsServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIPv6 } from 'node:net';
import { join, resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { SERVER_AUTH_SCHEME } from '../shared/sync/auth';
import { parseDocumentName } from '../shared/sync/documents';
import { AuthError, Challenges, authenticate, type Authenticated } from './auth';
import { BLOB_NAME, BlobStore, json, refuse } from './blobs';
import { openServerDatabase, type ServerDb } from './db';
import { SqliteServerDirectory, type ServerDirectory } from './directory';
import { ServerStartError } from './errors';
import { documentAccess } from './policy';
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
  /** Who may connect; by default the `server_keys` table of office.sqlite. */
  directory?: ServerDirectory;
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
  const db = openDatabase(join(dataDir, 'office.sqlite'));
  const store = new DocumentStore(db, options.compactAbove);
  const directory = options.directory ?? new SqliteServerDirectory(db);
  const challenges = new Challenges(options.challengeLifetimeMs);
  const blobs = new BlobStore(join(dataDir, 'blobs'), options.maxBlobBytes ?? DEFAULT_MAX_BLOB_BYTES);
  const compactions = new Map<string, NodeJS.Immediate>();

  const signIn = (token: string): Authenticated => authenticate(token, challenges, directory, tls.certSha256);

  const hocuspocus = new Hocuspocus({
    quiet: true,
    // Every update is on disk before it is acknowledged (below); Hocuspocus's own store step has nothing left to do.
    debounce: 0,
    maxDebounce: 0,
    async onAuthenticate({ token, documentName, connectionConfig }) {
      const document = parseDocumentName(documentName);
      if (!document) throw { reason: 'document-name' };
      let who: Authenticated;
      try {
        who = signIn(token);
      } catch (error) {
        if (error instanceof AuthError) {
          log(`Từ chối kết nối tới ${documentName}: ${error.refusal}`);
          throw { reason: error.message };
        }
        throw error;
      }
      connectionConfig.readOnly = documentAccess(who.role, document.kind) === 'read';
      return { userId: who.userId, role: who.role, fingerprint: who.fingerprint };
    },
    async onLoadDocument({ documentName, document }) {
      if (!parseDocumentName(documentName)) throw { reason: 'document-name' };
      Y.applyUpdate(document, store.load(documentName), 'bientap-store');
    },
    async afterLoadDocument({ documentName, document }) {
      // Synchronous, inside the transaction that applied the update, so before Hocuspocus acknowledges
      // it to the sender: an acknowledged update is always on disk. If the write fails the listener
      // throws, the message fails and no acknowledgement goes out.
      document.on('update', (update: Uint8Array) => {
        if (store.append(documentName, update) && !compactions.has(documentName)) {
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
        }
      });
    },
    async beforeHandleMessage({ update, documentName }) {
      try {
        checkIncomingMessage(update, maxUpdateBytes);
      } catch (error) {
        log(`Từ chối một cập nhật cho ${documentName}: ${(error as Error).message}`);
        throw error;
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
    const blob = /^\/blobs\/([^/]+)$/.exec(path);
    if (blob) {
      const hash = blob[1] as string;
      if (request.method !== 'GET' && request.method !== 'PUT') {
        return refuse(response, 405, 'method-not-allowed', request, 'Phương thức không được hỗ trợ.');
      }
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

  /** Null when the request carries a valid fresh token, else why not. */
  function authorizeRequest(request: IncomingMessage): string | null {
    const header = request.headers.authorization ?? '';
    const [scheme, encoded, ...rest] = header.split(' ');
    if (scheme !== SERVER_AUTH_SCHEME || !encoded || rest.length > 0) return 'auth:malformed';
    try {
      signIn(Buffer.from(encoded, 'base64url').toString('utf8'));
      return null;
    } catch (error) {
      if (error instanceof AuthError) return error.message;
      throw error;
    }
  }

  try {
    await listen(server, options.port, host);
  } catch (error) {
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
    })());

  return {
    url: `wss://${authority}`,
    httpUrl: `https://${authority}`,
    host,
    port,
    dataDir,
    cert: tls.cert,
    certSha256: tls.certSha256,
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
