import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditorState } from '../../shared/domain';
import { imageHash } from '../images/process';
import { isArrived } from '../images/arrived';
import { readImageBytes } from '../images/repo';
import { ensureOfficeKey } from '../seal/officeKey';
import { PASSWORD, openSeededCore, runOnRealTime, tempDir, type TestCore } from '../testkit';
import type { OfficeConnection } from './connection';
import { pendingChanges } from './store';
import {
  joinedWorkstation,
  linkWorkstation,
  officeServer,
  startServerProcess,
  waitUntil,
  type ServerProcess,
} from './testServer';

// An article's images between two workstations through the real server process: a photo a
// reporter inserts on her laptop reaches the office desktop with the text naming it, byte for byte;
// bytes that do not match their hash are never stored; a photo inserted offline goes up once the
// server is back, and counts as a change not yet sent until it has.

let server: ServerProcess | null = null;
let serverData: string;
let port = 0;
let desk: TestCore;
let laptop: TestCore;
let laptopSession: string;
let deskSession: string;
const connections = new Map<TestCore, OfficeConnection>();
const logs: string[] = [];
/** Images the desk announced as arrived (the `images.stored` event). */
const arrived: string[] = [];

async function startServer(fingerprint: string): Promise<void> {
  server = await startServerProcess({ data: serverData, office: fingerprint, port });
  port = server.port;
}

const waitFor = (check: () => boolean, what: string, timeoutMs = 15_000) => waitUntil(check, what, { timeoutMs, logs });

async function connect(core: TestCore, username: string): Promise<OfficeConnection> {
  const connection = await linkWorkstation(core, username, logs, {
    onImageStored: (hash) => {
      if (core === desk) arrived.push(hash);
    },
  });
  connections.set(core, connection);
  return connection;
}

async function disconnect(core: TestCore): Promise<void> {
  await connections.get(core)?.close();
  connections.delete(core);
}

const photo = (colour: string) =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();

function withImages(...hashes: string[]): EditorState {
  return {
    root: {
      type: 'root',
      children: [
        { type: 'paragraph', children: [{ type: 'text', text: 'Cầu Trường Tiền về đêm' }] },
        ...hashes.map((hash) => ({ type: 'image', hash, width: 64, height: 48, altText: '', caption: '', credit: '' })),
      ],
    },
  } as EditorState;
}

/** The reporter inserts the photos (stored first, as the editor does) and saves a new article naming them. */
async function articleWith(photos: Buffer[], featured?: Buffer): Promise<string> {
  const hashes: string[] = [];
  for (const bytes of [...photos, ...(featured ? [featured] : [])]) {
    hashes.push((await laptop.call('images.upload', { data: bytes.toString('base64') }, laptopSession)).hash);
  }
  const created = await laptop.call('articles.create', { title: 'Ảnh Huế' }, laptopSession);
  await laptop.call(
    'articles.save',
    {
      id: created.id,
      baseVersion: created.version,
      title: 'Ảnh Huế',
      summary: '',
      body: withImages(...hashes.slice(0, photos.length)),
      ...(featured ? { featuredImage: imageHash(featured) } : {}),
    },
    laptopSession,
  );
  return created.id;
}

const hasArticle = (core: TestCore, id: string) => core.db.prepare('SELECT 1 FROM articles WHERE id = ?').get(id);
/** The image's original bytes on the workstation: stored, or arrived and waiting for its rendition. */
const original = (core: TestCore, hash: string) =>
  readImageBytes(core.db, hash, 'original')?.bytes ??
  (core.db.prepare('SELECT bytes FROM images_arrived WHERE hash = ?').pluck().get(hash) as Buffer | undefined) ??
  null;
const rendered = (core: TestCore, hash: string) => readImageBytes(core.db, hash, 'web') !== null;
const waiting = (core: TestCore, hash: string) => isArrived(core.db, hash);

beforeAll(async () => {
  let sessions: Record<string, string>;
  ({ core: desk, sessions } = await openSeededCore());
  deskSession = sessions.truongphong!;
  runOnRealTime(desk);
  serverData = join(tempDir(), 'server');
  server = await officeServer(desk, serverData);
  port = server.port;
  laptop = await joinedWorkstation(desk);
  laptopSession = (await laptop.call('auth.login', { username: 'phongvien', password: PASSWORD })).session;
}, 60_000);

afterAll(async () => {
  for (const connection of connections.values()) await connection.close();
  await server?.kill();
  desk?.close();
  laptop?.close();
});

