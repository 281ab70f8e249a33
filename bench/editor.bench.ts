import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { chromium, type Browser, type Page } from '@playwright/test';
import sharp from 'sharp';
import { build } from 'vite';
import { CHROMIUM_ARGS } from '../scripts/lib/chromium.mjs';
import { ARTICLE, PHOTO, articleHtml, benchArticle } from './editor/article';
import type { BenchRow } from './autosave.bench';
import { summarize, type Summary } from './lib/stats';

/** A row may end with lines of its own: the verdicts against the targets. */
export type NotedRow = BenchRow & { notes?: string[] };

/** Keys typed at each position in each editor: enough for a p95, few enough for a short run. */
const KEYS_PER_POSITION = 800;
/** Keys are typed in chunks, editor after editor, so drift in the machine hits all of them alike. */
const CHUNKS = 10;
/** Opens per editor, editor after editor: enough for a p50 that one slow open does not move. */
const OPENS = 7;
/**
 * `BIENTAP_BENCH_EDITOR=open` measures only opening (and the heap after it), more times, and
 * skips typing: a quick loop while working on what opening costs. `BIENTAP_BENCH_EDITOR_PROFILE=DIR`
 * writes a CPU profile of every open into DIR (`<page>.cpuprofile`, the last open of each page).
 */
const OPEN_ONLY = process.env.BIENTAP_BENCH_EDITOR === 'open';
const OPENS_ONLY = 11;
const PROFILE_DIR = process.env.BIENTAP_BENCH_EDITOR_PROFILE;
/** Targets for opening the article: time until editable (p50) and JS heap after GC, against bare Lexical. */
const OPEN_TARGET = 1.3;
const HEAP_TARGET = 1.5;
const FRAME_MS = 1000 / 60;
const TEXT = 'bao chi hue ';

const VARIANTS = ['bientap', 'lexical', 'plain', 'bientap-proof', 'bientap-live'] as const;
type Variant = (typeof VARIANTS)[number];
const LABEL: Record<Variant, string> = {
  bientap: 'Biên Tập',
  lexical: 'Lexical trần',
  plain: 'contenteditable',
  'bientap-proof': 'Biên Tập + soát lỗi',
  'bientap-live': 'Biên Tập gắn tài liệu chung',
};
const POSITIONS = ['end', 'middle'] as const;
const WHERE: Record<(typeof POSITIONS)[number], string> = { end: 'cuối bài', middle: 'giữa bài' };

const PAGES = fileURLToPath(new URL('./editor/pages/', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
};

/** Builds the pages into `outDir` (a temp folder; nothing built here is kept). */
async function buildPages(outDir: string): Promise<void> {
  await build({
    root: PAGES,
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'esnext',
      // One bundle per page is the point here, not a warning.
      chunkSizeWarningLimit: 10_000,
      rollupOptions: { input: Object.fromEntries(VARIANTS.map((v) => [v, join(PAGES, `${v}.html`)])) },
    },
  });
}

function serve(dir: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    try {
      const body = readFileSync(join(dir, path));
      response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** What bench/editor/pages/bientap-proof.tsx records of the checks the proofreading panel asked for. */
interface ProofStats {
  checks: number;
  findings: number;
  blocks: number;
  ms: number[];
}

const proofStats = (page: Page) => page.evaluate(() => (window as unknown as { benchProof: ProofStats }).benchProof);

interface Opened {
  page: Page;
  openMs: number[];
  heapMb: number;
}

/** Opens the article on a fresh page and resolves with the page and the ms until it was editable. */
async function openOnce(browser: Browser, url: string): Promise<{ page: Page; ms: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`  lỗi trên trang: ${error.message}`));
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as Paged).bench !== undefined);
  if (!PROFILE_DIR) return { page, ms: await page.evaluate(() => (window as unknown as Paged).bench!.open()) };
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const ms = await page.evaluate(() => (window as unknown as Paged).bench!.open());
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  writeFileSync(
    join(PROFILE_DIR, `${new URL(url).pathname.slice(1, -'.html'.length)}.cpuprofile`),
    JSON.stringify(profile),
  );
  return { page, ms };
}

