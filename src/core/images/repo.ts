import type { Db } from '../db/connection';
import type { ProcessedImage } from './process';

export interface ImageInfo {
  hash: string;
  mime: string;
  width: number;
  height: number;
  webWidth: number;
  webHeight: number;
}

interface Row {
  hash: string;
  mime: string;
  width: number;
  height: number;
  web_width: number;
  web_height: number;
}

const toInfo = (row: Row): ImageInfo => ({
  hash: row.hash,
  mime: row.mime,
  width: row.width,
  height: row.height,
  webWidth: row.web_width,
  webHeight: row.web_height,
});

/**
 * Stores the image unless its hash is already there; either way returns what is stored. An image
 * that arrived from the office server and waited for its rendition (images_arrived) moves here.
 */
export function storeImage(db: Db, image: ProcessedImage, userId: string, at: string): ImageInfo {
  return db.transaction(() => {
    db.prepare('DELETE FROM images_arrived WHERE hash = ?').run(image.hash);
    db.prepare(
      `INSERT INTO images (hash, mime, width, height, bytes, web_mime, web_width, web_height, web_bytes, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING`,
    ).run(
      image.hash,
      image.mime,
      image.width,
      image.height,
      image.bytes,
      image.web.mime,
      image.web.width,
      image.web.height,
      image.web.bytes,
      at,
      userId,
    );
    const info = findImage(db, image.hash);
    if (!info) throw new Error('The image row vanished right after it was written.');
    return info;
  })();
}

export function findImage(db: Db, hash: string): ImageInfo | null {
  const row = db
    .prepare('SELECT hash, mime, width, height, web_width, web_height FROM images WHERE hash = ?')
    .get(hash) as Row | undefined;
  return row ? toInfo(row) : null;
}

export function readImageBytes(
  db: Db,
  hash: string,
  rendition: 'web' | 'original',
): { mime: string; bytes: Buffer } | null {
  const row = db
    .prepare(
      rendition === 'web'
        ? 'SELECT web_mime AS mime, web_bytes AS bytes FROM images WHERE hash = ?'
        : 'SELECT mime, bytes FROM images WHERE hash = ?',
    )
    .get(hash) as { mime: string; bytes: Buffer } | undefined;
  return row ?? null;
}
