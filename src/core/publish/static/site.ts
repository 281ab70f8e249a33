import { randomUUID } from 'node:crypto';
import { JSDOM } from 'jsdom';
import type { RemoteSnapshot } from '../adapter';
import { PublishError } from '../adapter';
import { SCRIPT, STYLESHEET, VERIFIER_SCRIPT } from './assets';
import { renderVerifyPage } from './verifyPage';
import { sha256, type SiteFiles } from './files';
import { renderPager } from './pager';
import {
  articlePath,
  FEED_PATH,
  indexPageCount,
  indexPath,
  MANIFEST_PATH,
  OTHERS_ON_PAGE,
  relativeHref,
  SCRIPT_PATH,
  SOURCE_DIR,
  STYLESHEET_PATH,
  VERIFIER_SCRIPT_PATH,
} from './layout';
import { renderFeed, renderIndexPage } from './listing';
import {
  manifestSchema,
  newestFirst,
  sourceSchema,
  type ArticleSource,
  type Manifest,
  type SiteEntry,
} from './manifest';
import { renderPortalPage } from './page';
import { KEYS_PATH, VERIFY_PAGE_PATH, type KeysFile } from '../../../shared/seal/format';

export interface SiteSettings {
  siteTitle: string;
  baseUrl: string | null;
  now: () => Date;
}

function emptyManifest(): Manifest {
  return { format: 1, siteId: randomUUID(), articles: [], pendingRemovals: [] };
}

export function sourcePath(articleId: string): string {
  return `${SOURCE_DIR}/${sha256(articleId).slice(0, 32)}.json`;
}

const damaged = (file: string, detail: string) =>
  new PublishError(
    'permanent',
    `Tệp "${file}" trong thư mục trang web bị hỏng (${detail}), nên chưa đăng hay gỡ gì và không xóa tệp nào. ` +
      'Hãy khôi phục tệp này từ bản sao lưu, hoặc chọn một thư mục trống trong Cài đặt → Trang web rồi đăng lại các bài.',
  );

async function readJson<T>(files: SiteFiles, sitePath: string, parse: (value: unknown) => T): Promise<T | null> {
  const bytes = await files.read(sitePath);
  if (bytes === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw damaged(sitePath, 'không phải JSON hợp lệ');
  }
  try {
    return parse(value);
  } catch (error) {
    const first = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues?.[0];
    throw damaged(sitePath, first ? `${first.path.map(String).join('.') || 'gốc'}: ${first.message}` : 'sai cấu trúc');
  }
}

/** The manifest, after finishing whatever removals a crashed operation left scheduled. */
export async function loadManifest(files: SiteFiles): Promise<Manifest> {
  const manifest = (await readJson(files, MANIFEST_PATH, (value) => manifestSchema.parse(value))) ?? emptyManifest();
  if (manifest.pendingRemovals.length === 0) return manifest;
  for (const file of manifest.pendingRemovals) await files.remove(file);
  const settled = { ...manifest, pendingRemovals: [] };
  await writeManifest(files, settled);
  return settled;
}

export async function writeManifest(files: SiteFiles, manifest: Manifest): Promise<void> {
  await files.write(MANIFEST_PATH, `${JSON.stringify(manifest, null, 2)}\n`);
}

export async function loadSource(files: SiteFiles, articleId: string): Promise<ArticleSource> {
  const path = sourcePath(articleId);
  const source = await readJson(files, path, (value) => sourceSchema.parse(value));
  if (!source || source.id !== articleId) throw damaged(path, `thiếu nội dung của bài ${articleId}`);
  return source;
}

/** Whether the page on disk is one this site wrote (or is missing); anything else was edited by hand. */
export async function pageState(
  files: SiteFiles,
  entry: SiteEntry,
): Promise<{ bytes: Buffer | null; ours: boolean; hash: string | null }> {
  const bytes = await files.read(articlePath(entry.slug));
  if (bytes === null) return { bytes, ours: true, hash: null };
  const hash = sha256(bytes);
  return { bytes, hash, ours: hash === entry.pageHash || hash === entry.previousPageHash };
}

