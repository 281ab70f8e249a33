import { randomUUID } from 'node:crypto';
import { jsdom } from '../../render/jsdom';
import { z } from 'zod';
import type { RemoteSnapshot } from '../adapter';
import { PublishError } from '../adapter';
import { KEYS_PATH, VERIFY_PAGE_PATH, type KeysFile } from '../../../shared/seal/format';
import { Archive, ArchiveDamage, ChangedView, neighbourKey, neighboursAt, slice, type EntryView } from './archive';
import { SCRIPT, STYLESHEET, VERIFIER_SCRIPT } from './assets';
import { sha256, type SiteFiles } from './files';
import {
  archivePageCount,
  archivePath,
  articlePath,
  CHUNK_SIZE,
  chunkPath,
  FEED_PATH,
  FEED_SIZE,
  FRONT_PATH,
  fullPages,
  imageRefPath,
  INDEX_DIR,
  INDEX_PAGE_SIZE,
  MANIFEST_PATH,
  OTHERS_ON_PAGE,
  PAGE_COUNT_SCRIPT_PATH,
  relativeHref,
  SCRIPT_PATH,
  SOURCE_DIR,
  STYLESHEET_PATH,
  VERIFIER_SCRIPT_PATH,
} from './layout';
import { renderFeed, renderIndexPage } from './listing';
import {
  compareOldestFirst,
  legacyManifestSchema,
  manifestSchema,
  oldestFirst,
  sourceSchema,
  type ArticleSource,
  type Journal,
  type LegacyManifest,
  type Manifest,
  type SiteEntry,
  type SiteImage,
} from './manifest';
import { renderPortalPage } from './page';
import { pageCountScript, renderPager } from './pager';
import { renderVerifyPage } from './verifyPage';

export interface SiteSettings {
  siteTitle: string;
  baseUrl: string | null;
  now: () => Date;
}

/** How far a long operation (a whole-site rebuild) has come. */
export type SiteProgress = (progress: { done: number; total: number }) => void;

export interface SiteOptions {
  signal?: AbortSignal;
  onProgress?: SiteProgress;
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

/** A JSON file of the site through its schema; a file that is not JSON or not of that shape is reported damaged. */
function parseJson<T>(sitePath: string, bytes: Buffer, parse: (value: unknown) => T): T {
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

function jsonReader(files: SiteFiles) {
  return async <T>(sitePath: string, parse: (value: unknown) => T): Promise<T | null> => {
    const bytes = await files.read(sitePath);
    return bytes === null ? null : parseJson(sitePath, bytes, parse);
  };
}

/** The archive of a site, reporting a damaged file as a publishing error. */
function archiveOf(files: SiteFiles, count: number): Archive {
  const read = jsonReader(files);
  return new Archive(read, count);
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ArchiveDamage) throw damaged(error.file, error.detail);
    throw error;
  }
}

const json = (value: unknown) => `${JSON.stringify(value)}\n`;

async function writeManifest(files: SiteFiles, manifest: Manifest): Promise<void> {
  await files.write(MANIFEST_PATH, `${JSON.stringify(manifest, null, 2)}\n`);
}

function checkedSource(articleId: string, bytes: Buffer | null): ArticleSource {
  const path = sourcePath(articleId);
  const source = bytes === null ? null : parseJson(path, bytes, (value) => sourceSchema.parse(value));
  if (!source || source.id !== articleId) throw damaged(path, `thiếu nội dung của bài ${articleId}`);
  return source;
}

export async function loadSource(files: SiteFiles, articleId: string): Promise<ArticleSource> {
  return checkedSource(articleId, await files.read(sourcePath(articleId)));
}

/** The article's source if the site has it, without complaint when it does not. */
async function findSource(files: SiteFiles, articleId: string): Promise<ArticleSource | null> {
  const source = await jsonReader(files)(sourcePath(articleId), (value) => sourceSchema.parse(value));
  return source && source.id === articleId ? source : null;
}

