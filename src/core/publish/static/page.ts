import { formatPortalDate } from '../../../shared/date';
import { imageHashesIn, resolveImages } from '../images';
import { documentText, joined, lines, markup, trusted, type SafeHtml } from '../html';

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
  /** The seal comment (`<!-- bientap:seal=… -->`, checked by the source schema); none in a preview. */
  seal?: string | null;
  /** The signer wrote the article herself: the "Đã ký duyệt" line says so. */
  selfApproved?: boolean;
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
  pagerHtml?: SafeHtml;
  /** The verification page, opened on this page ("kiểm tra" under a sealed article). */
  verifyHref?: string | null;
}

export function styleTag(option: StyleOption): SafeHtml {
  return 'href' in option
    ? markup`<link rel="stylesheet" href="${option.href}">`
    : // A stylesheet cannot close its own <style> element: `</` is the one sequence to keep out.
      markup`<style>${trusted(option.inline.replace(/<\//g, '<\\/'))}</style>`;
}

export function timeTag(date: Date, text = formatPortalDate(date)): SafeHtml {
  return markup`<time datetime="${date.toISOString()}">${text}</time>`;
}

export function pageHead(
  title: string,
  options: { description?: string; stylesheet: StyleOption; feedHref?: string | null; scriptHref?: string | null },
): SafeHtml {
  return lines(
    markup`<!DOCTYPE html>`,
    markup`<html lang="vi">`,
    markup`<head>`,
    markup`<meta charset="utf-8">`,
    markup`<meta name="viewport" content="width=device-width, initial-scale=1">`,
    markup`<title>${title}</title>`,
    options.description ? markup`<meta name="description" content="${options.description}">` : null,
    markup`<meta name="generator" content="Biên Tập">`,
    styleTag(options.stylesheet),
    options.feedHref
      ? markup`<link rel="alternate" type="application/atom+xml" title="Tin mới" href="${options.feedHref}">`
      : null,
    options.scriptHref ? markup`<script src="${options.scriptHref}" defer></script>` : null,
    markup`</head>`,
  );
}

export function siteHeader(siteTitle: string, homeHref: string | null | undefined): SafeHtml {
  const name = homeHref ? markup`<a href="${homeHref}">${siteTitle}</a>` : markup`<span>${siteTitle}</span>`;
  return markup`<header class="dau-trang">${name}</header>`;
}

export function siteFooter(homeHref: string | null | undefined, feedHref: string | null | undefined): SafeHtml {
  const links = [
    homeHref ? markup`<a href="${homeHref}">Trang chủ</a>` : null,
    feedHref ? markup`<a href="${feedHref}">Tin mới (Atom)</a>` : null,
  ].filter((link) => link !== null);
  return links.length ? markup`<footer class="chan-trang">${joined(links, markup` · `)}</footer>` : markup``;
}

function figure(image: PortalImage, imageUrl: (hash: string) => string): SafeHtml {
  const { width, height } = image;
  const img = markup`<img src="${imageUrl(image.hash)}" alt="${image.alt}" width="${width}" height="${height}">`;
  return markup`<figure class="anh-dai-dien">${img}</figure>`;
}

function controls(interactive: boolean): SafeHtml {
  // Shipped hidden for the script to reveal; a preview shows them as the reader will see them.
  const hidden = interactive ? markup` hidden` : markup``;
  return joined(
    [
      markup`<div class="cong-cu">`,
      markup`<div class="co-chu"${hidden}>Xem cỡ chữ: `,
      markup`<button type="button" data-co-chu="-1" aria-label="Giảm cỡ chữ">A-</button> `,
      markup`<button type="button" data-co-chu="0" aria-label="Cỡ chữ mặc định">A</button> `,
      markup`<button type="button" data-co-chu="1" aria-label="Tăng cỡ chữ">A+</button>`,
      markup`</div>`,
      markup`<div class="doc-bai"${hidden}>Đọc bài viết: `,
      markup`<button type="button" aria-pressed="false">Nghe</button>`,
      markup`</div>`,
      markup`</div>`,
    ],
    markup``,
  );
}

/**
 * The one line a reader sees of the seal, under the byline: "Đã ký duyệt · kiểm tra", the link
 * opening a verification page. `data-bientap-ngoai` tells the verifier the line is not part of the
 * signed text, wherever a site has to put it.
 */
export function sealLine(
  selfApproved: boolean,
  verifyHref: string | null | undefined,
  { className = 'dau-ky', style = null }: { className?: string; style?: string | null } = {},
): SafeHtml {
  const signed = selfApproved ? 'Đã ký duyệt (tác giả tự duyệt)' : 'Đã ký duyệt';
  const check = verifyHref ? markup` · <a href="${verifyHref}">kiểm tra</a>` : markup``;
  const styled = style ? markup` style="${style}"` : markup``;
  return markup`<p class="${className}" data-bientap-ngoai=""${styled}>${signed}${check}</p>`;
}

function othersSection(others: OtherArticleLink[], pager: SafeHtml): SafeHtml | null {
  // With no other article there is nothing to list and no other page to go to.
  if (others.length === 0) return null;
  const items = others.map((other) => {
    const date = timeTag(other.publishedAt, formatPortalDate(other.publishedAt).slice(0, 10));
    return markup`<li><a href="${other.href}">${other.title}</a> <span class="ngay">(${date})</span></li>`;
  });
  return lines(
    markup`<section class="bai-khac" aria-labelledby="bai-khac">`,
    markup`<h2 id="bai-khac">Các bài khác</h2>`,
    items.length > 0 && lines(markup`<ul>`, ...items, markup`</ul>`),
    pager,
    markup`</section>`,
  );
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
  // The sanitizer's output: markup already reduced to the allow-list.
  const body = trusted(resolveImages(article.html, options.imageUrl));
  const page = lines(
    pageHead(`${article.title} — ${options.siteTitle}`, {
      description: article.summary,
      stylesheet: options.stylesheet,
      feedHref: options.feedHref,
      scriptHref: options.scriptHref,
    }),
    markup`<body>`,
    siteHeader(options.siteTitle, options.homeHref),
    markup`<main>`,
    markup`<article class="bai-viet">`,
    markup`<h1 class="tieu-de">${article.title}</h1>`,
    markup`<p class="ngay-dang">${timeTag(article.publishedAt)}</p>`,
    controls(interactive),
    markup`<div class="noi-dung-bai">`,
    article.summary !== '' && markup`<p class="sapo">${article.summary}</p>`,
    showFeatured && figure(featured, options.imageUrl),
    markup`<div class="noi-dung">${body}</div>`,
    article.byline !== '' && markup`<p class="tac-gia">${article.byline}</p>`,
    article.seal ? trusted(article.seal) : null,
    markup`</div>`,
    article.seal ? sealLine(article.selfApproved ?? false, options.verifyHref) : null,
    markup`</article>`,
    othersSection(options.others ?? [], options.pagerHtml ?? markup``),
    markup`</main>`,
    siteFooter(options.homeHref, options.feedHref),
    markup`</body>`,
    markup`</html>`,
  );
  return `${documentText(page)}\n`;
}
