import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createStaticAdapter } from '../src/core/publish/static/adapter';
import { neighboursAt, type EntryView } from '../src/core/publish/static/archive';
import { SiteFiles } from '../src/core/publish/static/files';
import { archivePageCount, INDEX_PAGE_SIZE } from '../src/core/publish/static/layout';
import { renderIndexPage } from '../src/core/publish/static/listing';
import type { ArticleSource } from '../src/core/publish/static/manifest';
import {
  renderArticlePage,
  rebuildSite,
  sourcePath,
  WritePool,
  type SiteSettings,
} from '../src/core/publish/static/site';
import { seedArchive, shortPayload, syntheticArchive } from '../src/core/publish/static/testSite';
import { tempDir } from '../src/core/testkit';
import type { NotedRow } from './editor.bench';
import { interleave, summarize } from './lib/stats';

/**
 * Each timed rebuild starts with the disk idle: what the previous one left to write back is flushed
 * first, outside the timing, or it would be charged to whichever ran next.
 */
function settleDisk(): void {
  if (process.platform !== 'win32') spawnSync('sync');
}

const settingsTitled = (siteTitle: string): SiteSettings => ({
  siteTitle,
  baseUrl: null,
  now: () => new Date('2026-12-01T00:00:00Z'),
});

// The static site at a decade's archive. One short article (one image) published into a site of
// 10,000 articles against the same into a site of 100, in the same run: target ≤ 1.5× at p50 and
// p95. And a whole-site rebuild of 10,000 articles (a new title: every page changes) against
// rendering the same pages from the same stored bodies in a bare loop and writing them as the site
// writes a file (on this disk creating a file costs several times rendering its page): target ≤ 1.3×.
export async function benchStatic({
  large = 10_000,
  small = 100,
  publishes = 20,
  rebuilds = 5,
}: { large?: number; small?: number; publishes?: number; rebuilds?: number } = {}): Promise<NotedRow[]> {
  const roots = {
    small: tempDir('bientap-bench-static-'),
    large: tempDir('bientap-bench-static-'),
    bare: tempDir('bientap-bench-static-'),
  };
  try {
    const big = syntheticArchive(large);
    const bigManifest = seedArchive(roots.large, big.entries, big.sources);
    const view: EntryView = { count: large, at: (position) => Promise.resolve(big.entries[position]!) };
    const files = new SiteFiles(roots.large);
    const bare = new SiteFiles(roots.bare);
    const titles = ['Tin tức — Phòng Văn hóa & Thông tin TP Huế', 'Cổng tin Huế'];
    let manifest = bigManifest;
    const rebuilt = await interleave(rebuilds, {
      // The same pages rendered from the same stored bodies and written the way the site writes every
      // file (through a temporary file, flushed, renamed; the same number in flight), with nothing
      // else: no page on disk compared, no archive file, no journal.
      bare: async (round) => {
        const settings = settingsTitled(titles[round % 2]!);
        settleDisk();
        const start = performance.now();
        const writes = new WritePool(bare);
        for (let position = 0; position < large; position++) {
          const entry = big.entries[position]!;
          const stored = JSON.parse(
            readFileSync(path.join(roots.large, sourcePath(entry.id)), 'utf8'),
          ) as ArticleSource;
          const html = renderArticlePage(entry, stored, await neighboursAt(view, position), settings);
          await writes.add(`bai-viet/${entry.slug}.html`, html);
        }
        const pages = archivePageCount(large);
        for (let k = 1; k <= pages; k++) {
          const entries = big.entries.slice((k - 1) * INDEX_PAGE_SIZE, k * INDEX_PAGE_SIZE).reverse();
          await writes.add(`trang/${k}.html`, renderIndexPage(entries, k, pages, settings.siteTitle));
        }
        await writes.drain();
        return performance.now() - start;
      },
      rebuild: async (round) => {
        settleDisk();
        const start = performance.now();
        manifest = await rebuildSite(files, manifest, settingsTitled(titles[round % 2]!));
        return performance.now() - start;
      },
    });
    const siteTitle = titles[(rebuilds - 1) % 2]!;

    const few = syntheticArchive(small);
    await rebuildSite(
      new SiteFiles(roots.small),
      seedArchive(roots.small, few.entries, few.sources),
      settingsTitled(siteTitle),
    );
    const adapters = {
      small: createStaticAdapter({ folder: roots.small, siteTitle, now: () => new Date('2026-12-01T00:00:00Z') }),
      large: createStaticAdapter({ folder: roots.large, siteTitle, now: () => new Date('2026-12-01T00:00:00Z') }),
    };
    const payloads = await Promise.all(
      Array.from({ length: publishes * 2 }, (_, n) =>
        shortPayload(n + 1, { publishedAt: new Date(Date.UTC(2026, 11, 1) + n * 60_000) }),
      ),
    );
    const published = await interleave(publishes, {
      small: async (round) => {
        await adapters.small.publish(payloads[round * 2]!, null, {});
      },
      large: async (round) => {
        await adapters.large.publish(payloads[round * 2 + 1]!, null, {});
      },
    });

    const publish = summarize(published.large!);
    const rebuild = summarize(rebuilt.rebuild!);
    return [
      {
        name: `đăng một bài ngắn (một ảnh) vào trang tĩnh đã có ${large.toLocaleString('vi-VN')} bài`,
        measured: publish,
        baseline: summarize(published.small!),
        baselineName: `cùng việc đó khi trang có ${small} bài`,
        unit: 'ms',
        notes: ['mục tiêu: tỉ lệ ≤ 1,5× ở p50 và p95'],
      },
      {
        name: `dựng lại toàn bộ trang tĩnh ${large.toLocaleString('vi-VN')} bài (đổi tên trang: mọi trang đổi)`,
        measured: rebuild,
        baseline: summarize(rebuilt.bare!),
        baselineName:
          'đọc nội dung đã lưu, dựng và ghi cùng các trang (bài, lưu trữ) trong một vòng lặp trần, cùng cách ghi tệp',
        unit: 'ms',
        notes: ['mục tiêu: tỉ lệ ≤ 1,3×'],
      },
    ];
  } finally {
    for (const root of Object.values(roots)) rmSync(root, { recursive: true, force: true });
  }
}