/** Whether the page on disk is one this site wrote (or is missing); anything else was edited by hand. */
export async function pageState(
  files: SiteFiles,
  entry: SiteEntry,
  about?: string,
): Promise<{ bytes: Buffer | null; ours: boolean; hash: string | null }> {
  const bytes = await files.read(articlePath(entry.slug));
  if (bytes === null) return { bytes, ours: true, hash: null };
  const hash = sha256(bytes);
  // `about`: the page about to be written. A page already so is the site's own, whatever the entry says.
  return { bytes, hash, ours: hash === entry.pageHash || hash === entry.previousPageHash || hash === about };
}

export function renderArticlePage(
  entry: SiteEntry,
  source: ArticleSource,
  others: readonly SiteEntry[],
  settings: SiteSettings,
): string {
  const here = articlePath(entry.slug);
  const href = (to: string) => relativeHref(here, to);
  const files = new Map([...entry.images, ...(entry.featured ? [entry.featured] : [])].map((i) => [i.hash, i.file]));
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
      homeHref: href(FRONT_PATH),
      feedHref: href(FEED_PATH),
      others: others.map((other) => ({
        title: other.title,
        href: href(articlePath(other.slug)),
        publishedAt: new Date(other.publishedAt),
      })),
      // The numbers come from the site's script: an article page never changes as the archive grows.
      pagerHtml: renderPager('article', 0, href),
      verifyHref: `${href(VERIFY_PAGE_PATH)}?dia-chi=${encodeURIComponent(here)}`,
    },
  );
}

/**
 * What the pages are rendered with, as one hash: a probe article, front page and archive page
 * rendered with these settings by this version's templates. A new site title or a changed template
 * changes it, and the next operation renders every page again.
 */
const looks = new WeakMap<SiteSettings, string>();
function lookOf(settings: SiteSettings): string {
  let look = looks.get(settings);
  if (look) return look;
  const image: SiteImage = {
    hash: '0'.repeat(64),
    file: `images/${'0'.repeat(64)}.jpg`,
    width: 2,
    height: 1,
    alt: 'a',
  };
  const probe: SiteEntry = {
    id: 'mau',
    slug: 'mau',
    title: 'Mẫu',
    summary: 'Sapo',
    byline: 'Tác giả',
    publishedAt: '2020-01-01T00:00:00.000Z',
    updatedAt: '2020-01-01T00:00:00.000Z',
    contentHash: '',
    stamp: '',
    featured: image,
    images: [image],
    pageHash: '',
  };
  const source: ArticleSource = { id: 'mau', html: '<p>Thân bài</p>', category: '', tags: [] };
  look = sha256(
    [
      renderArticlePage(probe, source, [probe], settings),
      renderIndexPage([probe], 'front', 1, settings.siteTitle),
      renderIndexPage([probe], 1, 1, settings.siteTitle),
    ].join(''),
  );
  looks.set(settings, look);
  return look;
}

async function writeIfChanged(files: SiteFiles, sitePath: string, content: string): Promise<void> {
  const current = await files.read(sitePath);
  if (current !== null && current.toString('utf8') === content) return;
  await files.write(sitePath, content);
}

function imagesOf(entry: SiteEntry | null): Map<string, string> {
  const images = new Map<string, string>();
  if (!entry) return images;
  for (const image of entry.images) images.set(image.hash, image.file);
  if (entry.featured) images.set(entry.featured.hash, entry.featured.file);
  return images;
}

/** The runs of `size` (1-based: run `k` holds positions from `(k - 1) * size`) that positions `[from, to)` fall in. */
function runsOver(from: number, to: number, size: number): number[] {
  const runs: number[] = [];
  if (to <= from) return runs;
  for (let k = Math.floor(from / size) + 1; k <= Math.ceil(to / size); k++) runs.push(k);
  return runs;
}

const chunkOf = (position: number) => Math.floor(position / CHUNK_SIZE) + 1;
const chunkEntries = (entries: readonly SiteEntry[], k: number) => entries.slice((k - 1) * CHUNK_SIZE, k * CHUNK_SIZE);

