import { readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../testkit';
import type { PublishAdapter } from '../adapter';
import { createStaticAdapter } from './adapter';
import { SiteFiles } from './files';
import { CHUNK_DIR, CHUNK_SIZE, IMAGE_REF_DIR } from './layout';
import { oldestFirst, type SiteEntry } from './manifest';
import { openSite, rebuildSite, sourcePath, type SiteSettings } from './site';
import { htmlFiles, listFiles, readPage, seedArchive, shortPayload, syntheticArchive } from './testSite';

let root: string;
let site: PublishAdapter;
const settings: SiteSettings = {
  siteTitle: 'Phòng Văn hóa & Thông tin TP Huế',
  baseUrl: null,
  now: () => new Date('2026-05-01T01:00:00Z'),
};

beforeEach(() => {
  root = tempDir('bientap-site-');
  site = createStaticAdapter({ folder: root, siteTitle: settings.siteTitle, now: settings.now });
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const snapshot = () => new Map(listFiles(root).map((file) => [file, read(file)]));
const manifest = () => JSON.parse(read('.bientap/site.json')) as { count: number; pending: unknown };

/** The site paths read and written while `work` runs. */
async function traced(work: () => Promise<unknown>): Promise<{ reads: string[]; writes: string[] }> {
  const reads: string[] = [];
  const writes: string[] = [];
  const read = SiteFiles.prototype.read;
  const write = SiteFiles.prototype.write;
  vi.spyOn(SiteFiles.prototype, 'read').mockImplementation(function (this: SiteFiles, file: string) {
    reads.push(file);
    return read.call(this, file);
  });
  vi.spyOn(SiteFiles.prototype, 'write').mockImplementation(function (this: SiteFiles, file, data) {
    writes.push(file);
    return write.call(this, file, data);
  });
  await work();
  vi.restoreAllMocks();
  return { reads, writes };
}

describe('publishing one article into a large archive', () => {
  it('reads and writes only what the article changes, however many came before it', async () => {
    const { entries, sources } = syntheticArchive(250);
    const files = new SiteFiles(root);
    await rebuildSite(files, seedArchive(root, entries, sources), settings);
    const newcomer = await shortPayload(1, { publishedAt: new Date('2026-12-01T00:00:00Z') });
    const { reads, writes } = await traced(() => site.publish(newcomer, null, {}));

    // Its page, its source and image, the newest archive file, the front page, the feed and the manifest.
    const image = newcomer.images[0]!.hash;
    expect(writes.filter((file) => file !== '.bientap/site.json').sort()).toEqual(
      [
        sourcePath(newcomer.articleId),
        `${CHUNK_DIR}/3.json`,
        `${IMAGE_REF_DIR}/${image}.json`,
        'bai-viet/le-hoi-duong-pho-hue-so-1-dem-hoang-cung.html',
        'feed.xml',
        `images/${image}.jpg`,
        'index.html',
      ].sort(),
    );
    // Of the archive it reads the newest file only: the front page's and the feed's entries are there.
    expect(new Set(reads.filter((file) => file.startsWith(`${CHUNK_DIR}/`)))).toEqual(new Set([`${CHUNK_DIR}/3.json`]));
    // Sources: the feed's twenty newest at most, never the older ones.
    expect(new Set(reads.filter((file) => file.startsWith('.bientap/bai-viet/'))).size).toBeLessThanOrEqual(20);
    // No article page other than its own is read or rendered.
    expect(reads.filter((file) => file.startsWith('bai-viet/'))).toEqual([
      'bai-viet/le-hoi-duong-pho-hue-so-1-dem-hoang-cung.html',
    ]);
  });
});

describe('a site built one change at a time', () => {
  it('is exactly the site a whole rebuild makes of the same archive', { timeout: 90_000 }, async () => {
    const refs = new Map<number, Awaited<ReturnType<PublishAdapter['publish']>>>();
    for (let n = 1; n <= 24; n++) refs.set(n, await site.publish(await shortPayload(n), null, {}));
    // A correction to an old article's title, shown in its neighbours' lists and on its archive page.
    await site.publish(await shortPayload(5, { title: 'Đêm hội áo dài', contentHash: 'sua-5' }), refs.get(5)!, {});
    // A new address for another.
    await site.publish(await shortPayload(8, { slug: 'duong-pho-hue', contentHash: 'sua-8' }), refs.get(8)!, {});
    // Backdated: it lands among the oldest and every later page of ten moves by one.
    const early = await shortPayload(40, { publishedAt: new Date(Date.UTC(2026, 3, 1, 2, 30)) });
    await site.publish(early, null, {});
    // An article moved in time: published again with another date.
    await site.publish(
      await shortPayload(12, { publishedAt: new Date(Date.UTC(2026, 3, 3)), contentHash: 'doi-ngay' }),
      refs.get(12)!,
      {},
    );
    // Withdrawn from the middle and from the newest end.
    await site.withdraw((await shortPayload(3)).articleId, null, {});
    await site.withdraw((await shortPayload(24)).articleId, null, {});
    for (let n = 25; n <= 31; n++) await site.publish(await shortPayload(n), null, {});

    const built = snapshot();
    const files = new SiteFiles(root);
    await rebuildSite(files, await openSite(files, settings), settings);
    const rebuilt = snapshot();
    built.delete('.bientap/site.json');
    rebuilt.delete('.bientap/site.json');
    expect([...rebuilt.keys()]).toEqual([...built.keys()]);
    for (const [file, content] of rebuilt) expect(content, file).toBe(built.get(file));

    // And the archive files hold every article once, in order.
    const entries: SiteEntry[] = [];
    for (let k = 1; k <= Math.ceil(manifest().count / CHUNK_SIZE); k++)
      entries.push(...(JSON.parse(read(`${CHUNK_DIR}/${k}.json`)) as SiteEntry[]));
    expect(entries).toEqual(oldestFirst(entries));
    expect(entries).toHaveLength(30);
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(30);
  });
});

describe('a site written the old way, every entry in one manifest', () => {
  it('is converted on its next publish, with nothing lost and the old pages tidied', { timeout: 60_000 }, async () => {
    for (let n = 1; n <= 23; n++) await site.publish(await shortPayload(n), null, {});
    const pages = htmlFiles(root).filter((file) => file.startsWith('bai-viet/'));
    // Back to the old layout: one manifest listing every article newest first, sources without dates,
    // index pages counted from the newest.
    const entries: SiteEntry[] = [];
    entries.push(...(JSON.parse(read(`${CHUNK_DIR}/1.json`)) as SiteEntry[]));
    const { siteId } = JSON.parse(read('.bientap/site.json')) as { siteId: string };
    writeFileSync(
      path.join(root, '.bientap/site.json'),
      JSON.stringify({ format: 1, siteId, articles: [...entries].reverse(), pendingRemovals: [] }),
    );
    for (const file of listFiles(root)) {
      if (file.startsWith(`${CHUNK_DIR}/`) || file.startsWith(`${IMAGE_REF_DIR}/`) || file === 'trang/1.html')
        unlinkSync(path.join(root, file));
      if (file.startsWith('.bientap/bai-viet/')) {
        const { publishedAt: _date, ...source } = JSON.parse(read(file)) as Record<string, unknown>;
        writeFileSync(path.join(root, file), JSON.stringify(source));
      }
    }
    for (const old of ['trang/2.html', 'trang/3.html']) writeFileSync(path.join(root, old), '<p>trang cũ</p>');

    const progress: number[] = [];
    await site.publish(await shortPayload(24), null, { onProgress: ({ done }) => progress.push(done) });
    expect(progress.at(-1)).toBe(23);
    expect(manifest()).toMatchObject({ format: 2, count: 24, pending: null });
    expect(htmlFiles(root).filter((file) => file.startsWith('trang/'))).toEqual(['trang/1.html']);
    for (const page of pages) expect(statSync(path.join(root, page)).isFile()).toBe(true);
    expect(readPage(root, 'trang/1.html').querySelectorAll('.tin')).toHaveLength(10);
    // Withdrawing an old article finds it through the converted archive.
    await site.withdraw((await shortPayload(2)).articleId, null, {});
    expect(htmlFiles(root)).not.toContain('bai-viet/le-hoi-duong-pho-hue-so-2-dem-hoang-cung.html');
  });
});

describe('a new title or template', () => {
  it('renders every page again on the next publish, leaving a page edited by hand alone', async () => {
    for (let n = 1; n <= 12; n++) await site.publish(await shortPayload(n), null, {});
    const edited = 'bai-viet/le-hoi-duong-pho-hue-so-4-dem-hoang-cung.html';
    writeFileSync(path.join(root, edited), read(edited).replace('đờn ca Huế', 'đờn ca Huế (sửa tay)'));
    const renamed = createStaticAdapter({ folder: root, siteTitle: 'Cổng tin Huế', now: settings.now });
    await renamed.publish(await shortPayload(13), null, {});
    for (const file of htmlFiles(root).filter((name) => name !== edited && name !== 'kiem-tra.html'))
      expect(readPage(root, file).querySelector('.dau-trang')?.textContent, file).toBe('Cổng tin Huế');
    expect(read(edited)).toContain('(sửa tay)');
    expect(read(edited)).toContain(settings.siteTitle.replace('&', '&amp;'));
  });
});
