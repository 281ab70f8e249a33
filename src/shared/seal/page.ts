import { SEAL_COMMENT_PREFIX } from './format';
import { wordsOf } from './words';

/**
 * What a page shows, read from its DOM through the standard Document/Element interface (a
 * browser's DOMParser and jsdom alike): where its seal sits, the content region around it, the
 * words a reader sees there, the images it shows and its title.
 */

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const COMMENT_NODE = 8;

/** Elements that start a new line on the page: words never run across them. */
const BLOCK_ELEMENTS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'BR',
  'CAPTION',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HGROUP',
  'HR',
  'HTML',
  'LEGEND',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
]);
/** Elements whose content a reader never sees as text. */
const SKIPPED_ELEMENTS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'HEAD', 'TITLE']);
/**
 * Marks an element the publisher writes inside the content region that is not part of the signed
 * text (WordPress: the "Đã ký duyệt · kiểm tra" line under the byline, the only place the post can
 * carry it). The mark alone proves nothing (anyone editing the page can write it), so an element is
 * left out only when it says exactly what that line says and shows no image; anything else carrying
 * the mark is compared like the rest.
 */
export const OUTSIDE_ATTRIBUTE = 'data-bientap-ngoai';
/** The words of the publisher's line under a WordPress post: "Đã ký duyệt [(tác giả tự duyệt)] [· kiểm tra]". */
const SEAL_LINE = /^Đã ký duyệt(?: \(tác giả tự duyệt\))?(?: · kiểm tra)?$/;

function isSealLine(element: Element): boolean {
  const { text, images } = readRegion(element);
  return images.length === 0 && SEAL_LINE.test(wordsOf(text).join(' '));
}
/** Elements the seal's comment may sit in that are only part of a paragraph, not the content region. */
const INLINE_HOLDERS = new Set(['P', 'STRONG', 'SPAN', 'EM', 'B', 'I']);

/** The seal's comment text (after the prefix), and the element around it. */
export interface FoundSeal {
  encoded: string;
  holder: Element | null;
  /** How many seal comments the page holds (more than one is suspicious). */
  count: number;
}

export function findSeal(document: Document): FoundSeal | null {
  let first: { encoded: string; holder: Element | null } | null = null;
  let count = 0;
  const visit = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === COMMENT_NODE) {
        const data = (child.nodeValue ?? '').trim();
        if (data.startsWith(SEAL_COMMENT_PREFIX)) {
          count++;
          first ??= { encoded: data.slice(SEAL_COMMENT_PREFIX.length).trim(), holder: child.parentElement };
        }
      } else if (child.nodeType === ELEMENT_NODE) {
        // A template's content is a separate fragment, not among its child nodes: never searched.
        visit(child);
      }
    }
  };
  visit(document);
  const found = first as { encoded: string; holder: Element | null } | null;
  return found ? { ...found, count } : null;
}

/** The element around the seal, walking out of the paragraph (and its bold or span) it may sit in. */
export function contentRegion(holder: Element | null, document: Document): Element | null {
  let region = holder;
  while (region && INLINE_HOLDERS.has(region.nodeName.toUpperCase()) && region.parentElement) {
    region = region.parentElement;
  }
  return region ?? document.body ?? document.documentElement;
}

function isSmiley(element: Element): boolean {
  return element.classList.contains('wp-smiley') || element.classList.contains('emoji');
}

/** One image the region shows: its `src` as written. */
export interface PageImage {
  src: string;
}

/** The region's visible text (block boundaries as line breaks) and its images, in page order. */
export function readRegion(region: Element): { text: string; images: PageImage[] } {
  const out: string[] = [];
  const images: PageImage[] = [];
  const visit = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === TEXT_NODE) {
        out.push(child.nodeValue ?? '');
        continue;
      }
      if (child.nodeType !== ELEMENT_NODE) continue;
      const element = child as Element;
      const name = element.nodeName.toUpperCase();
      if (SKIPPED_ELEMENTS.has(name) || element.hasAttribute('hidden')) continue;
      if (element.hasAttribute(OUTSIDE_ATTRIBUTE) && isSealLine(element)) continue;
      if (name === 'IMG') {
        if (isSmiley(element)) out.push(element.getAttribute('alt') ?? '');
        else images.push({ src: element.getAttribute('src') ?? '' });
        continue;
      }
      const block = BLOCK_ELEMENTS.has(name);
      if (block) out.push('\n');
      visit(element);
      if (block) out.push('\n');
    }
  };
  visit(region);
  return { text: out.join(''), images };
}

/** The visible text of one element, as `readRegion` reads it. */
export function elementText(element: Element): string {
  return readRegion(element).text;
}

/**
 * The page's title: the h1 whose words are the signed title's, or else the first h1 (which then
 * differs), or null when the page has none.
 */
export function findTitle(document: Document, expected: readonly string[]): string[] | null {
  const headings = Array.from(document.getElementsByTagName('h1'));
  let first: string[] | null = null;
  for (const heading of headings) {
    const words = wordsOf(elementText(heading));
    first ??= words;
    if (words.length === expected.length && words.every((word, i) => word === expected[i])) return words;
  }
  return first;
}