/** The front page's entries, newest first: the newest full page of ten and whatever came after it. */
async function frontEntries(view: EntryView): Promise<SiteEntry[]> {
  const full = fullPages(view.count);
  const from = full >= 1 ? (full - 1) * INDEX_PAGE_SIZE : 0;
  return (await slice(view, from, view.count)).reverse();
}

async function archivePageEntries(view: EntryView, k: number): Promise<SiteEntry[]> {
  return (await slice(view, (k - 1) * INDEX_PAGE_SIZE, k * INDEX_PAGE_SIZE)).reverse();
}

/** The files every page links to, and the verification page with the office's keys. */
async function writeAssets(files: SiteFiles, settings: SiteSettings, count: number, keysFile?: KeysFile) {
  await writeIfChanged(files, STYLESHEET_PATH, STYLESHEET);
  await writeIfChanged(files, SCRIPT_PATH, SCRIPT);
  await writeIfChanged(files, PAGE_COUNT_SCRIPT_PATH, pageCountScript(archivePageCount(count)));
  if (keysFile) await writeIfChanged(files, KEYS_PATH, `${JSON.stringify(keysFile, null, 2)}\n`);
  await writeIfChanged(files, VERIFIER_SCRIPT_PATH, VERIFIER_SCRIPT);
  await writeIfChanged(
    files,
    VERIFY_PAGE_PATH,
    renderVerifyPage({
      siteTitle: settings.siteTitle,
      stylesheetHref: STYLESHEET_PATH,
      scriptHref: VERIFIER_SCRIPT_PATH,
      keysHref: KEYS_PATH,
    }),
  );
}

/** The front page and the feed, from the archive as it now stands. */
async function writeFrontAndFeed(
  files: SiteFiles,
  view: EntryView,
  manifest: Pick<Manifest, 'siteId'>,
  settings: SiteSettings,
  known: ReadonlyMap<string, ArticleSource>,
) {
  await writeIfChanged(
    files,
    FRONT_PATH,
    renderIndexPage(await frontEntries(view), 'front', archivePageCount(view.count), settings.siteTitle),
  );
  const newest = (await slice(view, view.count - FEED_SIZE, view.count)).reverse();
  const sources = new Map<string, ArticleSource>();
  for (const entry of newest) sources.set(entry.id, known.get(entry.id) ?? (await loadSource(files, entry.id)));
  await writeIfChanged(
    files,
    FEED_PATH,
    renderFeed(newest, sources, {
      siteTitle: settings.siteTitle,
      baseUrl: settings.baseUrl,
      siteId: manifest.siteId,
      now: settings.now(),
    }),
  );
}

/**
 * The site as the last operation left it, ready for the next: a site written before the archive was
 * cut into files is converted, an operation a crash interrupted is finished, and pages rendered with
 * another title or template are rendered again. The last two take a whole-site rebuild, linear in
 * the archive, reported through `onProgress`.
 */
export async function openSite(files: SiteFiles, settings: SiteSettings, options: SiteOptions = {}): Promise<Manifest> {
  return guarded(async () => {
    const read = jsonReader(files);
    const stored = await read(MANIFEST_PATH, (value) => {
      const format = (value as { format?: unknown } | null)?.format;
      return format === 1 ? legacyManifestSchema.parse(value) : manifestSchema.parse(value);
    });
    let manifest: Manifest;
    // A new site: nothing to render again; its first publish writes every file it needs.
    if (stored === null) return { format: 2, siteId: randomUUID(), count: 0, look: lookOf(settings), pending: null };
    else if (stored.format === 1) manifest = await convertLegacy(files, stored);
    else manifest = stored;
    if (manifest.pending) manifest = await apply(files, manifest, settings, options);
    if (manifest.look !== lookOf(settings)) manifest = await rebuildSite(files, manifest, settings, options);
    return manifest;
  });
}

/**
 * A site whose manifest listed every article in one file becomes one cut into files of ten, with a
 * file per image naming the articles that show it; every page is then rendered again.
 */
