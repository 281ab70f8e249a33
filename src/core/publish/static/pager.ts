import { joined, markup, type SafeHtml } from '../html';

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
