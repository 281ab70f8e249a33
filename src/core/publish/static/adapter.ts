import path from 'node:path';
import { DEFAULT_ORGANISATION } from '../../../shared/organisation';
import { slugify, uniqueSlug } from '../../../shared/slug';
import {
  PublishError,
  type PublishAdapter,
  type PublishOptions,
  type PublishPayload,
  type RemoteRef,
  type RemoteSnapshot,
} from '../adapter';
import { sha256, SiteFiles } from './files';
import { imageHashesIn } from '../images';
import { articlePath, imagePath } from './layout';
import { VERIFY_PAGE_PATH } from '../../../shared/seal/format';
import type { Manifest, SiteEntry, SiteImage } from './manifest';
import { withSiteLock } from './lock';
import { changeSite, findEntry, openSite, pageState, snapshotOf, sourcePath, type SiteSettings } from './site';

export interface StaticSiteConfig {
  /** The site folder; it must exist (a drive that is not mounted must not get a new site). */
  folder: string;
  siteTitle?: string;
  /** Where the folder is served, e.g. `https://vanhoa.hue.gov.vn/tin/`: makes the feed's and the returned URLs absolute. */
  baseUrl?: string | null;
  /** The clock for `updatedAt` and stamps; tests fix it. */
  now?: () => Date;
}

/** The site's title until one is set: the office's name, as the organisation setting gives it. */
export function siteTitleOf(organisationName: string): string {
  return `Tin tức — ${organisationName}`;
}

export const DEFAULT_SITE_TITLE = siteTitleOf(DEFAULT_ORGANISATION.name);

/** One operation at a time per folder in this process: each reads the manifest the last one wrote. */
const queues = new Map<string, Promise<unknown>>();

function serialized<T>(folder: string, run: () => Promise<T>): Promise<T> {
  const previous = queues.get(folder) ?? Promise.resolve();
  const next = previous.then(run, run);
  const settled = next.catch(() => {});
  queues.set(folder, settled);
  void settled.then(() => {
    if (queues.get(folder) === settled) queues.delete(folder);
  });
  return next;
}

/**
 * The address of an article's page on a static site: under the site's web address, or relative to
 * its folder when it has none.
 */
export function staticArticleUrl(baseUrl: string | null | undefined, slug: string): string {
  const base = normalizeBaseUrl(baseUrl);
  return base ? new URL(articlePath(slug), base).href : articlePath(slug);
}

/** The static site's verification page under its web address, or null when the site has none. */
export function staticVerifyPageUrl(baseUrl: string | null | undefined): string | null {
  const base = normalizeBaseUrl(baseUrl);
  return base ? new URL(VERIFY_PAGE_PATH, base).href : null;
}

