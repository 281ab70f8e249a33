import { joined, markup, type SafeHtml } from '../html';
import { archivePath, FRONT_PATH, PAGE_COUNT_SCRIPT_PATH } from './layout';

/** Where a pager stands: an article's page, the front page, or archive page `k`. */
export type PagerPlace = 'article' | 'front' | number;

/**
 * The portal's pager (`<< < 1 2 3 4 5 > >>`). What a page can say for good is written into it: the
 * links to the newest and oldest pages and to its neighbours. The numbers, which move each time the
 * archive grows by a page, are filled in by the site's script from `assets/so-trang.js`, so no page
 * has to be written again when a page is added. An article page carries the numbers only.
 *
 * `archivePages` is how many pages sit under `trang/` (the front page shows the rest); `href`
 * turns a site path into a link from the page being written.
 */
export function renderPager(place: PagerPlace, archivePages: number, href: (sitePath: string) => string): SafeHtml {
  const link = (to: string, label: SafeHtml, name: string) =>
    markup`<a href="${href(to)}" aria-label="${name}">${label}</a>`;
  const parts: SafeHtml[] = [];
  if (place === 'front') {
    if (archivePages >= 1) parts.push(link(archivePath(archivePages), markup`&rsaquo;`, 'Trang sau'));
    if (archivePages >= 2) parts.push(link(archivePath(1), markup`&raquo;`, 'Trang cuối'));
  } else if (place !== 'article') {
    const newer = place >= archivePages ? FRONT_PATH : archivePath(place + 1);
    parts.push(link(FRONT_PATH, markup`&laquo;`, 'Trang đầu'), link(newer, markup`&lsaquo;`, 'Trang trước'));
    if (place > 1) {
      parts.push(link(archivePath(place - 1), markup`&rsaquo;`, 'Trang sau'));
      parts.push(link(archivePath(1), markup`&raquo;`, 'Trang cuối'));
    }
  }
  const at = place === 'article' ? 'bai' : place === 'front' ? '0' : String(place);
  // The root of the site from this page, for the script's links.
  const root = href(FRONT_PATH).slice(0, -FRONT_PATH.length);
  return joined(
    [
      markup`<script src="${href(PAGE_COUNT_SCRIPT_PATH)}"></script>`,
      markup`<nav class="phan-trang" aria-label="Các trang danh sách bài" data-trang="${at}" data-goc="${root}">${joined(parts, markup` `)}</nav>`,
    ],
    markup``,
  );
}

/** `assets/so-trang.js`: how many archive pages there are, for the pager's numbers. */
export function pageCountScript(archivePages: number): string {
  return `window.bientapSoTrang = ${archivePages};\n`;
}