/**
 * "Các bài khác": the articles published just before this one, topped up with the ones just after
 * when it is among the oldest. Publishing a new article then changes no other page's list but the
 * few nearest it, where "the newest N" would rewrite every page of the site each time.
 */
export function neighbours(sorted: readonly SiteEntry[], id: string): SiteEntry[] {
  const at = sorted.findIndex((entry) => entry.id === id);
  const older = sorted.slice(at + 1, at + 1 + OTHERS_ON_PAGE);
  const newer = sorted.slice(Math.max(0, at - (OTHERS_ON_PAGE - older.length)), at);
  return [...newer, ...older];
}

export function renderArticlePage(
  entry: SiteEntry,
  source: ArticleSource,
  sorted: readonly SiteEntry[],
  settings: SiteSettings,
): string {
  const here = articlePath(entry.slug);
  const href = (to: string) => relativeHref(here, to);
  const files = new Map([...entry.images, ...(entry.featured ? [entry.featured] : [])].map((i) => [i.hash, i.file]));
  const others = neighbours(sorted, entry.id);
  return renderPortalPage(
    {
      title: entry.title,
      summary: entry.summary,
      html: source.html,
      byline: entry.byline,
      publishedAt: new Date(entry.publishedAt),
      featuredImage: entry.featured,
      seal: source.seal ?? null,
      selfApproved: source.selfApproved ?? false,
    },
    {
      siteTitle: settings.siteTitle,
      imageUrl: (hash) => href(files.get(hash) ?? `images/${hash}`),
      stylesheet: { href: href(STYLESHEET_PATH) },
      scriptHref: href(SCRIPT_PATH),
      homeHref: href(indexPath(1)),
      feedHref: href(FEED_PATH),
      others: others.map((other) => ({
        title: other.title,
        href: href(articlePath(other.slug)),
        publishedAt: new Date(other.publishedAt),
      })),
      pagerHtml: renderPager(indexPageCount(sorted.length), null, (page) => href(indexPath(page))),
      verifyHref: `${href(VERIFY_PAGE_PATH)}?dia-chi=${encodeURIComponent(here)}`,
    },
  );
}

async function writeIfChanged(files: SiteFiles, sitePath: string, content: string): Promise<void> {
  const current = await files.read(sitePath);
  if (current !== null && current.toString('utf8') === content) return;
  await files.write(sitePath, content);
}

function imageFiles(entries: readonly SiteEntry[]): Set<string> {
  const used = new Set<string>();
  for (const entry of entries) {
    for (const image of entry.images) used.add(image.file);
    if (entry.featured) used.add(entry.featured.file);
  }
  return used;
}

/**
 * Brings every page, index page, the feed and the assets in line with `articles`, then removes
 * `removals` and whatever the change left unused. `target` is the article being published: its
 * page is always written. Another article's page is rewritten (its "Các bài khác" changes) only
 * if it is still what the site wrote; a page edited by hand is left alone for its next publish to
 * report as a conflict.
 */