describe('images between workstations', () => {
  it(
    'brings the photos a laptop inserted to the desk with the article, byte for byte',
    { timeout: 40_000 },
    async () => {
      const [deskLink, laptopLink] = [await connect(desk, 'truongphong'), await connect(laptop, 'phongvien')];
      await waitFor(() => deskLink.status().state === 'synced' && laptopLink.status().state === 'synced', 'đồng bộ');
      const [inBody, featured] = [await photo('#336699'), await photo('#993366')];
      const id = await articleWith([inBody], featured);

      await waitFor(() => !!hasArticle(desk, id), 'bài tới máy văn phòng');
      for (const bytes of [inBody, featured]) {
        await waitFor(() => original(desk, imageHash(bytes)) !== null, 'ảnh tới máy văn phòng');
        expect(original(desk, imageHash(bytes))!.equals(bytes)).toBe(true);
      }
      expect(arrived).toEqual(expect.arrayContaining([imageHash(inBody), imageHash(featured)]));
      // The desk shows it as any stored photo: its web rendition made there, when first shown if
      // the idle pass has not made it yet, and then it is stored as an inserted one is.
      const shown = await desk.call('images.get', { hash: imageHash(inBody), rendition: 'web' }, deskSession);
      expect(shown.mime).toBe('image/jpeg');
      expect(rendered(desk, imageHash(inBody)) && !waiting(desk, imageHash(inBody))).toBe(true);
      // The other one, never asked for, gets its rendition while no transfer runs.
      await waitFor(() => rendered(desk, imageHash(featured)) && !waiting(desk, imageHash(featured)), 'ảnh hiển thị');
      expect(readImageBytes(desk.db, imageHash(featured), 'original')!.bytes.equals(featured)).toBe(true);
      await waitFor(() => pendingChanges(laptop.ctx) === 0 && laptopLink.status().state === 'synced', 'gửi hết');
      // Stored on the server under its hash.
      const blob = join(serverData, 'blobs', imageHash(inBody).slice(0, 2), imageHash(inBody));
      expect((await readFile(blob)).equals(inBody)).toBe(true);
    },
  );

  it(
    'never stores bytes that do not match their hash, and takes the right ones when they come',
    { timeout: 40_000 },
    async () => {
      await disconnect(desk);
      const [real, other] = [await photo('#11aa44'), await photo('#aa1144')];
      const hash = imageHash(real);
      const id = await articleWith([real]);
      await waitFor(() => pendingChanges(laptop.ctx) === 0, 'ảnh và bài lên máy chủ');
      // The server's copy is damaged on its disk (another photo's bytes under this name).
      const blob = join(serverData, 'blobs', hash.slice(0, 2), hash);
      await writeFile(blob, other);

      const before = logs.length;
      await connect(desk, 'truongphong');
      await waitFor(() => !!hasArticle(desk, id), 'bài tới máy văn phòng');
      await waitFor(() => logs.slice(before).some((line) => line.includes('không khớp mã SHA-256')), 'báo sai mã');
      expect(original(desk, hash)).toBeNull();
      expect(original(desk, imageHash(other))).toBeNull();
      const refused = await desk.tryCall('images.get', { hash, rendition: 'web' }, deskSession);
      expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(JSON.stringify(refused)).toContain('đang được tải về từ máy chủ văn phòng');
      // The article itself is there and readable meanwhile.
      expect((await desk.call('articles.get', { id }, deskSession)).title).toBe('Ảnh Huế');

      await writeFile(blob, real);
      await waitFor(() => original(desk, hash) !== null, 'ảnh đúng tới máy văn phòng');
      expect(original(desk, hash)!.equals(real)).toBe(true);
    },
  );

  it(
    'keeps a photo whose header reads but whose pixels do not, tells why where it is shown, and does not fetch it again',
    { timeout: 40_000 },
    async () => {
      // A workstation that stored a cut-off photo (its header intact) and sent it: the hash matches.
      const whole = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#778899' } })
        .jpeg()
        .toBuffer();
      const cut = whole.subarray(0, Math.floor(whole.length / 2));
      const hash = imageHash(cut);
      const laptopId = laptop.db.prepare("SELECT id FROM users WHERE username = 'phongvien'").pluck().get() as string;
      laptop.db
        .prepare(
          `INSERT INTO images (hash, mime, width, height, bytes, web_mime, web_width, web_height, web_bytes, created_at, created_by)
           VALUES (?, 'image/jpeg', 640, 480, ?, 'image/jpeg', 640, 480, ?, ?, ?)`,
        )
        .run(hash, cut, whole, new Date().toISOString(), laptopId);
      connections.get(laptop)!.imageStored();
      const id = await articleWith([]);
      const created = await laptop.call('articles.get', { id }, laptopSession);
      await laptop.call(
        'articles.save',
        { id, baseVersion: created.version, title: 'Ảnh Huế', summary: '', body: withImages(hash) },
        laptopSession,
      );
      const before = logs.length;
      await waitFor(() => waiting(desk, hash), 'ảnh tới máy văn phòng');
      expect(original(desk, hash)!.equals(cut)).toBe(true);
      await waitFor(() => logs.slice(before).some((line) => line.includes('không giải mã được')), 'báo ảnh hỏng');
      const refused = await desk.tryCall('images.get', { hash, rendition: 'web' }, deskSession);
      expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(JSON.stringify(refused)).toContain('chèn lại ảnh gốc');
      // Kept, not rendered, not asked for again; the article is readable.
      expect(waiting(desk, hash) && !rendered(desk, hash)).toBe(true);
      expect(connections.get(desk)!.awaitingImage(hash)).toBeNull();
      expect(JSON.stringify((await desk.call('articles.get', { id }, deskSession)).body)).toContain(hash);
    },
  );

  it(
    'sends a photo inserted while the server was down once it is back, counted as unsent till then',
    { timeout: 60_000 },
    async () => {
      await server!.kill();
      const laptopLink = connections.get(laptop)!;
      await waitFor(() => laptopLink.status().state === 'offline', 'máy xách tay ngoại tuyến');
      const before = pendingChanges(laptop.ctx);
      const offline = await photo('#445566');
      const id = await articleWith([offline]);
      // The photo is one of the changes waiting, beside the article's updates.
      expect(pendingChanges(laptop.ctx)).toBeGreaterThanOrEqual(before + 2);
      const unsentImages = () =>
        laptop.db
          .prepare('SELECT count(*) FROM images WHERE hash NOT IN (SELECT hash FROM office_blobs_sent)')
          .pluck()
          .get();
      expect(unsentImages()).toBe(1);

      await startServer(ensureOfficeKey(desk.ctx).fingerprint);
      await waitFor(() => original(desk, imageHash(offline)) !== null, 'ảnh tới máy văn phòng', 40_000);
      expect(hasArticle(desk, id)).toBeTruthy();
      await waitFor(() => pendingChanges(laptop.ctx) === 0, 'không còn gì chưa gửi');
      expect(unsentImages()).toBe(0);
    },
  );
});
