/** Where each file of the static site lives, relative to the site folder (always `/`-separated). */

export const ARTICLE_DIR = 'bai-viet';
export const INDEX_DIR = 'trang';
export const IMAGE_DIR = 'images';
export const STYLESHEET_PATH = 'assets/site.css';
export const SCRIPT_PATH = 'assets/site.js';
export const VERIFIER_SCRIPT_PATH = 'assets/kiem-tra.js';
export const FEED_PATH = 'feed.xml';
export const MANIFEST_PATH = '.bientap/site.json';
export const SOURCE_DIR = '.bientap/bai-viet';
export const LOCK_PATH = '.bientap/khoa';

/** Articles on one index page. */
export const INDEX_PAGE_SIZE = 10;
/** Newest other articles under "Các bài khác". */
export const OTHERS_ON_PAGE = 5;
/** Entries in the feed: readers poll it, so it stays small. */
export const FEED_SIZE = 20;

export function articlePath(slug: string): string {
  return `${ARTICLE_DIR}/${slug}.html`;
}

/** Page 1 is the site's front page; pages 2… sit under `trang/`. */
export function indexPath(page: number): string {
  return page <= 1 ? 'index.html' : `${INDEX_DIR}/${page}.html`;
}

export function imagePath(hash: string, mime: string): string {
  const ext = mime === 'image/png' ? 'png' : mime === 'image/webp' ? 'webp' : 'jpg';
  return `${IMAGE_DIR}/${hash}.${ext}`;
}

export function indexPageCount(articles: number): number {
  return Math.max(1, Math.ceil(articles / INDEX_PAGE_SIZE));
}

/** A link from the page at `from` to the file at `to`, both site paths: works from any folder and file://. */
export function relativeHref(from: string, to: string): string {
  const fromDirs = from.split('/').slice(0, -1);
  const toParts = to.split('/');
  let shared = 0;
  while (shared < fromDirs.length && shared < toParts.length - 1 && fromDirs[shared] === toParts[shared]) shared++;
  return [...fromDirs.slice(shared).map(() => '..'), ...toParts.slice(shared)].join('/');
}