export async function rebuild(
  files: SiteFiles,
  before: Manifest,
  articles: SiteEntry[],
  options: {
    settings: SiteSettings;
    target: string | null;
    /** The target's new source, written once the manifest announces it. */
    source?: ArticleSource;
    removals: string[];
    signal?: AbortSignal;
    /** The office's keys as of this publish, written beside the pages for readers' verifiers. */
    keysFile?: KeysFile;
  },
): Promise<Manifest> {
  const sorted = newestFirst(articles);
  const sources = new Map<string, ArticleSource>();
  for (const entry of sorted)
    sources.set(entry.id, entry.id === options.source?.id ? options.source : await loadSource(files, entry.id));

  const pages = new Map<string, string>();
  const entries: SiteEntry[] = [];
  for (const entry of sorted) {
    const html = renderArticlePage(entry, sources.get(entry.id) as ArticleSource, sorted, options.settings);
    const hash = sha256(html);
    // Most pages are unchanged by any one publish: a stat, not a read, tells those apart.
    const settled = entry.id !== options.target && hash === entry.pageHash && !entry.previousPageHash;
    if (settled && (await files.exists(articlePath(entry.slug)))) {
      entries.push(entry);
      continue;
    }
    const state = await pageState(files, entry);
    const write = entry.id === options.target || (state.ours && (state.hash !== hash || entry.pageHash !== hash));
    if (write) pages.set(articlePath(entry.slug), html);
    entries.push(
      write && entry.pageHash !== hash ? { ...entry, pageHash: hash, previousPageHash: entry.pageHash } : entry,
    );
  }

  const used = imageFiles(sorted);
  const unusedImages = [...imageFiles(before.articles)].filter((file) => !used.has(file));
  const indexCount = indexPageCount(sorted.length);
  const extraIndexPages: string[] = [];
  for (let page = indexCount + 1; page <= indexPageCount(before.articles.length); page++)
    extraIndexPages.push(indexPath(page));
  const pendingRemovals = [...new Set([...options.removals, ...unusedImages, ...extraIndexPages])];

  options.signal?.throwIfAborted();
  // From here the operation runs to its end: the manifest says what the folder is about to become.
  await writeManifest(files, { ...before, articles: entries, pendingRemovals });

  if (options.source) await files.write(sourcePath(options.source.id), `${JSON.stringify(options.source)}\n`);
  await writeIfChanged(files, STYLESHEET_PATH, STYLESHEET);
  await writeIfChanged(files, SCRIPT_PATH, SCRIPT);
  if (options.keysFile) await writeIfChanged(files, KEYS_PATH, `${JSON.stringify(options.keysFile, null, 2)}\n`);
  await writeIfChanged(files, VERIFIER_SCRIPT_PATH, VERIFIER_SCRIPT);
  await writeIfChanged(
    files,
    VERIFY_PAGE_PATH,
    renderVerifyPage({
      siteTitle: options.settings.siteTitle,
      stylesheetHref: STYLESHEET_PATH,
      scriptHref: VERIFIER_SCRIPT_PATH,
      keysHref: KEYS_PATH,
    }),
  );
  for (const [sitePath, html] of pages) await files.write(sitePath, html);
  for (let page = 1; page <= indexCount; page++)
    await writeIfChanged(files, indexPath(page), renderIndexPage(sorted, page, options.settings.siteTitle));
  await writeIfChanged(
    files,
    FEED_PATH,
    renderFeed(sorted, sources, {
      siteTitle: options.settings.siteTitle,
      baseUrl: options.settings.baseUrl,
      siteId: before.siteId,
      now: options.settings.now(),
    }),
  );
  for (const file of pendingRemovals) await files.remove(file);

  const settled: Manifest = {
    ...before,
    articles: entries.map(({ previousPageHash: _previous, ...entry }) => entry),
    pendingRemovals: [],
  };
  await writeManifest(files, settled);
  return settled;
}

/** The page as it is on disk now, read back into a title and body for the conflict view. */
export function snapshotOf(entry: SiteEntry, page: Buffer, url: string, ours: boolean): RemoteSnapshot {
  const dom = new JSDOM(page.toString('utf8'));
  const document = dom.window.document;
  const body = document.querySelector('.noi-dung');
  // Back to the form the workstation's own HTML uses, so the two compare image for image.
  for (const img of body?.querySelectorAll('img') ?? []) {
    const match = /(?:^|\/)images\/([0-9a-f]{8,128})\.(?:jpg|png|webp)$/.exec(img.getAttribute('src') ?? '');
    if (match) img.setAttribute('src', `bientap-image:${match[1]}`);
  }
  const snapshot: RemoteSnapshot = {
    remoteId: entry.id,
    url,
    remoteModified: ours ? entry.stamp : `sua-tay:${sha256(page).slice(0, 16)}`,
    title: document.querySelector('.tieu-de')?.textContent?.trim() ?? '',
    html: body?.innerHTML ?? '',
  };
  dom.window.close();
  return snapshot;
}