/** The JS heap of a page after a full garbage collection. */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

/**
 * Opens the article `opens` times on fresh pages in each editor, editor after editor, so drift in
 * the machine hits all of them alike. The last page of each stays open for typing, once `settle`
 * resolves on it; its heap is measured then.
 */
async function openAll(
  browser: Browser,
  urls: Record<Variant, string>,
  opens: number,
  settle: Partial<Record<Variant, (page: Page) => Promise<void>>>,
): Promise<Record<Variant, Opened>> {
  const pages = {} as Record<Variant, Page>;
  const openMs = Object.fromEntries(VARIANTS.map((v) => [v, [] as number[]])) as Record<Variant, number[]>;
  for (let i = 0; i < opens; i++) {
    for (const variant of VARIANTS) {
      await pages[variant]?.context().close();
      const { page, ms } = await openOnce(browser, urls[variant]);
      pages[variant] = page;
      openMs[variant].push(ms);
    }
  }
  const opened = {} as Record<Variant, Opened>;
  for (const variant of VARIANTS) {
    await settle[variant]?.(pages[variant]);
    opened[variant] = { page: pages[variant], openMs: openMs[variant], heapMb: await heapAfterGc(pages[variant]) };
  }
  return opened;
}

async function typeChunk(page: Page, where: 'end' | 'middle', keys: number, typedBefore: number): Promise<void> {
  await page.bringToFront();
  await page.evaluate((w) => (window as unknown as Paged).bench!.place(w), where);
  // Let the editor take the new selection before the first key.
  await page.waitForTimeout(100);
  for (let i = 0; i < keys; i++) {
    await page.keyboard.type(TEXT[(typedBefore + i) % TEXT.length]!);
    await page.evaluate((n) => (window as unknown as Paged).bench!.settled(n), typedBefore + i + 1);
  }
  // What the pause after typing sets off runs now, not over the next editor's keys.
  await page.evaluate(() => (window as unknown as Paged).bench!.quiet());
}

/** What bench/editor/pages/harness.ts puts on each page's window. */
interface Paged {
  bench?: {
    open(): Promise<number>;
    place(where: 'end' | 'middle'): void;
    settled(count: number): Promise<void>;
    samples(): { commit: number[]; paint: number[] };
    quiet(): Promise<void>;
  };
}