async function convertLegacy(files: SiteFiles, legacy: LegacyManifest): Promise<Manifest> {
  for (const file of legacy.pendingRemovals) await files.remove(file);
  const entries = oldestFirst(legacy.articles);
  const refs = new Map<string, string[]>();
  for (const entry of entries) {
    for (const hash of imagesOf(entry).keys()) refs.set(hash, [...(refs.get(hash) ?? []), entry.id]);
    // The source learns the article's place, so the article is found without reading the archive.
    const source = await loadSource(files, entry.id);
    if (source.publishedAt !== entry.publishedAt)
      await files.write(sourcePath(entry.id), json({ ...source, publishedAt: entry.publishedAt }));
  }
  for (const k of runsOver(0, entries.length, CHUNK_SIZE))
    await files.write(chunkPath(k), json(chunkEntries(entries, k)));
  for (const [hash, ids] of refs) await files.write(imageRefPath(hash), json(ids.sort()));
  const manifest: Manifest = {
    format: 2,
    siteId: legacy.siteId,
    count: entries.length,
    look: '',
    pending: null,
  };
  await writeManifest(files, manifest);
  return manifest;
}

/**
 * Renders every page of the site again: once per article, with its neighbours from the archive read
 * once, so the cost grows with the archive and no faster. Pages edited by hand stay as they are.
 * Interrupted, the next operation starts it again; pages already rendered are not written twice.
 */
export async function rebuildSite(
  files: SiteFiles,
  manifest: Manifest,
  settings: SiteSettings,
  options: SiteOptions = {},
  keysFile?: KeysFile,
): Promise<Manifest> {
  const count = manifest.count;
  const archive = archiveOf(files, count);
  const entries = await slice(archive, 0, count);
  const view: EntryView = { count, at: (position) => Promise.resolve(entries[position]!) };
  const journal: Journal = {
    count,
    chunks: {},
    dirty: [],
    archivePages: [],
    imageRefs: {},
    removals: [],
    rebuild: true,
  };
  if (!manifest.pending?.rebuild) await writeManifest(files, { ...manifest, pending: journal });

  const changedChunks = new Set<number>();
  const writes = new WritePool(files);
  const report = progressReporter(options.onProgress, count);
  for (let position = 0; position < count; position++) {
    options.signal?.throwIfAborted();
    const entry = entries[position]!;
    const source = checkedSource(entry.id, files.readNow(sourcePath(entry.id)));
    const onDisk = files.readNow(articlePath(entry.slug));
    const html = renderArticlePage(entry, source, await neighboursAt(view, position), settings);
    const hash = sha256(html);
    const diskHash = onDisk === null ? null : sha256(onDisk);
    // A page edited by hand (neither what the site wrote nor what it would write) is left as it is.
    const ours =
      diskHash === null || diskHash === hash || diskHash === entry.pageHash || diskHash === entry.previousPageHash;
    if (ours && diskHash !== hash) await writes.add(articlePath(entry.slug), html);
    if (ours && entry.pageHash !== hash) {
      entries[position] = { ...entry, pageHash: hash };
      changedChunks.add(chunkOf(position));
    }
    report(position + 1);
  }
  for (const k of changedChunks) await writes.add(chunkPath(k), json(chunkEntries(entries, k)));
  const archivePages = archivePageCount(count);
  // Under a new look every page differs: nothing to compare before writing.
  const newLook = manifest.look !== lookOf(settings);
  for (let k = 1; k <= archivePages; k++)
    await (newLook ? writes.add.bind(writes) : writes.addIfChanged.bind(writes))(
      archivePath(k),
      renderIndexPage(await archivePageEntries(view, k), k, archivePages, settings.siteTitle),
    );
  await writes.drain();
  // Pages and archive files past the archive's end (a smaller archive, or a site laid out the old way) go.
  for (const file of await files.list(INDEX_DIR)) {
    const k = /^([0-9]+)\.html$/.exec(file)?.[1];
    if (k && Number(k) > archivePages) await files.remove(archivePath(Number(k)));
  }
  await writeAssets(files, settings, count, keysFile);
  await writeFrontAndFeed(files, view, manifest, settings, new Map());
  const settled: Manifest = { ...manifest, count, look: lookOf(settings), pending: null };
  await writeManifest(files, settled);
  return settled;
}

