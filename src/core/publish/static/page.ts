import { formatPortalDate } from '../../../shared/date';
import { escapeAttr, escapeText, imageHashesIn, resolveImages } from './html';

export interface PortalImage {
  hash: string;
  width: number;
  height: number;
  alt: string;
}

/** What one article page shows: the published article, its images named by hash. */
export interface PortalArticle {
  title: string;
  summary: string;
  /** Sanitized body HTML, images as `src="bientap-image:<hash>"`. */
  html: string;
  byline: string;
  publishedAt: Date;
  featuredImage: PortalImage | null;
}

export interface OtherArticleLink {
  title: string;
  href: string;
  publishedAt: Date;
}

/** The site's shared stylesheet and script: linked from the static site, inlined or left out in a preview. */
export type StyleOption = { href: string } | { inline: string };

export interface PortalPageOptions {
  siteTitle: string;
  /** Where the page finds each image; the static site passes a relative path, a preview its own URL. */
  imageUrl: (hash: string) => string;
  stylesheet: StyleOption;
  /**
   * The control script's URL. Without it the page is inert (a preview): the controls show as on
   * the portal but do nothing, and nothing runs.
   */
  scriptHref?: string | null;
  homeHref?: string | null;
  feedHref?: string | null;
  /** "Các bài khác": the newest other articles. */
  others?: OtherArticleLink[];
  /** The pager under "Các bài khác", already rendered (see `renderPager`). */
  pagerHtml?: string;
}

export function styleTag(option: StyleOption): string {
  return 'href' in option
    ? `<link rel="stylesheet" href="${escapeAttr(option.href)}">`
    : // A stylesheet cannot close its own <style> element: `</` is the one sequence to keep out.
      `<style>${option.inline.replace(/<\//g, '<\\/')}</style>`;
}

export function timeTag(date: Date, text = formatPortalDate(date)): string {
  return `<time datetime="${date.toISOString()}">${escapeText(text)}</time>`;
}

export function pageHead(
  title: string,
  options: { description?: string; stylesheet: StyleOption; feedHref?: string | null; scriptHref?: string | null },
): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="vi">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeText(title)}</title>`,
    options.description ? `<meta name="description" content="${escapeAttr(options.description)}">` : '',
    '<meta name="generator" content="Biên Tập">',
    styleTag(options.stylesheet),
    options.feedHref
      ? `<link rel="alternate" type="application/atom+xml" title="Tin mới" href="${escapeAttr(options.feedHref)}">`
      : '',
    options.scriptHref ? `<script src="${escapeAttr(options.scriptHref)}" defer></script>` : '',
    '</head>',
  ]
    .filter(Boolean)
    .join('\n');
}

export function siteHeader(siteTitle: string, homeHref: string | null | undefined): string {
  const name = escapeText(siteTitle);
  return `<header class="dau-trang">${homeHref ? `<a href="${escapeAttr(homeHref)}">${name}</a>` : `<span>${name}</span>`}</header>`;
}

export function siteFooter(homeHref: string | null | undefined, feedHref: string | null | undefined): string {
  const links = [
    homeHref ? `<a href="${escapeAttr(homeHref)}">Trang chủ</a>` : '',
    feedHref ? `<a href="${escapeAttr(feedHref)}">Tin mới (Atom)</a>` : '',
  ].filter(Boolean);
  return links.length ? `<footer class="chan-trang">${links.join(' · ')}</footer>` : '';
}

function figure(image: PortalImage, imageUrl: (hash: string) => string): string {
  return [
    '<figure class="anh-dai-dien">',
    `<img src="${escapeAttr(imageUrl(image.hash))}" alt="${escapeAttr(image.alt)}" width="${image.width}" height="${image.height}">`,
    '</figure>',
  ].join('');
}

function controls(interactive: boolean): string {
  // Shipped hidden for the script to reveal; a preview shows them as the reader will see them.
  const hidden = interactive ? ' hidden' : '';
  return [
    '<div class="cong-cu">',
    `<div class="co-chu"${hidden}>Xem cỡ chữ: `,
    '<button type="button" data-co-chu="-1" aria-label="Giảm cỡ chữ">A-</button> ',
    '<button type="button" data-co-chu="0" aria-label="Cỡ chữ mặc định">A</button> ',
    '<button type="button" data-co-chu="1" aria-label="Tăng cỡ chữ">A+</button>',
    '</div>',
    `<div class="doc-bai"${hidden}>Đọc bài viết: `,
    '<button type="button" aria-pressed="false">Nghe</button>',
    '</div>',
    '</div>',
  ].join('');
}

function othersSection(others: OtherArticleLink[], pagerHtml: string): string {
  if (others.length === 0 && !pagerHtml) return '';
  const items = others.map(
    (other) =>
      `<li><a href="${escapeAttr(other.href)}">${escapeText(other.title)}</a> <span class="ngay">(${timeTag(
        other.publishedAt,
        formatPortalDate(other.publishedAt).slice(0, 10),
      )})</span></li>`,
  );
  return [
    '<section class="bai-khac" aria-labelledby="bai-khac">',
    '<h2 id="bai-khac">Các bài khác</h2>',
    items.length ? `<ul>\n${items.join('\n')}\n</ul>` : '',
    pagerHtml,
    '</section>',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * One article laid out like the office portal: title, date line, "Xem cỡ chữ" and "Đọc bài viết",
 * sapo, body, byline, "Các bài khác". The static site writes exactly this; the in-app preview
 * calls it with its own image URLs and an inlined stylesheet.
 */
export function renderPortalPage(article: PortalArticle, options: PortalPageOptions): string {
  const featured = article.featuredImage;
  // A body that already shows the featured image does not need it twice.
  const showFeatured = featured !== null && !imageHashesIn(article.html).includes(featured.hash);
  const interactive = Boolean(options.scriptHref);
  return [
    pageHead(`${article.title} — ${options.siteTitle}`, {
      description: article.summary,
      stylesheet: options.stylesheet,
      feedHref: options.feedHref,
      scriptHref: options.scriptHref,
    }),
    '<body>',
    siteHeader(options.siteTitle, options.homeHref),
    '<main>',
    '<article class="bai-viet">',
    `<h1 class="tieu-de">${escapeText(article.title)}</h1>`,
    `<p class="ngay-dang">${timeTag(article.publishedAt)}</p>`,
    controls(interactive),
    '<div class="noi-dung-bai">',
    article.summary ? `<p class="sapo">${escapeText(article.summary)}</p>` : '',
    showFeatured ? figure(featured, options.imageUrl) : '',
    `<div class="noi-dung">${resolveImages(article.html, options.imageUrl)}</div>`,
    article.byline ? `<p class="tac-gia">${escapeText(article.byline)}</p>` : '',
    '</div>',
    '</article>',
    othersSection(options.others ?? [], options.pagerHtml ?? ''),
    '</main>',
    siteFooter(options.homeHref, options.feedHref),
    '</body>',
    '</html>',
    '',
  ]
    .filter((line, index, lines) => line !== '' || index === lines.length - 1)
    .join('\n');
}