/** The opening rows (time until editable, heap after GC), the last one ending with the verdicts. */
function openResults(opened: Record<Variant, Opened>): NotedRow[] {
  const opens = opened.bientap.openMs.length;
  const openRow = (variant: Variant, baseline: Variant): NotedRow => ({
    name: `mở bài (→ soạn được, ${opens} lần trên trang mới): ${LABEL[variant]} so với ${LABEL[baseline]}`,
    measured: summarize(opened[variant].openMs),
    baseline: summarize(opened[baseline].openMs),
    baselineName: LABEL[baseline],
    unit: 'ms',
  });
  const heap = (variant: Variant) => ({ p50: opened[variant].heapMb, p95: opened[variant].heapMb });
  const heapRow = (variant: Variant, baseline: Variant): NotedRow => ({
    name: `bộ nhớ JS sau khi mở (sau GC): ${LABEL[variant]} so với ${LABEL[baseline]}`,
    measured: heap(variant),
    baseline: heap(baseline),
    baselineName: LABEL[baseline],
    unit: 'MB',
  });
  const rows = [
    openRow('bientap', 'lexical'),
    openRow('lexical', 'plain'),
    openRow('bientap-proof', 'bientap'),
    openRow('bientap-live', 'lexical'),
    heapRow('bientap', 'lexical'),
    heapRow('lexical', 'plain'),
    heapRow('bientap-proof', 'bientap'),
    heapRow('bientap-live', 'lexical'),
  ];
  const verdict = (ok: boolean) => (ok ? 'ĐẠT' : 'CHƯA ĐẠT');
  const notes: string[] = [];
  const bare = summarize(opened.lexical.openMs).p50;
  const openRatio = (variant: Variant) => summarize(opened[variant].openMs).p50 / bare;
  const heapRatio = (variant: Variant) => opened[variant].heapMb / opened.lexical.heapMb;
  notes.push(
    `mở bài, ${LABEL.bientap}: p50 = ${openRatio('bientap').toFixed(2)}× Lexical trần ` +
      `(mục tiêu ≤ ${OPEN_TARGET.toFixed(2)}×) ${verdict(openRatio('bientap') <= OPEN_TARGET)}; ` +
      `bộ nhớ JS = ${heapRatio('bientap').toFixed(2)}× Lexical trần (mục tiêu ≤ ${HEAP_TARGET.toFixed(2)}×) ` +
      `${verdict(heapRatio('bientap') <= HEAP_TARGET)}`,
  );
  // The page checks the text in its own thread and holds the proofreader's tables, which the app
  // keeps in the core: its heap is shown, not held to the target.
  notes.push(
    `mở bài, ${LABEL['bientap-proof']}: p50 = ${openRatio('bientap-proof').toFixed(2)}× Lexical trần ` +
      `(mục tiêu ≤ ${OPEN_TARGET.toFixed(2)}×) ${verdict(openRatio('bientap-proof') <= OPEN_TARGET)}; ` +
      `bộ nhớ JS = ${heapRatio('bientap-proof').toFixed(2)}× Lexical trần (gồm bộ soát lỗi chạy trong trang đo; ` +
      `trong ứng dụng nó chạy ở lõi)`,
  );
  notes.push(
    `mở bài, ${LABEL['bientap-live']}: p50 = ${openRatio('bientap-live').toFixed(2)}× Lexical trần ` +
      `(mục tiêu ≤ ${OPEN_TARGET.toFixed(2)}×) ${verdict(openRatio('bientap-live') <= OPEN_TARGET)}; ` +
      `bộ nhớ JS = ${heapRatio('bientap-live').toFixed(2)}× Lexical trần (gồm bản tài liệu chung trong trang)`,
  );
  if (OPEN_ONLY)
    for (const variant of VARIANTS)
      notes.push(
        `${LABEL[variant]}: mở ${opened[variant].openMs.map((t) => t.toFixed(0)).join(' / ')} ms; ` +
          `bộ nhớ JS ${opened[variant].heapMb.toFixed(1)} MB`,
      );
  rows.at(-1)!.notes = notes;
  return rows;
}

const ms = (s: Summary) => `p50 ${s.p50.toFixed(2)} ms  p95 ${s.p95.toFixed(2)} ms`;

/**
 * Typing latency and opening cost of the article editor on a 10,000-word article with 20
 * images and 5 tables, against a bare Lexical editor and a plain contenteditable holding the
 * same content, all measured in the same run in the same Chromium.
 */
