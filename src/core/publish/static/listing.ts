import { escapeAttr, escapeText, renderPager, resolveImages } from './html';
import {
  articlePath,
  FEED_PATH,
  FEED_SIZE,
  INDEX_PAGE_SIZE,
  indexPageCount,
  indexPath,
  relativeHref,
  STYLESHEET_PATH,
} from './layout';
import type { ArticleSource, SiteEntry } from './manifest';
import { pageHead, siteFooter, siteHeader, timeTag } from './page';

/** Index page `page` (1-based) of `sorted` (newest first). */
export function renderIndexPage(sorted: readonly SiteEntry[], page: number, siteTitle: string): string {
  const here = indexPath(page);
  const href = (to: string) => relativeHref(here, to);
  const total = indexPageCount(sorted.length);
  const slice = sorted.slice((page - 1) * INDEX_PAGE_SIZE, page * INDEX_PAGE_SIZE);
  const items = slice.map((entry) => {
    const link = href(articlePath(entry.slug));
    const image = entry.featured
      ? `<a class="anh-nho" href="${escapeAttr(link)}"><img src="${escapeAttr(href(entry.featured.file))}" alt="${escapeAttr(entry.featured.alt)}" width="${entry.featured.width}" height="${entry.featured.height}"></a>`
      : '';
    return [
      '<li class="tin">',
      image,
      '<div>',
      `<h2><a href="${escapeAttr(link)}">${escapeText(entry.title)}</a></h2>`,
      `<p class="ngay">${timeTag(new Date(entry.publishedAt))}</p>`,
      entry.summary ? `<p>${escapeText(entry.summary)}</p>` : '',
      '</div>',
      '</li>',
    ]
      .filter(Boolean)
      .join('');
  });
  const heading = page > 1 ? `Tin bài — trang ${page}` : 'Tin bài';
  return [
    pageHead(page > 1 ? `${siteTitle} — trang ${page}` : siteTitle, {
      stylesheet: { href: href(STYLESHEET_PATH) },
      feedHref: href(FEED_PATH),
    }),
    '<body>',
    siteHeader(siteTitle, href(indexPath(1))),
    '<main>',
    '<section class="danh-sach">',
    `<h1>${escapeText(heading)}</h1>`,
    items.length ? `<ol>\n${items.join('\n')}\n</ol>` : '<p>Chưa có bài viết nào.</p>',
    renderPager(total, page, (to) => href(indexPath(to))),
    '</section>',
    '</main>',
    siteFooter(href(indexPath(1)), href(FEED_PATH)),
    '</body>',
    '</html>',
    '',
  ]
    .filter((line, index, lines) => line !== '' || index === lines.length - 1)
    .join('\n');
}

function atomId(articleId: string): string {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(articleId)
    ? `urn:uuid:${articleId.toLowerCase()}`
    : `urn:bientap:bai-viet:${encodeURIComponent(articleId)}`;
}

/**
 * The Atom feed of the newest articles. Links are absolute under `baseUrl`; without one they are
 * relative to the feed, which Atom readers resolve against where they fetched it.
 */
export function renderFeed(
  sorted: readonly SiteEntry[],
  sources: ReadonlyMap<string, ArticleSource>,
  options: { siteTitle: string; baseUrl: string | null; siteId: string; now: Date },
): string {
  const url = (path: string) => (options.baseUrl ? new URL(path, options.baseUrl).href : path);
  const newest = sorted.slice(0, FEED_SIZE);
  const updated = newest.reduce((latest, entry) => (entry.updatedAt > latest ? entry.updatedAt : latest), '');
  const entries = newest.map((entry) => {
    const source = sources.get(entry.id);
    const images = new Map(entry.images.map((image) => [image.hash, image.file]));
    const body = source ? resolveImages(source.html, (hash) => url(images.get(hash) ?? '')) : '';
    return [
      '<entry>',
      `<id>${escapeText(atomId(entry.id))}</id>`,
      `<title>${escapeText(entry.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${escapeAttr(url(articlePath(entry.slug)))}"/>`,
      `<published>${entry.publishedAt}</published>`,
      `<updated>${entry.updatedAt}</updated>`,
      entry.byline ? `<author><name>${escapeText(entry.byline)}</name></author>` : '',
      source?.category ? `<category term="${escapeAttr(source.category)}"/>` : '',
      entry.summary ? `<summary>${escapeText(entry.summary)}</summary>` : '',
      body ? `<content type="html">${escapeText(body)}</content>` : '',
      '</entry>',
    ]
      .filter(Boolean)
      .join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">',
    `<title>${escapeText(options.siteTitle)}</title>`,
    `<id>${escapeText(options.baseUrl ?? `urn:uuid:${options.siteId}`)}</id>`,
    `<updated>${updated || options.now.toISOString()}</updated>`,
    `<author><name>${escapeText(options.siteTitle)}</name></author>`,
    options.baseUrl ? `<link rel="self" type="application/atom+xml" href="${escapeAttr(url(FEED_PATH))}"/>` : '',
    `<link rel="alternate" type="text/html" href="${escapeAttr(url(indexPath(1)))}"/>`,
    '<generator>Biên Tập</generator>',
    ...entries,
    '</feed>',
    '',
  ]
    .filter((line, index, lines) => line !== '' || index === lines.length - 1)
    .join('\n');
}
