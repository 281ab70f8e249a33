import sharp from 'sharp';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EditorState } from '../../shared/domain';
import { openSeededCore, type TestCore } from '../testkit';
import { isArrived, renderArrived, renderArrivedOf, storeArrived } from './arrived';
import { imageHash, readImageHeader, WEB_MAX_SIDE } from './process';
import { findImage, readImageBytes } from './repo';

// An image fetched from the office server is kept as it came and gets its web rendition when it is
// first needed: shown, previewed, published, or inserted again here.

let photo: Buffer;
let core: TestCore;
let sessions: Record<string, string>;

beforeAll(async () => {
  photo = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#4477aa' } })
    .jpeg()
    .toBuffer();
});

afterEach(() => core?.close());

async function arrive(bytes = photo): Promise<string> {
  ({ core, sessions } = await openSeededCore());
  const hash = imageHash(bytes);
  const author = core.db.prepare("SELECT id FROM users WHERE username = 'phongvien'").pluck().get() as string;
  storeArrived(core.db, { ...(await readImageHeader(bytes)), hash, bytes }, author, '2026-12-03T05:30:00.000Z');
  return hash;
}

const withImage = (hash: string): EditorState =>
  ({
    root: {
      type: 'root',
      children: [
        { type: 'paragraph', children: [{ type: 'text', text: 'Đại Nội' }] },
        { type: 'image', hash, width: 2000, height: 1000, altText: 'Ngọ Môn', caption: '', credit: '' },
      ],
    },
  }) as EditorState;

describe('images that arrived from the office', () => {
  it('get their rendition the first time they are shown, once however many ask at once', async () => {
    const hash = await arrive();
    expect(findImage(core.db, hash)).toBeNull();
    const asks = await Promise.all(
      [1, 2, 3].map(() => core.call('images.get', { hash, rendition: 'web' }, sessions.phongvien)),
    );
    expect(new Set(asks.map((ask) => ask.data)).size).toBe(1);
    expect(isArrived(core.db, hash)).toBe(false);
    const stored = findImage(core.db, hash)!;
    expect([stored.webWidth, stored.webHeight]).toEqual([WEB_MAX_SIDE, WEB_MAX_SIDE / 2]);
    expect(readImageBytes(core.db, hash, 'original')!.bytes.equals(photo)).toBe(true);
    expect(await renderArrived(core.db, hash)).toBe(false);
  });

  it('count as stored for an article that names them, and get their rendition for its preview', async () => {
    const hash = await arrive();
    const { id, version } = await core.call('articles.create', { title: 'Ngọ Môn' }, sessions.phongvien);
    await core.call(
      'articles.save',
      { id, baseVersion: version, title: 'Ngọ Môn', summary: '', body: withImage(hash), featuredImage: hash },
      sessions.phongvien,
    );
    expect(isArrived(core.db, hash)).toBe(true);
    const { html } = await core.call('publishing.preview', { articleId: id }, sessions.phongvien);
    expect(html).toContain('data:image/jpeg;base64,');
    expect(isArrived(core.db, hash)).toBe(false);
    expect(findImage(core.db, hash)).not.toBeNull();
  });

  it('are taken into the store when the same photo is inserted here, and by the renditions an article needs', async () => {
    const hash = await arrive();
    const inserted = await core.call('images.upload', { data: photo.toString('base64') }, sessions.phongvien);
    expect(inserted.hash).toBe(hash);
    expect(isArrived(core.db, hash)).toBe(false);

    const other = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#aa7744' } })
      .png()
      .toBuffer();
    const otherHash = imageHash(other);
    const author = core.db.prepare("SELECT id FROM users WHERE username = 'phongvien'").pluck().get() as string;
    storeArrived(
      core.db,
      { ...(await readImageHeader(other)), hash: otherHash, bytes: other },
      author,
      '2026-12-03T05:30:00.000Z',
    );
    const { id } = await core.call('articles.create', { title: 'Ảnh' }, sessions.phongvien);
    core.db.prepare('UPDATE articles SET body_json = ? WHERE id = ?').run(JSON.stringify(withImage(otherHash)), id);
    await renderArrivedOf(core.db, id);
    expect(isArrived(core.db, otherHash)).toBe(false);
    expect(readImageBytes(core.db, otherHash, 'web')!.mime).toBe('image/png');
  });
});
