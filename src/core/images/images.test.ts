import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/connection';
import { openSeededCore, tempDir, type TestCore } from '../testkit';
import { MAX_INPUT_PIXELS, WEB_MAX_SIDE, imageHash, processImage } from './process';

let photo: Buffer;
let smallPng: Buffer;

beforeAll(async () => {
  // A camera-sized photo with some detail, so the JPEG is not trivially small.
  photo = await sharp({
    create: {
      width: 2400,
      height: 1600,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 30 },
    },
  })
    .jpeg({ quality: 80 })
    .toBuffer();
  smallPng = await sharp({ create: { width: 300, height: 200, channels: 4, background: '#336699' } })
    .png()
    .toBuffer();
  // The seeded template is built once for the file, outside any test's time.
  (await openSeededCore()).core.close();
});

/** A PNG whose header claims `width`×`height` pixels and whose data is a few compressed zero rows. */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc((width + 1) * 4))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const cores: TestCore[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.close();
});

async function seeded() {
  const seededCore = await openSeededCore();
  cores.push(seededCore.core);
  return seededCore;
}

const base64 = (bytes: Buffer) => bytes.toString('base64');

describe('processImage', () => {
  it('measures a photo and makes a web rendition no larger than the web size', async () => {
    const image = await processImage(photo);
    expect(image).toMatchObject({ mime: 'image/jpeg', width: 2400, height: 1600 });
    expect(image.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(image.web).toMatchObject({ mime: 'image/jpeg', width: WEB_MAX_SIDE, height: 1067 });
    const decoded = await sharp(image.web.bytes).metadata();
    expect([decoded.width, decoded.height]).toEqual([WEB_MAX_SIDE, 1067]);
  });

  it('keeps a small image at its own size', async () => {
    const image = await processImage(smallPng);
    expect(image.web).toMatchObject({ mime: 'image/png', width: 300, height: 200 });
  });

  it('refuses a decompression bomb before decoding it, saying why', async () => {
    const bomb = pngClaiming(20_000, 20_000);
    expect(bomb.length).toBeLessThan(200_000);
    expect(20_000 * 20_000).toBeGreaterThan(MAX_INPUT_PIXELS);
    await expect(processImage(bomb)).rejects.toThrow(/Ảnh quá lớn \(20000×20000 điểm ảnh/);
  });

  it('refuses SVG, even named as a photo', async () => {
    const svg = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    await expect(processImage(svg)).rejects.toThrow(/SVG/);
    await expect(processImage(Buffer.from('<svg><script>alert(1)</script></svg>'))).rejects.toThrow(/SVG/);
  });

  it('refuses a file that only pretends to be an image', async () => {
    await expect(processImage(Buffer.from('Đây là một tệp văn bản đổi tên thành .jpg'))).rejects.toThrow(
      /không phải ảnh JPEG, PNG, WebP hoặc GIF/,
    );
    // Right magic bytes, nothing behind them.
    await expect(processImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).rejects.toThrow(/hỏng/);
  });

  it('refuses a truncated photo', async () => {
    const truncated = photo.subarray(0, Math.floor(photo.length / 2));
    await expect(processImage(truncated)).rejects.toThrow(/hỏng/);
  });
});

describe('images.upload and images.get', () => {
  it('stores an image once per content hash and serves both renditions', async () => {
    const { core, sessions } = await seeded();
    const first = await core.call('images.upload', { data: base64(photo) }, sessions.phongvien);
    const again = await core.call('images.upload', { data: base64(photo) }, sessions.phongvien2);
    expect(again).toEqual(first);
    expect(first).toMatchObject({ width: 2400, height: 1600, webWidth: 1600, webHeight: 1067 });
    expect((core.db.prepare('SELECT count(*) AS n FROM images').get() as { n: number }).n).toBe(1);

    const web = await core.call('images.get', { hash: first.hash }, sessions.phongvien);
    expect(web.mime).toBe('image/jpeg');
    expect((await sharp(Buffer.from(web.data, 'base64')).metadata()).width).toBe(1600);
    const original = await core.call('images.get', { hash: first.hash, rendition: 'original' }, sessions.phongvien);
    expect(Buffer.from(original.data, 'base64').equals(photo)).toBe(true);
  });

  it('refuses a bad image with a Vietnamese message and stores nothing', async () => {
    const { core, sessions } = await seeded();
    const before = core.changes();
    const result = await core.tryCall(
      'images.upload',
      { data: base64(pngClaiming(20_000, 20_000)) },
      sessions.phongvien,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(result)).toContain('Ảnh quá lớn');
    expect(core.changes()).toBe(before);
  });

  it('needs a session, and answers NOT_FOUND for an unknown hash', async () => {
    const { core, sessions } = await seeded();
    expect(await core.tryCall('images.upload', { data: base64(smallPng) })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await core.tryCall('images.get', { hash: 'a'.repeat(64) }, sessions.phongvien)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('articles.save and the image store', () => {
  const withImage = (hash: string) => ({
    root: {
      type: 'root' as const,
      children: [
        { type: 'paragraph' as const, children: [{ type: 'text' as const, text: 'Cầu Trường Tiền về đêm' }] },
        { type: 'image' as const, hash, width: 300, height: 200, altText: 'Cầu Trường Tiền', caption: '', credit: '' },
      ],
    },
  });

  it('refuses a body naming an image that is not stored, and saves it once the image is', async () => {
    const { core, sessions } = await seeded();
    const { id } = await core.call('articles.create', {}, sessions.phongvien);
    const hash = imageHash(smallPng);
    const save = { id, baseVersion: 1, title: 'Huế', summary: '', body: withImage(hash) };

    const before = core.changes();
    const refused = await core.tryCall('articles.save', save, sessions.phongvien);
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(refused)).toContain('chưa được lưu vào kho ảnh');
    expect(core.changes()).toBe(before);
    expect((await core.call('articles.get', { id }, sessions.phongvien)).version).toBe(1);

    const stored = await core.call('images.upload', { data: base64(smallPng) }, sessions.phongvien);
    expect(stored.hash).toBe(hash);
    expect(await core.call('articles.save', save, sessions.phongvien)).toMatchObject({ version: 2 });
    expect((await core.call('articles.get', { id }, sessions.phongvien)).body).toEqual(save.body);
  });

  it('names every missing image once, even when the body repeats it', async () => {
    const { core, sessions } = await seeded();
    const { id } = await core.call('articles.create', {}, sessions.phongvien);
    const body = withImage('a'.repeat(64));
    body.root.children.push({
      type: 'image',
      hash: 'b'.repeat(64),
      width: 1,
      height: 1,
      altText: '',
      caption: '',
      credit: '',
    });
    body.root.children.push({
      type: 'image',
      hash: 'a'.repeat(64),
      width: 1,
      height: 1,
      altText: '',
      caption: '',
      credit: '',
    });
    const refused = await core.tryCall(
      'articles.save',
      { id, baseVersion: 1, title: '', summary: '', body },
      sessions.phongvien,
    );
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('2 ảnh') },
    });
    if (refused.ok) throw new Error('saved');
    expect(refused.error.issues).toHaveLength(2);
  });
});

describe('migration 003', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('adds the image store to a version-2 database and keeps its data', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = new Database(join(dir, 'bientap.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, 2);
    const now = '2026-01-01T00:00:00.000Z';
    db.prepare(
      "INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at) VALUES ('u1', 'ly', 'Ly', 'reporter', 'x', ?, ?)",
    ).run(now, now);
    db.prepare(
      "INSERT INTO articles (id, title, body_json, author_id, created_at, updated_at, updated_by) VALUES ('a1', 'Huế', '{}', 'u1', ?, ?, 'u1')",
    ).run(now, now);

    migrate(db, 3);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(db.prepare("SELECT title FROM articles WHERE id = 'a1'").get()).toEqual({ title: 'Huế' });

    const insert = db.prepare(
      `INSERT INTO images (hash, mime, width, height, bytes, web_mime, web_width, web_height, web_bytes, created_at, created_by)
       VALUES (?, ?, 10, 10, x'00', 'image/jpeg', 10, 10, x'00', ?, ?)`,
    );
    insert.run('b'.repeat(64), 'image/jpeg', now, 'u1');
    expect(() => insert.run('short', 'image/jpeg', now, 'u1')).toThrow(/CHECK/);
    expect(() => insert.run('c'.repeat(64), 'image/svg+xml', now, 'u1')).toThrow(/CHECK/);
    expect(() => insert.run('d'.repeat(64), 'image/jpeg', now, 'nobody')).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare('UPDATE images SET width = 20 WHERE hash = ?').run('b'.repeat(64))).toThrow(/immutable/);
    db.close();
  });
});
