import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../testkit';
import { PublishError, type PublishAdapter, type PublishPayload } from '../adapter';
import { createStaticAdapter } from './adapter';
import { SCRIPT, STYLESHEET } from './assets';
import { INDEX_PAGE_SIZE, OTHERS_ON_PAGE } from './layout';
import {
  htmlFiles,
  listFiles,
  localReferences,
  readPage,
  samplePayload,
  serialized,
  shortPayload,
  validationErrors,
} from './testSite';

let root: string;
let clock: Date;
let site: PublishAdapter;

beforeEach(() => {
  root = tempDir('bientap-site-');
  clock = new Date('2026-05-01T01:00:00Z');
  site = createStaticAdapter({ folder: root, siteTitle: 'Phòng Văn hóa và Thông tin TP Huế', now: () => clock });
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface FeedEntry {
  id: string;
  title: string;
  link: { '@_href': string };
  content?: { '#text': string; '@_type': string };
}

function feedEntries(): FeedEntry[] {
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' });
  const feed = parser.parse(read('feed.xml')) as { feed: { entry?: FeedEntry[] } };
  return feed.feed.entry ?? [];
}

const titlesOn = (file: string, selector: string) =>
  Array.from(readPage(root, file).querySelectorAll(selector), (element) => element.textContent?.trim() ?? '');

describe('the static site', () => {
  it('publishes the sample article and others as valid, self-contained pages with a feed', async () => {
    const { payload: sample, lines } = await samplePayload();
    const others = await Promise.all([1, 2, 3].map((n) => shortPayload(n)));
    const ref = await site.publish(sample, null, {});
    for (const other of others) await site.publish(other, null, {});

    expect(ref.remoteId).toBe(sample.articleId);
    expect(ref.url).toBe(
      'bai-viet/thanh-pho-hue-tiep-tuc-day-manh-cong-tac-xay-dung-phong-trao-toan-dan-bao-ve-an.html',
    );
    const pages = htmlFiles(root);
    expect(pages).toContain(ref.url);
    expect(pages).toContain('index.html');

    for (const file of pages) expect(await validationErrors(read(file), file)).toEqual([]);
    for (const file of pages) {
      for (const target of localReferences(root, file))
        expect(existsSync(path.join(root, target)), `${file} → ${target}`).toBe(true);
    }

    const page = readPage(root, ref.url);
    expect(page.querySelector('h1')?.textContent).toBe(lines[0]);
    expect(page.querySelector('time')?.textContent).toBe('15/04/2021 10:51:38 SA');
    expect(page.querySelector('.sapo')?.textContent).toBe(sample.summary);
    expect(page.querySelector('.tac-gia')?.textContent).toBe('Huỳnh Thị Ly (Phòng Văn hóa & Thông tin TP Huế)');
    expect(page.querySelector('.co-chu')?.textContent).toContain('Xem cỡ chữ');
    expect(page.querySelector('.doc-bai')?.textContent).toContain('Đọc bài viết');
    const body = page.querySelector('.noi-dung')?.textContent ?? '';
    // Every word and diacritic survives, the portal's own faults included.
    for (const paragraph of lines.slice(5, -3)) expect(body).toContain(paragraph.normalize('NFC'));
    expect(body).toContain('Tổ quốcvào');
    expect(body).toContain('Camara an ninh');
    // The body shows the featured image already, so the page does not repeat it.
    expect(page.querySelectorAll('img')).toHaveLength(1);
    expect(page.querySelector('.noi-dung img')?.getAttribute('src')).toBe(`../images/${sample.featuredImageHash}.jpg`);
    expect(titlesOn(ref.url, '.bai-khac li a')).toEqual(others.map((o) => o.title).reverse());

    expect(titlesOn('index.html', '.tin h2')).toEqual([...others.map((o) => o.title).reverse(), sample.title]);
    expect(readPage(root, 'index.html').querySelectorAll('.tin img')).toHaveLength(4);

    const entries = feedEntries();
    expect(entries.map((entry) => entry.title)).toEqual([...others.map((o) => o.title).reverse(), sample.title]);
    expect(entries.at(-1)?.id).toBe(`urn:uuid:${sample.articleId}`);
    expect(entries.at(-1)?.link['@_href']).toBe(ref.url);
    expect(entries.at(-1)?.content?.['#text']).toContain('Tổ quốcvào');

    expect(listFiles(root).filter((file) => file.startsWith('images/'))).toHaveLength(4);
    expect(read('assets/site.css')).toBe(STYLESHEET);
    expect(read('assets/site.js')).toBe(SCRIPT);
  });

  it('makes the feed and the returned URL absolute under the base URL', async () => {
    site = createStaticAdapter({ folder: root, baseUrl: 'https://vanhoa.hue.gov.vn/tin', now: () => clock });
    const payload = await shortPayload(1);
    const ref = await site.publish(payload, null, {});
    expect(ref.url).toBe(`https://vanhoa.hue.gov.vn/tin/bai-viet/le-hoi-duong-pho-hue-so-1-dem-hoang-cung.html`);
    const [entry] = feedEntries();
    expect(entry?.link['@_href']).toBe(ref.url);
    expect(entry?.content?.['#text']).toContain(
      `src="https://vanhoa.hue.gov.vn/tin/images/${payload.featuredImageHash}.jpg"`,
    );
    expect(read('feed.xml')).toContain(
      '<link rel="self" type="application/atom+xml" href="https://vanhoa.hue.gov.vn/tin/feed.xml"/>',
    );
    // The pages themselves stay relative: the folder works wherever it is served.
    expect(read('index.html')).not.toContain('https://vanhoa.hue.gov.vn');
  });

  it('keeps one page per article when the same payload is published twice', async () => {
    const payload = await shortPayload(1);
    const first = await site.publish(payload, null, {});
    const before = listFiles(root);
    const page = read(first.url);
    const feedId = /<id>(urn:uuid:[0-9a-f-]{36})<\/id>/.exec(read('feed.xml'))?.[1];
    expect(feedId).toBeDefined();
    clock = new Date('2026-05-02T00:00:00Z');
    const again = await site.publish(payload, null, {});
    expect(again).toEqual(first);
    expect(listFiles(root)).toEqual(before);
    expect(read(first.url)).toBe(page);
    expect(feedEntries()).toHaveLength(1);
    // The feed keeps its own id as it changes, so readers do not see a new feed.
    await site.publish(await shortPayload(2), null, {});
    expect(feedEntries()).toHaveLength(2);
    expect(read('feed.xml')).toContain(`<id>${feedId}</id>`);
  });

  it('updates the page and every list, and moves the page when the slug changes', async () => {
    const one = await shortPayload(1);
    const two = await shortPayload(2);
    const first = await site.publish(one, null, {});
    const twoRef = await site.publish(two, null, {});

    clock = new Date('2026-05-03T00:00:00Z');
    const changed = await shortPayload(1, { title: 'Khai mạc Tuần lễ Áo dài Huế', contentHash: 'đổi-1' });
    const updated = await site.publish({ ...changed, slug: 'khai-mac-tuan-le-ao-dai' }, first, {});

    expect(updated.remoteId).toBe(one.articleId);
    expect(updated.url).toBe('bai-viet/khai-mac-tuan-le-ao-dai.html');
    expect(updated.remoteModified).not.toBe(first.remoteModified);
    expect(existsSync(path.join(root, first.url))).toBe(false);
    expect(readPage(root, updated.url).querySelector('h1')?.textContent).toBe('Khai mạc Tuần lễ Áo dài Huế');
    expect(titlesOn('index.html', '.tin h2')).toEqual([two.title, 'Khai mạc Tuần lễ Áo dài Huế']);
    expect(titlesOn(twoRef.url, '.bai-khac li a')).toEqual(['Khai mạc Tuần lễ Áo dài Huế']);
    expect(readPage(root, twoRef.url).querySelector('.bai-khac a')?.getAttribute('href')).toBe(
      'khai-mac-tuan-le-ao-dai.html',
    );
    expect(feedEntries().map((entry) => entry.title)).toEqual([two.title, 'Khai mạc Tuần lễ Áo dài Huế']);
    expect(htmlFiles(root).filter((file) => file.startsWith('bai-viet/'))).toHaveLength(2);
  });

  it('gives a second article with the same title its own address', async () => {
    const one = await shortPayload(1);
    const copy = await shortPayload(2, { title: one.title });
    const a = await site.publish(one, null, {});
    const b = await site.publish(copy, null, {});
    expect(b.url).toBe(a.url.replace('.html', '-2.html'));
    // Republishing keeps the numbered address rather than swapping pages.
    expect((await site.publish(copy, b, {})).url).toBe(b.url);
  });

  it('withdraws a page with its list and feed entries and the images nobody else uses', async () => {
    const shared = await shortPayload(9);
    const one = await shortPayload(1);
    const two = await shortPayload(2, {
      html: `${(await shortPayload(2)).html}${shared.html}`,
      images: [...(await shortPayload(2)).images, ...shared.images],
    });
    const three = await shortPayload(3, {
      html: `<p>Chỉ có ảnh chung.</p>${shared.html}`,
      images: shared.images,
      featuredImageHash: shared.featuredImageHash,
    });
    const oneRef = await site.publish(one, null, {});
    const twoRef = await site.publish(two, null, {});
    await site.publish(three, null, {});
    const image = (payload: PublishPayload) => `images/${payload.images[0]?.hash}.jpg`;
    const sharedImage = image(shared);
    expect(existsSync(path.join(root, sharedImage))).toBe(true);

    await site.withdraw(two.articleId, twoRef, {});
    expect(existsSync(path.join(root, twoRef.url))).toBe(false);
    expect(existsSync(path.join(root, image(two)))).toBe(false);
    expect(existsSync(path.join(root, sharedImage))).toBe(true);
    expect(existsSync(path.join(root, image(one)))).toBe(true);
    expect(titlesOn('index.html', '.tin h2')).toEqual([three.title, one.title]);
    expect(titlesOn(oneRef.url, '.bai-khac li a')).toEqual([three.title]);
    expect(feedEntries().map((entry) => entry.title)).toEqual([three.title, one.title]);
    expect(await site.fetchRemote(two.articleId, twoRef, {})).toBeNull();

    await site.withdraw(three.articleId, null, {});
    expect(existsSync(path.join(root, sharedImage))).toBe(false);
    // Gone already: a second withdrawal is a no-op.
    await site.withdraw(three.articleId, null, {});
    await site.withdraw(one.articleId, oneRef, {});
    // The front page, and the verification page readers keep using for pages they saved.
    expect(htmlFiles(root)).toEqual(['index.html', 'kiem-tra.html']);
    expect(listFiles(root).filter((file) => file.startsWith('images/'))).toEqual([]);
    expect(readPage(root, 'index.html').querySelector('main p')?.textContent).toBe('Chưa có bài viết nào.');
    expect(feedEntries()).toEqual([]);
  });

  // Twenty-six publishes, each flushed to disk file by file: slow on a busy machine, not stuck.
  it(
    'pages the archive from its oldest article, so a page once full keeps its articles',
    { timeout: 60_000 },
    async () => {
      const payloads = await Promise.all(Array.from({ length: 25 }, (_, n) => shortPayload(n + 1)));
      for (const payload of payloads) await site.publish(payload, null, {});
      const newest = payloads.map((p) => p.title).reverse();

      // The front page shows the newest full page of ten and what came after it; trang/1 the first ten published.
      expect(htmlFiles(root).filter((file) => !file.startsWith('bai-viet/'))).toEqual([
        'index.html',
        'kiem-tra.html',
        'trang/1.html',
      ]);
      expect(titlesOn('index.html', '.tin h2')).toEqual(newest.slice(0, 25 - INDEX_PAGE_SIZE));
      expect(titlesOn('trang/1.html', '.tin h2')).toEqual(newest.slice(25 - INDEX_PAGE_SIZE));
      expect(readPage(root, 'trang/1.html').querySelector('h1')?.textContent).toMatch(
        /^Tin bài từ \d\d\/\d\d\/\d{4} đến /,
      );
      expect(read('assets/so-trang.js')).toBe('window.bientapSoTrang = 1;\n');

      const oldest = readPage(root, 'bai-viet/le-hoi-duong-pho-hue-so-1-dem-hoang-cung.html');
      // The oldest article lists the ones published just after it; a middle one, those just before.
      expect(Array.from(oldest.querySelectorAll('.bai-khac li a'), (a) => a.textContent)).toEqual(
        newest.slice(25 - 1 - OTHERS_ON_PAGE, 24),
      );
      expect(titlesOn('bai-viet/le-hoi-duong-pho-hue-so-12-dem-hoang-cung.html', '.bai-khac li a')).toEqual(
        newest.slice(14, 14 + OTHERS_ON_PAGE),
      );
      expect(oldest.querySelector('.bai-khac nav')?.getAttribute('data-trang')).toBe('bai');

      for (const file of ['index.html', 'trang/1.html']) expect(await validationErrors(read(file), file)).toEqual([]);
      for (const file of htmlFiles(root))
        for (const target of localReferences(root, file)) expect(existsSync(path.join(root, target))).toBe(true);
      expect(feedEntries()).toHaveLength(20);

      // Five more fill the third page of ten: it moves off the front page to trang/2, trang/1 stays as it was.
      const middle = 'bai-viet/le-hoi-duong-pho-hue-so-12-dem-hoang-cung.html';
      const before = { middle: read(middle), first: read('trang/1.html') };
      const more = await Promise.all([26, 27, 28, 29, 30].map((n) => shortPayload(n)));
      for (const payload of more) await site.publish(payload, null, {});
      const all = [...payloads, ...more].map((p) => p.title).reverse();
      expect(read(middle)).toBe(before.middle);
      expect(titlesOn('trang/2.html', '.tin h2')).toEqual(all.slice(10, 20));
      expect(titlesOn('index.html', '.tin h2')).toEqual(all.slice(0, 10));
      expect(read('assets/so-trang.js')).toBe('window.bientapSoTrang = 2;\n');
      // Its only change: "newer" now leads to trang/2 rather than the front page.
      expect(titlesOn('trang/1.html', '.tin h2')).toEqual(all.slice(20));
      expect(
        readPage(root, 'trang/1.html').querySelector('nav a[aria-label="Trang trước"]')?.getAttribute('href'),
      ).toBe('2.html');
      expect(before.first).not.toBe(read('trang/1.html'));

      // Fewer articles, fewer pages: an article withdrawn from the oldest page moves every later one back.
      await site.withdraw(payloads[0]!.articleId, null, {});
      expect(existsSync(path.join(root, 'trang/2.html'))).toBe(false);
      expect(titlesOn('trang/1.html', '.tin h2')).toEqual(all.slice(19, 29));
      expect(titlesOn('index.html', '.tin h2')).toEqual(all.slice(0, 19));
    },
  );

  it('refuses a damaged manifest and deletes nothing', async () => {
    const payload = await shortPayload(1);
    await site.publish(payload, null, {});
    await site.publish(await shortPayload(2), null, {});
    const manifestText = read('.bientap/site.json');
    // Cut short, as a copy interrupted by a full disk would leave it.
    writeFileSync(path.join(root, '.bientap/site.json'), manifestText.slice(0, manifestText.length / 2));
    const before = listFiles(root).map((file) => [file, read(file)]);

    for (const attempt of [
      () => site.withdraw(payload.articleId, null, {}),
      () => site.publish(payload, null, { overwrite: true }),
      () => site.fetchRemote(payload.articleId, null, {}),
    ]) {
      const error = await attempt().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PublishError);
      expect((error as PublishError).kind).toBe('permanent');
      expect((error as PublishError).message).toMatch(/bị hỏng.*không xóa tệp nào/);
    }
    // Well-formed JSON, wrong shape.
    writeFileSync(path.join(root, '.bientap/site.json'), JSON.stringify({ ...JSON.parse(manifestText), count: 'hai' }));
    const invalid = await site.withdraw(payload.articleId, null, {}).catch((caught: unknown) => caught);
    expect((invalid as PublishError).kind).toBe('permanent');
    expect((invalid as PublishError).message).toContain('count');
    // A file of the archive cut short is refused the same way.
    writeFileSync(path.join(root, '.bientap/site.json'), manifestText);
    writeFileSync(path.join(root, '.bientap/danh-muc/1.json'), '[{"id":');
    const cut = await site.withdraw(payload.articleId, null, {}).catch((caught: unknown) => caught);
    expect((cut as PublishError).kind).toBe('permanent');
    expect((cut as PublishError).message).toContain('.bientap/danh-muc/1.json');
    writeFileSync(
      path.join(root, '.bientap/danh-muc/1.json'),
      before.find(([file]) => file === '.bientap/danh-muc/1.json')![1]!,
    );
    expect(
      listFiles(root)
        .filter((file) => file !== '.bientap/site.json')
        .map((file) => [file, read(file)]),
    ).toEqual(before.filter(([file]) => file !== '.bientap/site.json'));
  });

  it('never removes files outside the site, whatever a manifest schedules', async () => {
    await site.publish(await shortPayload(1), null, {});
    const manifest = JSON.parse(read('.bientap/site.json'));
    writeFileSync(path.join(root, 'README.txt'), 'giữ lại');
    writeFileSync(
      path.join(root, '.bientap/site.json'),
      JSON.stringify({
        ...manifest,
        pending: { count: 1, chunks: {}, dirty: [], archivePages: [], imageRefs: {}, removals: ['README.txt'] },
      }),
    );
    const error = await site.publish(await shortPayload(2), null, {}).catch((caught: unknown) => caught);
    expect((error as PublishError).kind).toBe('permanent');
    expect(read('README.txt')).toBe('giữ lại');
  });

  it('reports a hand-edited page as a conflict and overwrites it only when asked', async () => {
    const payload = await shortPayload(1);
    const other = await shortPayload(2);
    const ref = await site.publish(payload, null, {});
    const edited = read(ref.url).replace('đờn ca Huế', 'đờn ca Huế (sửa tay)');
    writeFileSync(path.join(root, ref.url), edited);

    // Another article's publish leaves the hand edit alone.
    await site.publish(other, null, {});
    expect(read(ref.url)).toBe(edited);

    const next = await shortPayload(1, { summary: 'Sapo mới.', contentHash: 'đổi-2' });
    const error = await site.publish(next, ref, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PublishError);
    expect((error as PublishError).kind).toBe('conflict');
    expect((error as PublishError).details.remote?.html).toContain('đờn ca Huế (sửa tay)');
    expect((error as PublishError).details.remote?.html).toContain(`src="bientap-image:${payload.featuredImageHash}"`);
    expect(read(ref.url)).toBe(edited);
    // Even without a known reference (a retry after a crash) the hand edit is not lost silently.
    expect(((await site.publish(next, null, {}).catch((caught: unknown) => caught)) as PublishError).kind).toBe(
      'conflict',
    );

    const remote = await site.fetchRemote(payload.articleId, ref, {});
    expect(remote?.remoteModified).not.toBe(ref.remoteModified);

    const overwritten = await site.publish(next, ref, { overwrite: true });
    expect(read(overwritten.url)).not.toContain('(sửa tay)');
    expect(readPage(root, overwritten.url).querySelector('.sapo')?.textContent).toBe('Sapo mới.');
    expect(titlesOn(overwritten.url, '.bai-khac li a')).toEqual([other.title]);
  });

  it('reports a version published from elsewhere as a conflict', async () => {
    const payload = await shortPayload(1);
    const stale = await site.publish(payload, null, {});
    clock = new Date('2026-05-04T00:00:00Z');
    await site.publish(await shortPayload(1, { title: 'Bản từ máy khác', contentHash: 'may-khac' }), stale, {});
    const mine = await shortPayload(1, { title: 'Bản của tôi', contentHash: 'cua-toi' });
    const error = await site.publish(mine, stale, {}).catch((caught: unknown) => caught);
    expect((error as PublishError).kind).toBe('conflict');
    expect((error as PublishError).details.remote?.title).toBe('Bản từ máy khác');
  });

  it('reads the page back for the conflict view', async () => {
    const { payload } = await samplePayload();
    const ref = await site.publish(payload, null, {});
    const remote = await site.fetchRemote(payload.articleId, ref, {});
    expect(remote).toMatchObject({ remoteId: payload.articleId, url: ref.url, remoteModified: ref.remoteModified });
    expect(remote?.title).toBe(payload.title);
    expect(remote?.html).toBe(serialized(payload.html));
    expect(await site.fetchRemote('khong-co', null, {})).toBeNull();
  });

  it('refuses a body naming an image it does not send', async () => {
    const payload = await shortPayload(1, { images: [] });
    const error = await site.publish(payload, null, {}).catch((caught: unknown) => caught);
    expect((error as PublishError).kind).toBe('permanent');
    expect((error as PublishError).message).toMatch(/không được gửi kèm/);
    expect(listFiles(root)).toEqual([]);
  });

  it('says what to do when the folder is missing or cannot be written', async () => {
    const missing = createStaticAdapter({ folder: path.join(root, 'o-dia-chua-gan') });
    const error = await missing.publish(await shortPayload(1), null, {}).catch((caught: unknown) => caught);
    expect((error as PublishError).kind).toBe('permanent');
    expect((error as PublishError).message).toMatch(/Không tìm thấy thư mục trang web/);
    expect(existsSync(path.join(root, 'o-dia-chua-gan'))).toBe(false);

    // A file where the site needs a folder fails the write itself, as a full or locked disk would.
    mkdirSync(path.join(root, 'site'));
    writeFileSync(path.join(root, 'site', 'images'), 'không phải thư mục');
    const blocked = createStaticAdapter({ folder: path.join(root, 'site') });
    const writeError = await blocked.publish(await shortPayload(1), null, {}).catch((caught: unknown) => caught);
    expect(writeError).toBeInstanceOf(PublishError);
    expect((writeError as PublishError).kind).toBe('permanent');
    expect(listFiles(path.join(root, 'site'))).toEqual(['images']);
  });

  it('refuses a base URL that is not a web address', () => {
    expect(() => createStaticAdapter({ folder: root, baseUrl: 'ftp://example.com' })).toThrow(PublishError);
  });
});
