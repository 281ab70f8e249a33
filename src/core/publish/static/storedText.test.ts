/**
 * Text stored before the contract refused control characters (or written around it) must still
 * publish as a well-formed feed and valid pages: checked with strict parsers over fuzzed text.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EditorState } from '../../../shared/domain';
import { writeArticle, approve } from '../../reviewkit';
import { openSeededCore, tempDir, type TestCore } from '../../testkit';
import { adapterFor } from '../adapters';
import { PublishWorker } from '../worker';
import { FEED_PATH, FRONT_PATH } from './layout';
import { renderFeed, renderIndexPage } from './listing';
import type { ArticleSource, SiteEntry } from './manifest';
import { htmlFiles, validationErrors } from './testSite';
import { VERIFY_PAGE_PATH } from '../../../shared/seal/format';

/** A small deterministic generator, so a failure names the seed that reproduces it. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  ...Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)),
  ...['\u007f', '\u0085', '\u009f', '\ufffe', '\uffff', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d'],
  ...['&', '<', '>', '"', "'", ']]>', '<![CDATA[', '&amp;', '&#1;', '-->', '<!--', '</style>', '</title>'],
  ...['Huế', 'Đêm', 'hoàng cung', ' ', '😀', '\u00a0', '\u200b', '“', '”', 'ệ', '\u0301'],
];

function fuzzedText(next: () => number, prefix: string): string {
  const length = 1 + Math.floor(next() * 40);
  return prefix + Array.from({ length }, () => PIECES[Math.floor(next() * PIECES.length)]).join('');
}

/**
 * What a reader gets of stored text: unpaired surrogates (judged where they stand) and forbidden
 * controls dropped, line breaks as any parser reports them.
 */
function shown(text: string): string {
  return text
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g, '') // eslint-disable-line no-control-regex
    .replace(/\r\n?/g, '\n');
}

/** A stored body cannot hold an unpaired surrogate: its signature's canonical JSON refuses one. */
const withoutSurrogates = (text: string) => text.replace(/[\ud800-\udfff]/g, '');

function strictXml(xml: string): Document {
  const verdict = XMLValidator.validate(xml);
  expect(verdict, JSON.stringify(verdict)).toBe(true);
  // jsdom's XML parser throws on anything not well-formed, too.
  return new JSDOM(xml, { contentType: 'application/xml' }).window.document;
}

