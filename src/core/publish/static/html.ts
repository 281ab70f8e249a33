/** Text and attribute values go into the page through these, never by plain concatenation. */
export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

/** `bientap-image:<hash>` inside an attribute value of the sanitized body. */
const IMAGE_REFERENCE = /="bientap-image:([0-9a-f]+)"/g;

/** The body with every image reference pointing where the caller keeps that image. */
export function resolveImages(html: string, imageUrl: (hash: string) => string): string {
  return html.replace(IMAGE_REFERENCE, (_match, hash: string) => `="${escapeAttr(imageUrl(hash))}"`);
}

/** Hashes of the images the body names, once each. */
export function imageHashesIn(html: string): string[] {
  return [...new Set(Array.from(html.matchAll(IMAGE_REFERENCE), (match) => match[1] as string))];
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
export function renderPager(total: number, current: number | null, href: (page: number) => string): string {
  if (total <= 1) return '';
  const at = current ?? 1;
  const first = Math.max(1, Math.min(at - 2, total - 4));
  const last = Math.min(total, first + 4);
  const link = (page: number, label: string, name: string) =>
    `<a href="${escapeAttr(href(page))}" aria-label="${escapeAttr(name)}">${label}</a>`;
  const parts: string[] = [];
  if (current !== null && current > 1) {
    parts.push(link(1, '&laquo;', 'Trang đầu'), link(current - 1, '&lsaquo;', 'Trang trước'));
  }
  for (let page = first; page <= last; page++) {
    parts.push(
      page === current ? `<span aria-current="page">${page}</span>` : `<a href="${escapeAttr(href(page))}">${page}</a>`,
    );
  }
  if (current !== null && current < total) {
    parts.push(link(current + 1, '&rsaquo;', 'Trang sau'), link(total, '&raquo;', 'Trang cuối'));
  }
  return `<nav class="phan-trang" aria-label="Các trang danh sách bài">${parts.join(' ')}</nav>`;
}