/** Calls `onProgress` now and then, not on every article. */
function progressReporter(onProgress: SiteProgress | undefined, total: number): (done: number) => void {
  let last = 0;
  return (done) => {
    if (!onProgress) return;
    const now = Date.now();
    if (done === total || now - last >= 200) {
      last = now;
      onProgress({ done, total });
    }
  };
}

/**
 * Page writes in flight a few at a time: each flushes its file to disk, and while some wait on the
 * disk the next pages render.
 */
export class WritePool {
  private readonly running = new Set<Promise<void>>();
  private failure: unknown = null;

  constructor(
    private readonly files: SiteFiles,
    private readonly width = 16,
  ) {}

  add(sitePath: string, content: string): Promise<void> {
    return this.start(() => this.files.write(sitePath, content));
  }

  /** Writes only when the file holds something else: an archive page is often as it was. */
  addIfChanged(sitePath: string, content: string): Promise<void> {
    return this.start(() => writeIfChanged(this.files, sitePath, content));
  }

  private async start(work: () => Promise<void>): Promise<void> {
    if (this.failure !== null) throw this.failure;
    const task: Promise<void> = work().then(
      () => {
        this.running.delete(task);
      },
      (error: unknown) => {
        this.running.delete(task);
        this.failure ??= error;
      },
    );
    this.running.add(task);
    if (this.running.size >= this.width) await Promise.race(this.running);
  }

  async drain(): Promise<void> {
    await Promise.all(this.running);
    if (this.failure !== null) throw this.failure;
  }
}

/** One publish or withdrawal: the article's new entry (null to withdraw it) and where it stood. */
export interface SiteChange {
  entry: SiteEntry | null;
  previous: { position: number; entry: SiteEntry } | null;
  /** The published article's new source. */
  source?: ArticleSource;
  /** Files the change leaves unused: the old page of a moved article, a withdrawn article's source. */
  removals: string[];
  keysFile?: KeysFile;
}

/** The article's entry and position, found through its source without reading the archive. */
export async function findEntry(
  files: SiteFiles,
  manifest: Manifest,
  articleId: string,
): Promise<{ position: number; entry: SiteEntry } | null> {
  return guarded(async () => {
    const source = await findSource(files, articleId);
    if (!source?.publishedAt) return null;
    const archive = archiveOf(files, manifest.count);
    const position = await archive.find({ id: articleId, publishedAt: source.publishedAt });
    return position < 0 ? null : { position, entry: await archive.at(position) };
  });
}

/** Entries around a change whose "Các bài khác" may differ: a list reaches this far either side. */
const REACH = OTHERS_ON_PAGE;

/**
 * Publishes or withdraws one article, touching only what that changes: the article's page, the
 * pages whose "Các bài khác" it enters or leaves, the archive file and page it lands in (all those
 * after it when it lands among older articles or leaves them), the front page and the feed.
 * The journal of the change is written first; a crash part-way is finished by the next operation.
 */
