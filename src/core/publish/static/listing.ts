import { resolveImages } from '../images';
import { documentText, lines, markup, type SafeHtml } from '../html';
import { renderPager } from './pager';
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
    const featured = entry.featured;
    const image = featured
      ? markup`<a class="anh-nho" href="${link}"><img src="${href(featured.file)}" alt="${featured.alt}" width="${featured.width}" height="${featured.height}"></a>`
      : null;
    const parts = [
      markup`<li class="tin">`,
      image,
      markup`<div>`,
      markup`<h2><a href="${link}">${entry.title}</a></h2>`,
      markup`<p class="ngay">${timeTag(new Date(entry.publishedAt))}</p>`,
      entry.summary ? markup`<p>${entry.summary}</p>` : null,
      markup`</div>`,
      markup`</li>`,
    ];
    return markup`${parts}`;
  });
  const heading = page > 1 ? `Tin bài — trang ${page}` : 'Tin bài';
  const document = lines(
    pageHead(page > 1 ? `${siteTitle} — trang ${page}` : siteTitle, {
      stylesheet: { href: href(STYLESHEET_PATH) },
      feedHref: href(FEED_PATH),
    }),
    markup`<body>`,
    siteHeader(siteTitle, href(indexPath(1))),
    markup`<main>`,
    markup`<section class="danh-sach">`,
    markup`<h1>${heading}</h1>`,
    items.length ? lines(markup`<ol>`, ...items, markup`</ol>`) : markup`<p>Chưa có bài viết nào.</p>`,
    renderPager(total, page, (to) => href(indexPath(to))),
    markup`</section>`,
    markup`</main>`,
    siteFooter(href(indexPath(1)), href(FEED_PATH)),
    markup`</body>`,
    markup`</html>`,
  );
  return `${documentText(document)}\n`;
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
    return lines(
      markup`<entry>`,
      markup`<id>${atomId(entry.id)}</id>`,
      markup`<title>${entry.title}</title>`,
      markup`<link rel="alternate" type="text/html" href="${url(articlePath(entry.slug))}"/>`,
      markup`<published>${entry.publishedAt}</published>`,
      markup`<updated>${entry.updatedAt}</updated>`,
      entry.byline !== '' && markup`<author><name>${entry.byline}</name></author>`,
      Boolean(source?.category) && markup`<category term="${source?.category}"/>`,
      entry.summary !== '' && markup`<summary>${entry.summary}</summary>`,
      // The body travels as text: escaped once more, the way Atom carries `type="html"`.
      body !== '' && markup`<content type="html">${body}</content>`,
      markup`</entry>`,
    );
  });
  const feed: SafeHtml = lines(
    markup`<?xml version="1.0" encoding="utf-8"?>`,
    markup`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">`,
    markup`<title>${options.siteTitle}</title>`,
    markup`<id>${options.baseUrl ?? `urn:uuid:${options.siteId}`}</id>`,
    markup`<updated>${updated || options.now.toISOString()}</updated>`,
    markup`<author><name>${options.siteTitle}</name></author>`,
    Boolean(options.baseUrl) && markup`<link rel="self" type="application/atom+xml" href="${url(FEED_PATH)}"/>`,
    markup`<link rel="alternate" type="text/html" href="${url(indexPath(1))}"/>`,
    markup`<generator>Biên Tập</generator>`,
    ...entries,
    markup`</feed>`,
  );
  // Text stored before the contract refused control characters must not make the feed ill-formed.
  return `${documentText(feed)}\n`;
}
