import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_REQUEST_BYTES, type ApiResult } from '../shared/api/envelope';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { AppError, type ErrorCode } from '../shared/errors';
import type { Core } from '../core';
import { hostAllowed, originAllowed, tokenMatches } from './security';
import { serveStatic } from './static';

/** The same limit the dispatcher holds IPC calls to: a long article's editor state, or one image. */
export const MAX_BODY_BYTES = MAX_REQUEST_BYTES;

/**
 * The API takes JSON and nothing else, as UTF-8: a form post or a text/plain body (what a page on
 * another site can send without asking) is refused before it is read.
 */
const JSON_CONTENT_TYPE = /^application\/json[ \t]*(?:;[ \t]*charset[ \t]*=[ \t]*(?:utf-8|"utf-8")[ \t]*)?$/i;

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNKNOWN_METHOD: 404,
  INVALID_INPUT: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ALREADY_SET_UP: 409,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_DISABLED: 403,
  TOO_MANY_ATTEMPTS: 429,
  WRONG_PASSWORD: 403,
  INVALID_TRANSITION: 409,
  APPROVAL_INVALID: 409,
  IN_REVIEW: 409,
  CHECKLIST_BLOCKED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export interface WebHostOptions {
  core: Core;
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; a random one otherwise. */
  token?: string;
}

export interface WebHost {
  url: string;
  /** The URL to open: carries the token in the fragment, which browsers never send to a server. */
  openUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: AppError): void {
  const result: ApiResult = { ok: false, error: error.toBody() };
  sendJson(res, STATUS[error.code], result);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      reject(new AppError('PAYLOAD_TOO_LARGE'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new AppError('PAYLOAD_TOO_LARGE'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Serves the renderer and the core's API to a browser on this machine only. The same dispatcher
 * that Electron's IPC uses answers every call; this file only moves bytes and checks who asks.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const streams = new Set<ServerResponse>();
  // Each connection is one client for the sign-in waits; the browser cannot name itself.
  const clients = new WeakMap<object, string>();
  let connections = 0;
  const clientOf = (req: IncomingMessage): string => {
    let client = clients.get(req.socket);
    if (!client) clients.set(req.socket, (client = `web:${++connections}`));
    return client;
  };

  async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendError(res, new AppError('BAD_REQUEST'));
    if (!JSON_CONTENT_TYPE.test(req.headers['content-type'] ?? '')) {
      const error = new AppError(
        'BAD_REQUEST',
        'Biên Tập chỉ nhận dữ liệu JSON (Content-Type: application/json). Hãy mở Biên Tập bằng đường dẫn nó in ra khi khởi động rồi thử lại.',
      );
      return sendJson(res, 415, { ok: false, error: error.toBody() } satisfies ApiResult);
    }
    let envelope: unknown;
    try {
      envelope = JSON.parse((await readBody(req)).toString('utf8'));
    } catch (error) {
      return sendError(res, error instanceof AppError ? error : new AppError('BAD_REQUEST'));
    }
    const result = await options.core.dispatch(envelope, { client: clientOf(req) });
    sendJson(res, result.ok ? 200 : STATUS[result.error.code], result);
  }

  function handleEvents(res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    streams.add(res);
    const unsubscribe = options.core.onEvent((event, payload) => {
      res.write(`data: ${JSON.stringify({ event, payload })}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 25_000);
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    });
  }

  const server: Server = createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (!hostAllowed(req, port)) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Biên Tập chỉ trả lời địa chỉ 127.0.0.1 của máy này.');
      return;
    }
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/api' || path.startsWith('/api/')) {
      if (!originAllowed(req, port) || !tokenMatches(req, token)) {
        sendError(
          res,
          new AppError(
            'FORBIDDEN',
            'Trang này không có mã truy cập hợp lệ của Biên Tập. Hãy mở lại đúng đường dẫn mà Biên Tập in ra khi khởi động.',
          ),
        );
        return;
      }
      if (path === '/api') {
        handleApi(req, res).catch((error: unknown) => {
          console.error(error);
          if (!res.headersSent) sendError(res, new AppError('INTERNAL'));
        });
        return;
      }
      if (path === '/api/events' && req.method === 'GET') return handleEvents(res);
      sendError(res, new AppError('UNKNOWN_METHOD'));
      return;
    }
    if (
      (req.method === 'GET' || req.method === 'HEAD') &&
      serveStatic(options.rendererDir, path, res, req.method === 'HEAD')
    ) {
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Không có trang này.');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}#token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