export async function changeSite(
  files: SiteFiles,
  manifest: Manifest,
  change: SiteChange,
  settings: SiteSettings,
  signal?: AbortSignal,
): Promise<Manifest> {
  return guarded(async () => {
    const before = archiveOf(files, manifest.count);
    const { start, end, middle, oldPositions } = await replacedRange(before, change);
    const after = new ChangedView(before, start, end, middle);
    const oldPositionOf = (position: number, id: string): number | null => {
      if (position < start) return position;
      if (position >= start + middle.length) return position - after.shift;
      return oldPositions.get(id) ?? null;
    };

    // Pages to write: the article's own, and those whose neighbours changed.
    const updated = new Map<number, SiteEntry>();
    const journalEntries = new Map<number, SiteEntry>();
    const rendered = new Map<string, string>();
    const sources = new Map<string, ArticleSource>(change.source ? [[change.source.id, change.source]] : []);
    for (
      let position = Math.max(0, start - REACH);
      position < Math.min(after.count, start + middle.length + REACH);
      position++
    ) {
      const entry = await after.at(position);
      const others = await neighboursAt(after, position);
      const isTarget = entry.id === change.entry?.id;
      if (!isTarget) {
        const old = oldPositionOf(position, entry.id);
        if (old !== null && neighbourKey(await neighboursAt(before, old)) === neighbourKey(others)) continue;
      }
      const source = sources.get(entry.id) ?? (await loadSource(files, entry.id));
      const html = renderArticlePage(entry, source, others, settings);
      const hash = sha256(html);
      const state = await pageState(files, entry, hash);
      // Another article's page edited by hand is left for its own next publish to report.
      if (!isTarget && !state.ours) continue;
      if (state.hash === hash && entry.pageHash === hash) continue;
      rendered.set(entry.id, html);
      updated.set(position, { ...entry, pageHash: hash });
      journalEntries.set(position, { ...entry, pageHash: hash, previousPageHash: entry.pageHash });
    }

    // The positions whose entries change: the replaced run, and when it changed the count every one after it.
    const changedTo = after.shift === 0 ? start + middle.length : after.count;
    const changedChunks = new Set<number>(runsOver(start, Math.max(changedTo, start + 1), CHUNK_SIZE));
    for (const position of updated.keys()) changedChunks.add(chunkOf(position));
    const chunks: Journal['chunks'] = {};
    for (const k of [...changedChunks].sort((a, b) => a - b)) {
      const from = (k - 1) * CHUNK_SIZE;
      const to = Math.min(after.count, k * CHUNK_SIZE);
      if (to <= from) continue;
      const entries: SiteEntry[] = [];
      for (let position = from; position < to; position++)
        entries.push(journalEntries.get(position) ?? (await after.at(position)));
      chunks[String(k)] = entries;
    }

    // Archive pages: those whose articles changed, and those whose links move as pages are added or go.
    const pagesBefore = archivePageCount(before.count);
    const pagesAfter = archivePageCount(after.count);
    const archivePages = new Set<number>();
    for (const k of runsOver(start, changedTo, INDEX_PAGE_SIZE)) if (k <= pagesAfter) archivePages.add(k);
    if (pagesBefore !== pagesAfter)
      for (let k = Math.max(1, Math.min(pagesBefore, pagesAfter)); k <= pagesAfter; k++) archivePages.add(k);

    const removals = [...change.removals];
    for (let k = pagesAfter + 1; k <= pagesBefore; k++) removals.push(archivePath(k));
    for (let k = Math.ceil(after.count / CHUNK_SIZE) + 1; k <= Math.ceil(before.count / CHUNK_SIZE); k++)
      removals.push(chunkPath(k));

    // Which articles show each image this one gained or lost.
    const imageRefs: Journal['imageRefs'] = {};
    const had = imagesOf(change.previous?.entry ?? null);
    const has = imagesOf(change.entry);
    const id = change.entry?.id ?? change.previous?.entry.id ?? '';
    for (const hash of new Set([...had.keys(), ...has.keys()])) {
      if (had.has(hash) === has.has(hash)) continue;
      const refs = (await jsonReader(files)(imageRefPath(hash), (value) => imageRefsSchema.parse(value))) ?? [];
      const next = has.has(hash) ? [...new Set([...refs, id])].sort() : refs.filter((ref) => ref !== id);
      imageRefs[hash] = next;
      if (next.length === 0) removals.push(had.get(hash)!, imageRefPath(hash));
    }

    signal?.throwIfAborted();
    const journal: Journal = {
      count: after.count,
      chunks,
      dirty: [...rendered.keys()],
      archivePages: [...archivePages].sort((a, b) => a - b),
      imageRefs,
      ...(change.source ? { source: { ...change.source, publishedAt: change.entry!.publishedAt } } : {}),
      removals: [...new Set(removals)],
    };
    // From here the operation runs to its end: the manifest says what the folder is about to become.
    const announced: Manifest = { ...manifest, pending: journal };
    await writeManifest(files, announced);
    return apply(files, announced, settings, {}, { rendered, keysFile: change.keysFile });
  });
}

/** `.bientap/anh/<hash>.json`: the articles that show the image. */
const imageRefsSchema = z.array(z.string().min(1));

