import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { openSeededCore, tamper, type TestCore } from '../testkit';
import { storeArrived } from '../images/arrived';
import { imageHash, readImageHeader } from '../images/process';
import { verifyDatabase } from './verify';

let core: TestCore | undefined;
afterEach(() => core?.close());

/** A photograph-like picture: a gradient under fine noise, larger than the web rendition. */
async function detailedPhoto(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  let seed = 7;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const noise = (seed >> 16) % 64;
      const i = (y * width + x) * 3;
      pixels[i] = Math.floor((x / width) * 190) + noise;
      pixels[i + 1] = Math.floor((y / height) * 190) + noise;
      pixels[i + 2] = 120 + (noise >> 1);
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

async function withPhoto(): Promise<{ hash: string; web: Buffer }> {
  const seeded = await openSeededCore();
  core = seeded.core;
  const data = (await detailedPhoto(2400, 1600)).toString('base64');
  const { hash } = await core.call('images.upload', { data }, seeded.sessions.phongvien);
  const web = core.db.prepare('SELECT web_bytes FROM images WHERE hash = ?').pluck().get(hash) as Buffer;
  return { hash, web };
}

const replaceRendition = (hash: string, bytes: Buffer) => {
  core!.db.exec('DROP TRIGGER images_no_update');
  tamper(core!.db, 'UPDATE images SET web_bytes = ? WHERE hash = ?', bytes, hash);
};

describe('verify: stored images', () => {
  it('passes a detailed photograph and its smaller re-encoded web rendition', async () => {
    const { web } = await withPhoto();
    const { width } = await sharp(web).metadata();
    expect(width).toBeLessThan(2400);
    expect(await verifyDatabase(core!.db)).toMatchObject({ ok: true, images: { checked: 1, problems: [] } });
  });

  it('names an image whose web rendition, what sites receive, was replaced by a retouched picture', async () => {
    const { hash, web } = await withPhoto();
    const { width = 0, height = 0 } = await sharp(web).metadata();
    // A dark patch over a corner: a retouch, not a whole other picture.
    const patch = await sharp({
      create: { width: Math.round(width / 5), height: Math.round(height / 5), channels: 3, background: '#101010' },
    })
      .png()
      .toBuffer();
    replaceRendition(
      hash,
      await sharp(web)
        .composite([{ input: patch, top: 0, left: 0 }])
        .jpeg()
        .toBuffer(),
    );
    expect(await verifyDatabase(core!.db)).toMatchObject({
      ok: false,
      images: { problems: [{ hash, problem: 'rendition_mismatch' }] },
      firstProblem: `images hash ${hash}: rendition_mismatch`,
    });
  });

  it('names an image whose rendition is not a picture at all', async () => {
    const { hash } = await withPhoto();
    replaceRendition(hash, Buffer.from('không phải ảnh'));
    expect((await verifyDatabase(core!.db)).firstProblem).toBe(`images hash ${hash}: rendition_mismatch`);
  });

  it('checks the original of an image fetched from the office whose rendition is not made yet', async () => {
    const seeded = await openSeededCore();
    core = seeded.core;
    const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#225588' } })
      .jpeg()
      .toBuffer();
    const author = core.db.prepare("SELECT id FROM users WHERE username = 'phongvien'").pluck().get() as string;
    const hash = imageHash(bytes);
    const header = await readImageHeader(bytes);
    storeArrived(core.db, { ...header, hash, bytes }, author, '2026-12-03T05:40:00.000Z');
    expect(await verifyDatabase(core.db)).toMatchObject({ ok: true, images: { checked: 1, problems: [] } });
    tamper(
      core.db,
      'UPDATE images_arrived SET bytes = ? WHERE hash = ?',
      Buffer.concat([bytes, Buffer.from([0])]),
      hash,
    );
    expect((await verifyDatabase(core.db)).firstProblem).toBe(`images hash ${hash}: bytes_mismatch`);
  });
});