function normalizeBaseUrl(value: string | null | undefined): string | null {
  if (!value?.trim()) return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new PublishError(
      'permanent',
      `Địa chỉ trang web "${value}" không hợp lệ. Hãy nhập địa chỉ bắt đầu bằng https:// trong Cài đặt → Trang web.`,
    );
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

const IMAGE_HASH = /^[0-9a-f]{8,128}$/;

/** The site's record of the payload's images, refusing a body that names an image the payload lacks. */
function siteImages(payload: PublishPayload): { featured: SiteImage | null; images: SiteImage[] } {
  const sent = new Map(payload.images.map((image) => [image.hash, image]));
  const record = (hash: string): SiteImage => {
    const image = sent.get(hash);
    if (!image || !IMAGE_HASH.test(hash))
      throw new PublishError(
        'permanent',
        `Bài "${payload.title}" có ảnh ${hash.slice(0, 12)}… nhưng ảnh này không được gửi kèm. Hãy mở bài, chèn lại ảnh rồi đăng lại.`,
      );
    return { hash, file: imagePath(hash, image.mime), width: image.width, height: image.height, alt: image.alt };
  };
  return {
    featured: payload.featuredImageHash ? record(payload.featuredImageHash) : null,
    images: imageHashesIn(payload.html).map(record),
  };
}

/** The fields that make up the article's own page; the stamp moves only when one of them does. */
function ownHash(entry: Omit<SiteEntry, 'stamp' | 'updatedAt' | 'pageHash' | 'previousPageHash'>, html: string) {
  return sha256(
    JSON.stringify([entry.slug, entry.title, entry.summary, entry.byline, entry.publishedAt, entry.featured, html]),
  );
}

/**
 * A publishing target that writes a static site into a folder: one page per article laid out like
 * the office portal, paginated index pages, an Atom feed, images and one stylesheet and script.
 */
export function createStaticAdapter(config: StaticSiteConfig): PublishAdapter {
  const root = path.resolve(config.folder);
  const files = new SiteFiles(root);
  const settings: SiteSettings = {
    siteTitle: config.siteTitle?.trim() || DEFAULT_SITE_TITLE,
    baseUrl: normalizeBaseUrl(config.baseUrl),
    now: config.now ?? (() => new Date()),
  };
  const urlOf = (slug: string) => staticArticleUrl(settings.baseUrl, slug);
  const refOf = (entry: SiteEntry): RemoteRef => ({
    remoteId: entry.id,
    url: urlOf(entry.slug),
    remoteModified: entry.stamp,
  });

  /**
   * Every operation: check the folder is there, take its lock, bring the site up to date (finish an
   * interrupted operation, render every page again after a change of title or template), then work.
   */
  async function run<T>(options: PublishOptions, work: (manifest: Manifest) => Promise<T>): Promise<T> {
    options.signal?.throwIfAborted();
    await files.assertRoot();
    return withSiteLock(files, async () =>
      work(await openSite(files, settings, { signal: options.signal, onProgress: options.onProgress })),
    );
  }

  async function snapshot(entry: SiteEntry): Promise<RemoteSnapshot | null> {
    const state = await pageState(files, entry);
    return state.bytes ? snapshotOf(entry, state.bytes, urlOf(entry.slug), state.ours) : null;
  }

  async function assertNoConflict(entry: SiteEntry, payload: PublishPayload, known: RemoteRef | null) {
    const state = await pageState(files, entry);
    let message: string | null = null;
    if (!state.ours)
      message = `Trang của bài "${entry.title}" trong thư mục trang web đã bị sửa trực tiếp sau lần đăng trước. Hãy xem bản trên trang rồi chọn ghi đè hoặc giữ bản đó.`;
    else if (known && known.remoteModified !== entry.stamp && entry.contentHash !== payload.contentHash)
      // Another workstation published a different version since this one last synced.
      message = `Bài "${entry.title}" trên trang web đã được cập nhật từ nơi khác sau lần đồng bộ trước. Hãy xem bản trên trang rồi chọn ghi đè hoặc giữ bản đó.`;
    if (message) throw new PublishError('conflict', message, { remote: (await snapshot(entry)) ?? undefined });
  }

  async function freeSlug(payload: PublishPayload, existing: SiteEntry | undefined) {
    const base = slugify(payload.slug || payload.title);
    // An article keeps the address it has while its slug still asks for it (`le-hoi-2` for `le-hoi`).
    if (existing && (existing.slug === base || new RegExp(`^${base}-[0-9]+$`).test(existing.slug)))
      return existing.slug;
    // An address is taken when its page is there: another article's, or one someone put in the folder by hand.
    const others = new Set<string>();
    for (;;) {
      const slug = uniqueSlug(base, (candidate) => others.has(candidate));
      if (slug === existing?.slug || !(await files.exists(articlePath(slug)))) return slug;
      others.add(slug);
    }
  }

  async function publish(
    manifest: Manifest,
    payload: PublishPayload,
    known: RemoteRef | null,
    options: PublishOptions,
  ) {
    const found = await findEntry(files, manifest, payload.articleId);
    const existing = found?.entry;
    if (existing && !options.overwrite) await assertNoConflict(existing, payload, known);
    if (Number.isNaN(payload.publishedAt.getTime()))
      throw new PublishError('permanent', `Bài "${payload.title}" không có ngày đăng hợp lệ. Hãy đặt lại ngày đăng.`);

    const { featured, images } = siteImages(payload);
    const slug = await freeSlug(payload, existing);
    const fields = {
      id: payload.articleId,
      slug,
      title: payload.title,
      summary: payload.summary,
      byline: payload.byline,
      publishedAt: payload.publishedAt.toISOString(),
      contentHash: payload.contentHash,
      featured,
      images,
    };
    const unchanged =
      existing !== undefined && ownHash(existing, (await sourceHtml(existing)) ?? '') === ownHash(fields, payload.html);
    const updatedAt = unchanged ? existing.updatedAt : settings.now().toISOString();
    const entry: SiteEntry = {
      ...fields,
      updatedAt,
      stamp: unchanged ? existing.stamp : `${updatedAt}#${payload.contentHash.slice(0, 16)}`,
      pageHash: existing?.slug === slug ? existing.pageHash : '',
    };

    const sent = new Map(payload.images.map((image) => [image.hash, image]));
    for (const image of [...images, ...(featured ? [featured] : [])]) {
      // Named by the hash of their bytes, so a file already there is already right.
      if (!(await files.exists(image.file))) await files.write(image.file, sent.get(image.hash)!.bytes);
    }

    // Each image once, as the page serves it: a featured image the body already shows is not shown twice.
    const served = [...new Set([...images, ...(featured ? [featured] : [])].map((image) => image.hash))].map(
      (hash) => ({ hash, bytes: sent.get(hash)!.bytes }),
    );
    const sealed = payload.sealer ? await payload.sealer(['title', 'summary', 'body', 'byline'], served) : null;

    await changeSite(
      files,
      manifest,
      {
        entry,
        previous: found,
        source: {
          id: entry.id,
          html: payload.html,
          category: payload.category,
          tags: payload.tags,
          ...(sealed ? { seal: sealed.comment, selfApproved: sealed.selfApproved } : {}),
          publishedAt: entry.publishedAt,
        },
        keysFile: payload.keysFile,
        removals: existing && existing.slug !== slug ? [articlePath(existing.slug)] : [],
      },
      settings,
      options.signal,
    );
    return refOf(entry);
  }

  async function sourceHtml(entry: SiteEntry): Promise<string | null> {
    const bytes = await files.read(sourcePath(entry.id));
    if (!bytes) return null;
    try {
      return (JSON.parse(bytes.toString('utf8')) as { html?: unknown }).html as string;
    } catch {
      return null;
    }
  }

  async function withdraw(manifest: Manifest, articleId: string, options: PublishOptions) {
    const found = await findEntry(files, manifest, articleId);
    if (!found) return;
    // The page goes first: if anything after fails, the article is already off the site and a retry finds it listed.
    await files.remove(articlePath(found.entry.slug));
    await changeSite(
      files,
      manifest,
      { entry: null, previous: found, removals: [sourcePath(articleId)] },
      settings,
      options.signal,
    );
  }

  async function fetchRemote(manifest: Manifest, articleId: string) {
    const found = await findEntry(files, manifest, articleId);
    return found ? snapshot(found.entry) : null;
  }

  return {
    publish: (payload, known, options) =>
      serialized(root, () => run(options, (manifest) => publish(manifest, payload, known, options))),
    withdraw: (articleId, _known, options) =>
      serialized(root, () => run(options, (manifest) => withdraw(manifest, articleId, options))),
    fetchRemote: (articleId, _known, options) =>
      serialized(root, () => run(options, (manifest) => fetchRemote(manifest, articleId))),
  };
}