/** The positions a change replaces, what it puts there, and where each entry it moves stood. */
async function replacedRange(
  before: Archive,
  change: SiteChange,
): Promise<{ start: number; end: number; middle: SiteEntry[]; oldPositions: Map<string, number> }> {
  const { entry, previous } = change;
  const oldPositions = new Map<string, number>();
  if (previous) oldPositions.set(previous.entry.id, previous.position);
  if (!entry) {
    if (!previous) throw new Error('a change names an article');
    return { start: previous.position, end: previous.position + 1, middle: [], oldPositions };
  }
  if (previous && compareOldestFirst(previous.entry, entry) === 0)
    return { start: previous.position, end: previous.position + 1, middle: [entry], oldPositions };
  const insertAt = await before.locate(entry);
  if (!previous) return { start: insertAt, end: insertAt, middle: [entry], oldPositions };
  // The article moved in time: the entries between its old and new places shift by one.
  const start = Math.min(previous.position, insertAt);
  const end = Math.max(previous.position + 1, insertAt);
  const between = await slice(before, start, end);
  between.forEach((other, index) => oldPositions.set(other.id, start + index));
  const middle = oldestFirst([...between.filter((other) => other.id !== entry.id), entry]);
  return { start, end, middle, oldPositions };
}

/**
 * Carries out the manifest's journal: writes the archive files, the source, the pages it names,
 * the front page and the feed, removes what it lists, and clears it. Pages already rendered by
 * the caller are passed in; after a crash they are rendered again from the archive.
 */
async function apply(
  files: SiteFiles,
  manifest: Manifest,
  settings: SiteSettings,
  options: SiteOptions,
  done: { rendered?: ReadonlyMap<string, string>; keysFile?: KeysFile } = {},
): Promise<Manifest> {
  const journal = manifest.pending!;
  if (journal.rebuild) return rebuildSite(files, manifest, settings, options, done.keysFile);
  const known = new Map<string, ArticleSource>();
  if (journal.source) {
    known.set(journal.source.id, journal.source);
    await files.write(sourcePath(journal.source.id), json(journal.source));
  }
  for (const [k, entries] of Object.entries(journal.chunks))
    await files.write(chunkPath(Number(k)), json(entries.map(({ previousPageHash: _previous, ...entry }) => entry)));
  for (const [hash, ids] of Object.entries(journal.imageRefs))
    if (ids.length > 0) await files.write(imageRefPath(hash), json(ids));

  const view = archiveOf(files, journal.count);
  const dirty = new Set(journal.dirty);
  for (const [k, entries] of Object.entries(journal.chunks)) {
    for (const [index, entry] of entries.entries()) {
      if (!dirty.has(entry.id)) continue;
      const position = (Number(k) - 1) * CHUNK_SIZE + index;
      let html = done.rendered?.get(entry.id);
      if (html === undefined) {
        const source = known.get(entry.id) ?? (await loadSource(files, entry.id));
        html = renderArticlePage(entry, source, await neighboursAt(view, position), settings);
        const state = await pageState(files, entry, sha256(html));
        if (!state.ours || state.hash === sha256(html)) continue;
      }
      await files.write(articlePath(entry.slug), html);
    }
  }

  await writeAssets(files, settings, journal.count, done.keysFile);
  const pages = archivePageCount(journal.count);
  for (const k of journal.archivePages)
    await writeIfChanged(
      files,
      archivePath(k),
      renderIndexPage(await archivePageEntries(view, k), k, pages, settings.siteTitle),
    );
  await writeFrontAndFeed(files, view, manifest, settings, known);
  for (const file of journal.removals) await files.remove(file);

  const settled: Manifest = { ...manifest, count: journal.count, pending: null };
  await writeManifest(files, settled);
  return settled;
}

/** The page as it is on disk now, read back into a title and body for the conflict view. */
export function snapshotOf(entry: SiteEntry, page: Buffer, url: string, ours: boolean): RemoteSnapshot {
  const dom = new (jsdom().JSDOM)(page.toString('utf8'));
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
