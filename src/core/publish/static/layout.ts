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
/** The archive's entries, `CHUNK_SIZE` to a file, oldest first: `danh-muc/1.json` holds the first hundred published. */
export const CHUNK_DIR = '.bientap/danh-muc';
/** Entries in one file of the archive: few files to write when every page changes, a small one to rewrite per publish. */
export const CHUNK_SIZE = 100;
/** Which articles show each image, one small file per image: an image goes when its last article does. */
export const IMAGE_REF_DIR = '.bientap/anh';
/** How many archive pages there are, for the script that numbers the pager (pages need not change as it grows). */
export const PAGE_COUNT_SCRIPT_PATH = 'assets/so-trang.js';
export const LOCK_PATH = '.bientap/khoa';

/**
 * Articles on one archive page. The archive is cut into pages from its oldest article on, so a page,
 * once full, keeps its articles for good: publishing adds to the newest page, never shifts the rest.
 */
export const INDEX_PAGE_SIZE = 10;
/** Newest other articles under "Các bài khác". */
export const OTHERS_ON_PAGE = 5;
/** Entries in the feed: readers poll it, so it stays small. */
export const FEED_SIZE = 20;

export function articlePath(slug: string): string {
  return `${ARTICLE_DIR}/${slug}.html`;
}

export const FRONT_PATH = 'index.html';

/** Archive page `k`: the `k`-th ten articles from the oldest (`trang/1.html` holds the first ten published). */
export function archivePath(k: number): string {
  return `${INDEX_DIR}/${k}.html`;
}

export function chunkPath(k: number): string {
  return `${CHUNK_DIR}/${k}.json`;
}

export function imageRefPath(hash: string): string {
  return `${IMAGE_REF_DIR}/${hash}.json`;
}

export function imagePath(hash: string, mime: string): string {
  const ext = mime === 'image/png' ? 'png' : mime === 'image/webp' ? 'webp' : 'jpg';
  return `${IMAGE_DIR}/${hash}.${ext}`;
}

/** Full pages of ten: the newest of them shows on the front page, the others under `trang/`. */
export function fullPages(articles: number): number {
  return Math.floor(articles / INDEX_PAGE_SIZE);
}

/** Archive pages under `trang/`: every full page but the newest, which the front page shows. */
export function archivePageCount(articles: number): number {
  return Math.max(0, fullPages(articles) - 1);
}

/** A link from the page at `from` to the file at `to`, both site paths: works from any folder and file://. */
export function relativeHref(from: string, to: string): string {
  const fromDirs = from.split('/').slice(0, -1);
  const toParts = to.split('/');
  let shared = 0;
  while (shared < fromDirs.length && shared < toParts.length - 1 && fromDirs[shared] === toParts[shared]) shared++;
  return [...fromDirs.slice(shared).map(() => '..'), ...toParts.slice(shared)].join('/');
}
