import type { EditorNode, EditorState } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/connection';

/** Every image hash the body names, once each, in reading order. */
export function imageHashesOf(body: EditorState): string[] {
  const hashes = new Set<string>();
  const visit = (node: EditorNode) => {
    if (node.type === 'image' && typeof node.hash === 'string') hashes.add(node.hash);
    for (const child of node.children ?? []) visit(child);
  };
  visit(body.root);
  return [...hashes];
}

/**
 * Images are saved before the text that references them: a body naming an image the store does
 * not hold would reopen with a hole in it, so it is refused and the reporter inserts the image again.
 * Images in `already` (those the stored article names, which may have come from another workstation
 * with its text) are not this edit's to answer for.
 */
export function assertImagesStored(
  db: Db,
  body: EditorState,
  featuredImage?: string | null,
  already: ReadonlySet<string> = new Set(),
): void {
  // An image that arrived from the office server is stored too (its rendition is made when shown).
  const stored = db
    .prepare('SELECT 1 FROM images WHERE hash = ? UNION ALL SELECT 1 FROM images_arrived WHERE hash = ?')
    .pluck();
  const named = featuredImage ? [...imageHashesOf(body), featuredImage] : imageHashesOf(body);
  const missing = [...new Set(named)].filter((hash) => !already.has(hash) && stored.get(hash, hash) === undefined);
  if (missing.length === 0) return;
  throw new AppError(
    'INVALID_INPUT',
    missing.length === 1
      ? 'Bài có một ảnh chưa được lưu vào kho ảnh. Hãy xóa ảnh đó và chèn lại rồi lưu bài.'
      : `Bài có ${missing.length} ảnh chưa được lưu vào kho ảnh. Hãy xóa các ảnh đó và chèn lại rồi lưu bài.`,
    missing.map((hash) => ({ path: 'body', message: `Ảnh ${hash.slice(0, 12)}… chưa có trong kho ảnh.` })),
  );
}
