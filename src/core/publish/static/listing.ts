import { resolveImages } from '../images';
import { documentText, lines, markup, type SafeHtml } from '../html';
import { renderPager } from './pager';
import { formatPortalDate } from '../../../shared/date';
import {
  archivePath,
  articlePath,
  FEED_PATH,
  FEED_SIZE,
  FRONT_PATH,
  relativeHref,
  SCRIPT_PATH,
  STYLESHEET_PATH,
} from './layout';
import type { ArticleSource, SiteEntry } from './manifest';
import { pageHead, siteFooter, siteHeader, timeTag } from './page';

/** A list page: the front page (`place` 'front') or archive page `place`, its entries newest first. */
export function renderIndexPage(
  entries: readonly SiteEntry[],
  place: 'front' | number,
  archivePages: number,
  siteTitle: string,
): string {
  const here = place === 'front' ? FRONT_PATH : archivePath(place);
  const href = (to: string) => relativeHref(here, to);
  const items = entries.map((entry) => {
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
  // An archive page keeps its articles for good: it is named by their dates, not by a number that moves.
  const span =
    place === 'front' || entries.length === 0
      ? null
      : `từ ${formatPortalDate(new Date(entries.at(-1)!.publishedAt)).slice(0, 10)} đến ${formatPortalDate(new Date(entries[0]!.publishedAt)).slice(0, 10)}`;
  const heading = span ? `Tin bài ${span}` : 'Tin bài';
  const document = lines(
    pageHead(span ? `${siteTitle} — tin bài ${span}` : siteTitle, {
      stylesheet: { href: href(STYLESHEET_PATH) },
      feedHref: href(FEED_PATH),
      scriptHref: href(SCRIPT_PATH),
    }),
    markup`<body>`,
    siteHeader(siteTitle, href(FRONT_PATH)),
    markup`<main>`,
    markup`<section class="danh-sach">`,
    markup`<h1>${heading}</h1>`,
    items.length ? lines(markup`<ol>`, ...items, markup`</ol>`) : markup`<p>Chưa có bài viết nào.</p>`,
    renderPager(place, archivePages, href),
    markup`</section>`,
    markup`</main>`,
    siteFooter(href(FRONT_PATH), href(FEED_PATH)),
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
 * The Atom feed of the newest articles (`newest`, newest first; the first `FEED_SIZE` are used). Links are absolute under `baseUrl`; without one they are
 * relative to the feed, which Atom readers resolve against where they fetched it.
 */
export function renderFeed(
  newestEntries: readonly SiteEntry[],
  sources: ReadonlyMap<string, ArticleSource>,
  options: { siteTitle: string; baseUrl: string | null; siteId: string; now: Date },
): string {
  const url = (path: string) => (options.baseUrl ? new URL(path, options.baseUrl).href : path);
  const newest = newestEntries.slice(0, FEED_SIZE);
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
    markup`<link rel="alternate" type="text/html" href="${url(FRONT_PATH)}"/>`,
    markup`<generator>Biên Tập</generator>`,
    ...entries,
    markup`</feed>`,
  );
  // Text stored before the contract refused control characters must not make the feed ill-formed.
  return `${documentText(feed)}\n`;
}
