import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

export const BLOB_NAME = /^[0-9a-f]{64}$/;

/**
 * Images and other files as content-addressed blobs: the name is the SHA-256 of the bytes, checked
 * on arrival, so a stored blob is always exactly what its name says. Stored under
 * blobs/<first two hex>/<hash>, written to a temp file, synced, then renamed into place: a crash
 * leaves either no blob or the whole one. Storing one twice is harmless.
 */
export class BlobStore {
  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {}

  pathOf(hash: string): string {
    return join(this.dir, hash.slice(0, 2), hash);
  }

  async put(hash: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const declared = Number(request.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > this.maxBytes) {
      return refuse(response, 413, 'blob-too-large', request);
    }
    const folder = join(this.dir, hash.slice(0, 2));
    await mkdir(folder, { recursive: true });
    const temp = join(folder, `.${hash}.${randomBytes(6).toString('hex')}.tmp`);
    const file = await open(temp, 'wx', 0o644);
    const digest = createHash('sha256');
    let size = 0;
    let outcome: 'stored' | 'existed' | 'too-large' | 'mismatch';
    try {
      let tooLarge = false;
      // Past the cap the rest is read and dropped (without a length up front there is no earlier moment to answer).
      for await (const chunk of request as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > this.maxBytes) tooLarge = true;
        if (tooLarge) continue;
        digest.update(chunk);
        await file.write(chunk);
      }
      if (tooLarge) outcome = 'too-large';
      else if (digest.digest('hex') !== hash) outcome = 'mismatch';
      else {
        await file.sync();
        await file.close();
        const target = this.pathOf(hash);
        if (await exists(target)) outcome = 'existed';
        else {
          await rename(temp, target);
          await syncFolder(folder);
          outcome = 'stored';
        }
      }
    } finally {
      await file.close().catch(() => {});
      // The temp file goes before any answer, so a refused upload leaves nothing behind.
      await rm(temp, { force: true });
    }
    if (outcome === 'too-large') return refuse(response, 413, 'blob-too-large');
    if (outcome === 'mismatch') return refuse(response, 422, 'blob-hash-mismatch');
    json(response, outcome === 'stored' ? 201 : 200, { sha256: hash, size });
  }

  async get(hash: string, response: ServerResponse): Promise<void> {
    const path = this.pathOf(hash);
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch {
      return refuse(response, 404, 'blob-not-found');
    }
    response.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': size,
      'cache-control': 'private, max-age=31536000, immutable',
    });
    createReadStream(path).pipe(response);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const MESSAGES: Record<string, string> = {
  'blob-too-large': 'Tệp vượt quá dung lượng máy chủ cho phép.',
  'blob-hash-mismatch': 'Nội dung tệp không khớp với mã SHA-256 trong tên: tệp không được lưu.',
  'blob-not-found': 'Máy chủ không có tệp này.',
};

export function json(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

/** An error answer {error, message}; when the body is still arriving, the connection closes after it instead of reading it all. */
export function refuse(
  response: ServerResponse,
  status: number,
  error: string,
  unread?: IncomingMessage,
  message = MESSAGES[error] ?? error,
): void {
  if (unread) response.setHeader('connection', 'close');
  json(response, status, { error, message });
  if (unread) unread.resume();
}
