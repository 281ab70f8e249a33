import { html, type SafeHtml } from '@remix-run/html-template';

export type { SafeHtml };

/**
 * Every page and the feed are built with this tag: each `${value}` is escaped (`& < > " '`, so it is
 * safe in text and in a quoted attribute alike) unless it is already a `SafeHtml` made by `markup`,
 * `lines`, `joined` or `trusted`; an array of them is joined. Nothing reaches a page by concatenation.
 * (Not named `html`: Prettier would reformat the fragments as whole HTML documents.)
 */
export const markup = html;

/**
 * Markup that comes from elsewhere and is already safe where it goes: the sanitized article body,
 * the site's own stylesheet. Nothing a user typed may pass through here unsanitized.
 */
export function trusted(fragment: string): SafeHtml {
  return html.raw`${fragment}`;
}

/** One fragment per line, the empty ones (a left-out element) dropped. */
export function lines(...parts: (SafeHtml | null | false | undefined)[]): SafeHtml {
  return trusted(parts.filter((part): part is SafeHtml => Boolean(part) && String(part) !== '').join('\n'));
}

/** The fragments with `separator` (itself markup) between them. */
export function joined(parts: readonly SafeHtml[], separator: SafeHtml): SafeHtml {
  return trusted(parts.join(String(separator)));
}

/**
 * Characters XML 1.0 forbids (controls other than tab and line breaks, U+FFFE/U+FFFF, unpaired
 * surrogates) and the C1 controls HTML reports as errors. Text stored before the contract refused
 * them must still give a well-formed feed and valid pages, so they are dropped on the way out.
 */
const NOT_DOCUMENT_TEXT =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The finished document as text to write: nothing in it a strict parser would refuse. */
export function documentText(document: SafeHtml): string {
  return String(document).replace(NOT_DOCUMENT_TEXT, '');
}

export interface PagerLink {
  page: number;
  href: string;
}

/**
 * The portal's pager (`<< < 1 2 3 4 5 > >>`) over the index pages. `current` is null on an article
 * page, which sits on no index page: it links the first pages only, so it does not change (and every
 * article page need not be rewritten) each time the archive grows by a page.
 */
export function renderPager(total: number, current: number | null, href: (page: number) => string): SafeHtml {
  if (total <= 1) return markup``;
  const at = current ?? 1;
  const first = Math.max(1, Math.min(at - 2, total - 4));
  const last = Math.min(total, first + 4);
  const link = (page: number, label: SafeHtml, name: string) =>
    markup`<a href="${href(page)}" aria-label="${name}">${label}</a>`;
  const parts: SafeHtml[] = [];
  if (current !== null && current > 1) {
    parts.push(link(1, markup`&laquo;`, 'Trang đầu'), link(current - 1, markup`&lsaquo;`, 'Trang trước'));
  }
  for (let page = first; page <= last; page++) {
    parts.push(
      page === current ? markup`<span aria-current="page">${page}</span>` : markup`<a href="${href(page)}">${page}</a>`,
    );
  }
  if (current !== null && current < total) {
    parts.push(link(current + 1, markup`&rsaquo;`, 'Trang sau'), link(total, markup`&raquo;`, 'Trang cuối'));
  }
  return markup`<nav class="phan-trang" aria-label="Các trang danh sách bài">${joined(parts, markup` `)}</nav>`;
}