describe('stored text with characters XML forbids', () => {
  let core: TestCore;
  let sessions: Record<string, string>;
  let site: string;

  beforeEach(async () => {
    ({ core, sessions } = await openSeededCore());
    site = tempDir('bientap-fuzz-site-');
    await core.call(
      'publishing.targets.save',
      { name: 'Trang tĩnh', enabled: true, config: { kind: 'static', folder: site, baseUrl: '', siteTitle: '' } },
      sessions.quantri,
    );
  });

  afterEach(() => core.close());

  it('publishes a well-formed feed and valid pages from fuzzed titles written straight into the database', async () => {
    const seed = 20261202;
    const next = random(seed);
    const written: { id: string; title: string; summary: string; byline: string; text: string }[] = [];
    for (let n = 0; n < 4; n++) {
      const article = await writeArticle(core, sessions.phongvien!);
      const fields = {
        title: fuzzedText(next, `Bài ${n} `),
        summary: fuzzedText(next, ''),
        byline: fuzzedText(next, 'Tác giả '),
        text: withoutSurrogates(fuzzedText(next, 'Đoạn ')),
      };
      const body = JSON.parse(
        (core.db.prepare('SELECT body_json FROM articles WHERE id = ?').get(article.id) as { body_json: string })
          .body_json,
      ) as EditorState;
      (body.root.children[0]!.children![0] as { text: string }).text = fields.text;
      // Around the contract, as text stored before it refused these characters.
      core.db
        .prepare('UPDATE articles SET title = ?, summary = ?, byline = ?, body_json = ? WHERE id = ?')
        .run(fields.title, fields.summary, fields.byline, JSON.stringify(body), article.id);
      await core.call('workflow.submit', { articleId: article.id }, sessions.phongvien);
      await approve(core, sessions.truongphong!, article.id);
      await core.call('workflow.publish', { articleId: article.id }, sessions.truongphong);
      // What the database holds now (SQLite keeps text as UTF-8: lone surrogates come back as U+FFFD).
      const stored = core.db.prepare('SELECT title, summary, byline FROM articles WHERE id = ?').get(article.id) as {
        title: string;
        summary: string;
        byline: string;
      };
      written.push({ id: article.id, ...stored, text: fields.text });
    }
    const worker = new PublishWorker(core.ctx, { adapterFor: (target) => adapterFor(core.ctx, target) });
    while (await worker.runOnce());
    const { items } = await core.call('publishing.status', { articleId: written[0]!.id }, sessions.truongphong);
    expect(items[0], `seed ${seed}`).toMatchObject({ state: 'done', lastError: null });

    const feed = strictXml(readFileSync(path.join(site, FEED_PATH), 'utf8'));
    const titles = Array.from(feed.querySelectorAll('entry > title'), (title) => title.textContent);
    expect(titles.sort()).toEqual(written.map((article) => shown(article.title)).sort());
    const summaries = Array.from(feed.querySelectorAll('entry > summary'), (summary) => summary.textContent);
    expect(summaries.sort()).toEqual(
      written
        .map((article) => shown(article.summary))
        .filter((summary) => summary !== '')
        .sort(),
    );

    const pages = htmlFiles(site);
    // The articles, the front page and the verification page: all valid.
    expect(pages).toHaveLength(written.length + 2);
    for (const file of pages) {
      const html = readFileSync(path.join(site, file), 'utf8');
      expect(await validationErrors(html, file), `seed ${seed}`).toEqual([]);
      if (file === FRONT_PATH || file === VERIFY_PAGE_PATH) continue;
      const document = new JSDOM(html).window.document;
      const article = written.find((candidate) => shown(candidate.title) === document.querySelector('h1')?.textContent);
      expect(article, file).toBeDefined();
      expect(document.querySelector('.tac-gia')?.textContent).toBe(shown(article!.byline).trim());
      expect(document.querySelector('.noi-dung p')?.textContent).toBe(shown(article!.text));
    }
  });

  it('keeps the feed and the index well-formed for any title, summary and byline', () => {
    const parser = new new JSDOM('').window.DOMParser();
    for (let seed = 1; seed <= 50; seed++) {
      const next = random(seed);
      const entries: SiteEntry[] = Array.from({ length: 3 }, (_, n) => ({
        id: `00000000-0000-4000-8000-${String(seed * 10 + n).padStart(12, '0')}`,
        slug: `bai-${seed}-${n}`,
        title: fuzzedText(next, ''),
        summary: fuzzedText(next, ''),
        byline: fuzzedText(next, ''),
        publishedAt: new Date(Date.UTC(2026, 0, 1) - n * 60_000).toISOString(),
        updatedAt: new Date(Date.UTC(2026, 0, 1)).toISOString(),
        contentHash: 'h',
        stamp: 's',
        featured: null,
        images: [],
        pageHash: 'p',
      }));
      const sources = new Map<string, ArticleSource>(
        entries.map((entry) => [
          entry.id,
          { id: entry.id, html: `<p>${fuzzedText(next, '')}</p>`, category: fuzzedText(next, '') } as ArticleSource,
        ]),
      );
      const siteTitle = fuzzedText(next, '');
      const xml = renderFeed(entries, sources, { siteTitle, baseUrl: null, siteId: 'x', now: new Date() });
      const verdict = XMLValidator.validate(xml);
      expect(verdict, `seed ${seed}: ${JSON.stringify(verdict)}`).toBe(true);
      const feed = parser.parseFromString(xml, 'application/xml');
      expect(feed.querySelector('parsererror')).toBeNull();
      expect(Array.from(feed.querySelectorAll('entry > title'), (title) => title.textContent)).toEqual(
        entries.map((entry) => shown(entry.title)),
      );
      const index = parser.parseFromString(renderIndexPage(entries, 'front', 0, siteTitle), 'text/html');
      expect(Array.from(index.querySelectorAll('.tin h2'), (title) => title.textContent)).toEqual(
        entries.map((entry) => shown(entry.title)),
      );
    }
  });
});