export async function benchEditor(): Promise<NotedRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bientap-bench-editor-'));
  let server: Server | null = null;
  let browser: Browser | null = null;
  try {
    const photo = await sharp({
      create: { ...PHOTO, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 30 } },
    })
      .jpeg({ quality: 80 })
      .toBuffer();
    const state = benchArticle(createHash('sha256').update(photo).digest('hex'));
    const site = join(dir, 'site');
    await buildPages(site);
    writeFileSync(join(site, 'article.json'), JSON.stringify(state));
    writeFileSync(join(site, 'article.html'), articleHtml(state, '/photo.jpg'));
    writeFileSync(join(site, 'photo.jpg'), photo);
    server = await serve(site);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const blocks = state.root.children.length;
    console.log(
      `  bài: ${ARTICLE.words.toLocaleString('vi')} từ, ${ARTICLE.images} ảnh, ${ARTICLE.tables} bảng (${blocks} khối); ` +
        `${KEYS_PER_POSITION} phím mỗi vị trí mỗi trình soạn`,
    );

    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      headless: true,
    });
    // The panel checks the whole article once it opens; its memory and the typing are measured after that,
    // as a writer would start typing.
    const firstCheck = async (page: Page) =>
      void (await page.waitForFunction(
        () => ((window as unknown as { benchProof?: ProofStats }).benchProof?.checks ?? 0) > 0,
        undefined,
        { timeout: 30_000 },
      ));
    const urls = Object.fromEntries(VARIANTS.map((v) => [v, `${base}/${v}.html?blocks=${blocks}`])) as Record<
      Variant,
      string
    >;
    const opened = await openAll(browser, urls, OPEN_ONLY ? OPENS_ONLY : OPENS, { 'bientap-proof': firstCheck });
    const openRows = openResults(opened);
    if (OPEN_ONLY) return openRows;
    const proofPage = opened['bientap-proof'].page;
    const proofBefore = await proofStats(proofPage);

    const perChunk = Math.ceil(KEYS_PER_POSITION / CHUNKS);
    const typed: Record<Variant, number> = { bientap: 0, lexical: 0, plain: 0, 'bientap-proof': 0, 'bientap-live': 0 };
    const ranges = {} as Record<Variant, Record<(typeof POSITIONS)[number], [number, number]>>;
    for (const variant of VARIANTS) ranges[variant] = { end: [0, 0], middle: [0, 0] };
    for (const where of POSITIONS) {
      for (const variant of VARIANTS) ranges[variant][where][0] = typed[variant];
      for (let chunk = 0; chunk < CHUNKS; chunk++) {
        for (const variant of VARIANTS) {
          const keys = Math.min(perChunk, KEYS_PER_POSITION - chunk * perChunk);
          await typeChunk(opened[variant].page, where, keys, typed[variant]);
          typed[variant] += keys;
        }
      }
      for (const variant of VARIANTS) ranges[variant][where][1] = typed[variant];
    }

    // Every editor must hold what was typed, where it was typed: otherwise the timings measured nothing.
    for (const variant of VARIANTS) {
      const text = await opened[variant].page.evaluate(
        () => document.querySelector('[contenteditable="true"]')?.textContent ?? '',
      );
      if (!text.includes(TEXT.repeat(3))) throw new Error(`${LABEL[variant]}: the typed text is not in the article.`);
    }
    // The live editor sent what was typed (after its pause): otherwise its binding wrote nothing.
    const livePage = opened['bientap-live'].page;
    await livePage.waitForTimeout(600);
    const held = await livePage.evaluate(() => (window as unknown as { benchHeld: () => string }).benchHeld());
    if (!held.includes(TEXT.repeat(3))) throw new Error(`${LABEL['bientap-live']}: what was typed was not sent.`);
    // Each chunk ends in a pause the panel checks after, the last one included.
    const proof = await proofStats(proofPage);
    const underlined = await proofPage.evaluate(() =>
      [...CSS.highlights.values()].reduce((n, highlight) => n + highlight.size, 0),
    );
    // Without checks while typing, and findings from them, the panel's rows measured an idle panel.
    if (proof.checks - proofBefore.checks < CHUNKS * POSITIONS.length || proof.findings === 0)
      throw new Error(`${LABEL['bientap-proof']}: the text was not proofread after each burst of typing.`);
    const samples = {} as Record<Variant, { commit: number[]; paint: number[] }>;
    for (const variant of VARIANTS)
      samples[variant] = await opened[variant].page.evaluate(() => (window as unknown as Paged).bench!.samples());

    const rows: NotedRow[] = [];
    const verdicts: string[] = [];
    for (const where of POSITIONS) {
      const pick = (variant: Variant, kind: 'commit' | 'paint') =>
        summarize(samples[variant][kind].slice(...ranges[variant][where]));
      const commit = {
        bientap: pick('bientap', 'commit'),
        lexical: pick('lexical', 'commit'),
        plain: pick('plain', 'commit'),
        'bientap-proof': pick('bientap-proof', 'commit'),
        'bientap-live': pick('bientap-live', 'commit'),
      };
      const paint = {
        bientap: pick('bientap', 'paint'),
        lexical: pick('lexical', 'paint'),
        plain: pick('plain', 'paint'),
        'bientap-proof': pick('bientap-proof', 'paint'),
        'bientap-live': pick('bientap-live', 'paint'),
      };
      const row = (what: string, measured: Variant, baseline: Variant, s: Record<Variant, Summary>): BenchRow => ({
        name: `gõ ở ${WHERE[where]}, ${what}: ${LABEL[measured]} so với ${LABEL[baseline]}`,
        measured: s[measured],
        baseline: s[baseline],
        baselineName: LABEL[baseline],
        unit: 'ms',
      });
      rows.push(row('phím → cập nhật xong', 'bientap', 'lexical', commit));
      rows.push(row('phím → cập nhật xong', 'lexical', 'plain', commit));
      rows.push(row('phím → khung hình kế tiếp', 'bientap', 'plain', paint));
      rows.push(row('phím → khung hình kế tiếp', 'lexical', 'plain', paint));
      rows.push(row('phím → cập nhật xong', 'bientap-proof', 'lexical', commit));
      rows.push(row('phím → khung hình kế tiếp', 'bientap-proof', 'plain', paint));
      rows.push(row('phím → cập nhật xong', 'bientap-live', 'lexical', commit));
      rows.push(row('phím → khung hình kế tiếp', 'bientap-live', 'plain', paint));
      const verdict = (measured: Variant, what: string) => {
        const commitRatio = commit[measured].p95 / commit.lexical.p95;
        const paintOver = paint[measured].p95 - paint.plain.p95;
        verdicts.push(
          `gõ ở ${WHERE[where]}${what}: cập nhật p95 = ${commitRatio.toFixed(2)}× Lexical trần (mục tiêu ≤ 1.20×) ` +
            `${commitRatio <= 1.2 ? 'ĐẠT' : 'CHƯA ĐẠT'}; khung hình p95 = contenteditable + ${paintOver.toFixed(2)} ms ` +
            `(mục tiêu ≤ +${FRAME_MS.toFixed(1)} ms) ${paintOver <= FRAME_MS ? 'ĐẠT' : 'CHƯA ĐẠT'}`,
        );
      };
      verdict('bientap', '');
      verdict('bientap-proof', `, ${LABEL['bientap-proof']}`);
      verdict('bientap-live', `, ${LABEL['bientap-live']}`);
    }
    rows.push(...openRows);
    verdicts.push(...(openRows.at(-1)!.notes ?? []));
    delete openRows.at(-1)!.notes;
    for (const variant of VARIANTS)
      verdicts.push(
        `${LABEL[variant]}: mở ${opened[variant].openMs.map((t) => t.toFixed(0)).join(' / ')} ms; ` +
          `bộ nhớ JS ${opened[variant].heapMb.toFixed(1)} MB; cập nhật ${ms(summarize(samples[variant].commit))}; ` +
          `khung hình ${ms(summarize(samples[variant].paint))} (cả hai vị trí)`,
      );
    const checkMs = summarize(proof.ms.slice(proofBefore.checks));
    verdicts.push(
      `${LABEL['bientap-proof']}: soát ${proof.checks - proofBefore.checks} lần khi ngừng gõ giữa các đợt phím ` +
        `(lần đầu khi mở: ${proof.ms[0]!.toFixed(0)} ms, ${proofBefore.findings} lỗi); ` +
        `lần cuối ${proof.findings} lỗi trên ${proof.blocks} khối, ` +
        `${underlined} chỗ gạch chân; mỗi lần soát lại ${ms(checkMs)} (trong luồng của trang)`,
    );
    rows.at(-1)!.notes = verdicts;
    return rows;
  } finally {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    rmSync(dir, { recursive: true, force: true });
  }
}
