import { AppError } from '../../shared/errors';
import { writeWithoutWaiting, type Db } from '../db/connection';
import { processImage, type ImageHeader } from './process';
import { storeImage } from './repo';

// Images fetched from the office server wait in `images_arrived` as their original bytes (checked
// against their hash, header read) until their web rendition is needed: when the image is first
// shown or published, or when the workstation is idle (src/core/office/blobs.ts). Making it moves
// the image into the store, where it is like any image inserted here.

/** Renditions under way, per database and hash: a second ask waits for the first. */
const making = new WeakMap<Db, Map<string, Promise<boolean>>>();
/** Arrived images that could not be decoded, per database: not tried again by the idle pass. */
const damaged = new WeakMap<Db, Set<string>>();

/** Keeps an image fetched from the server, its rendition to be made later. */
export function storeArrived(
  db: Db,
  image: ImageHeader & { hash: string; bytes: Buffer },
  userId: string,
  at: string,
): void {
  db.prepare(
    `INSERT INTO images_arrived (hash, mime, width, height, bytes, created_at, created_by)
     SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM images WHERE hash = ?)
     ON CONFLICT (hash) DO NOTHING`,
  ).run(image.hash, image.mime, image.width, image.height, image.bytes, at, userId, image.hash);
}

/** Whether the image arrived and waits for its rendition. */
export function isArrived(db: Db, hash: string): boolean {
  return db.prepare('SELECT 1 FROM images_arrived WHERE hash = ?').get(hash) !== undefined;
}

/** The oldest arrived image the idle pass may take (those that could not be decoded are left out). */
export function nextArrivedToRender(db: Db): string | undefined {
  const skip = damaged.get(db);
  for (const hash of db
    .prepare('SELECT hash FROM images_arrived ORDER BY rowid')
    .pluck()
    .iterate() as Iterable<string>) {
    if (!skip?.has(hash)) return hash;
  }
  return undefined;
}

/**
 * Makes the web rendition of an arrived image and moves it into the store. False when the image
 * is not waiting (stored already, or unknown); throws an AppError when its pixels cannot be decoded.
 */
export function renderArrived(db: Db, hash: string): Promise<boolean> {
  let here = making.get(db);
  if (!here) making.set(db, (here = new Map()));
  const known = here.get(hash);
  if (known) return known;
  const made = make(db, hash).finally(() => here.delete(hash));
  here.set(hash, made);
  return made;
}

async function make(db: Db, hash: string): Promise<boolean> {
  const row = db
    .prepare('SELECT mime, width, height, bytes, created_at, created_by FROM images_arrived WHERE hash = ?')
    .get(hash) as (ImageHeader & { bytes: Buffer; created_at: string; created_by: string }) | undefined;
  if (!row) return false;
  let image;
  try {
    image = await processImage(row.bytes, row);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    let known = damaged.get(db);
    if (!known) damaged.set(db, (known = new Set()));
    known.add(hash);
    throw new AppError(
      'INVALID_INPUT',
      `Ảnh ${hash.slice(0, 12)}… nhận từ máy chủ văn phòng không giải mã được (${error.message}) Hãy nhờ người đã chèn ảnh chèn lại ảnh gốc.`,
    );
  }
  if (!db.open) return false;
  // Derived from bytes that stay on disk until it is written: a power cut only means making it again.
  writeWithoutWaiting(db, () => storeImage(db, image, row.created_by, row.created_at));
  return true;
}

/** Makes the renditions of the arrived images article `articleId` names (in its body or as its featured image). */
export async function renderArrivedOf(db: Db, articleId: string): Promise<void> {
  const hashes = db
    .prepare(
      `SELECT i.hash FROM images_arrived i, articles a
        WHERE a.id = ? AND (a.featured_image = i.hash OR instr(a.body_json, i.hash) > 0)`,
    )
    .pluck()
    .all(articleId) as string[];
  for (const hash of hashes) {
    // One that cannot be decoded is told where it is used (publishing, the editor).
    await renderArrived(db, hash).catch(() => undefined);
  }
}
