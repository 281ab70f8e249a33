import { decodeHTML } from 'entities';
import { fold } from '../../../shared/text';
import type { PublishImage } from '../adapter';
import { markup, trusted, type SafeHtml } from '../html';
import { imageHashesIn, referenceImages, resolveImages } from '../images';
import { sealLine } from '../static/page';

export { imageHashesIn };

/**
 * What the adapter writes into a WordPress post's content beyond the article's own HTML, and how it
 * reads a post back into the article's terms.
 *
 * A stock WordPress has no field of ours, so the article's id travels in the content itself, as an
 * HTML comment: `<!-- bientap:article=<uuid> -->`. WordPress keeps comments in the stored content,
 * finds the token with `search=` (a LIKE over the content, any status when asked with context=edit)
 * and shows nothing of it on the page. The comment sits inside the byline paragraph, the last thing
 * in the post, the way the office portal ends every article with its author:
 *
 *   <p class="bientap-byline" style="text-align: right;"><strong>Huỳnh Thị Ly</strong><!-- bientap:article=… --></p>
 *
 * (right-aligned and bold by inline style, so it looks like the portal's byline in any theme). An
 * article without a byline ends with the bare comment instead.
 */

export const MARKER_PREFIX = 'bientap:article=';
export const BYLINE_CLASS = 'bientap-byline';

/** The text `search=` looks for. */
export function markerToken(articleId: string): string {
  return `${MARKER_PREFIX}${articleId}`;
}

export function markerComment(articleId: string): SafeHtml {
  return markup`<!-- ${markerToken(articleId)} -->`;
}

const MARKER = /<!-- bientap:article=([0-9A-Za-z-]+) -->/;
const MARKERS = new RegExp(MARKER.source, 'g');

/** The article id a post's raw content carries, or null. */
export function articleIdIn(content: string): string | null {
  return MARKER.exec(content)?.[1] ?? null;
}

/** `bientap-<hash>.jpg`: the media file's name, and (without the extension) its title. */
export function mediaName(image: Pick<PublishImage, 'hash'>): string {
  return `bientap-${image.hash}`;
}

export function mediaFileName(image: Pick<PublishImage, 'hash' | 'mime'>): string {
  const extension = image.mime === 'image/jpeg' ? 'jpg' : image.mime === 'image/png' ? 'png' : 'webp';
  return `${mediaName(image)}.${extension}`;
}

const SEAL = /<!-- bientap:seal=[A-Za-z0-9_-]+ -->/;
export const SEAL_LINE_CLASS = 'bientap-dau-ky';

/**
 * The post content: the article's HTML with each image pointing at its media URL, then the byline
 * paragraph carrying the marker and the page's seal (`<!-- bientap:seal=… -->`, see
 * src/shared/seal/format.ts): a comment, which WordPress's filters keep and readers do not see.
 */
export function buildContent(
  html: string,
  byline: string,
  articleId: string,
  imageUrls: Map<string, string>,
  seal: { comment: string; selfApproved: boolean; verifyPageUrl: string | null } | null = null,
): string {
  if (seal !== null && !new RegExp(`^${SEAL.source}$`).test(seal.comment)) throw new Error('Not a seal comment');
  const body = resolveImages(html, (hash) => imageUrls.get(hash) ?? null);
  const marker = seal ? markup`${markerComment(articleId)}${trusted(seal.comment)}` : markerComment(articleId);
  const tail = byline.trim()
    ? markup`<p class="${BYLINE_CLASS}" style="text-align: right;"><strong>${byline.trim()}</strong>${marker}</p>`
    : marker;
  if (!seal) return String(markup`${trusted(body)}\n${tail}`);
  return String(
    markup`${trusted(body)}\n${tail}\n${sealLine(seal.selfApproved, seal.verifyPageUrl, {
      // Inside the post content, the only part of the page the site lets us write; styled inline for any theme.
      className: SEAL_LINE_CLASS,
      style: 'text-align: right; font-size: 0.8em;',
    })}`,
  );
}

const TAIL = new RegExp(
  `\\n?(?:<p class="${BYLINE_CLASS}"[^>]*>(?:(?!</p>)[\\s\\S])*</p>|<!-- bientap:article=[0-9A-Za-z-]+ -->(?:${SEAL.source})?)` +
    `(?:\\s*<p class="${SEAL_LINE_CLASS}"[^>]*>(?:(?!</p>)[\\s\\S])*</p>)?\\s*$`,
);
/** Our media file's URL, as WordPress names it (`-1` when the name was taken, `-300x200` for a size). */
const MEDIA_URL = /\/bientap-([0-9a-f]{64})(?:-\d+)?(?:-\d+x\d+)?\.(?:jpe?g|png|webp)$/;

/**
 * A post's raw content in the article's own terms: without the byline paragraph and the marker, and
 * with our media URLs turned back into `bientap-image:<hash>`. A post nobody edited gives back
 * exactly the `html` it was published from, so the conflict view compares like with like.
 */
export function articleHtml(content: string): string {
  return referenceImages(content.replace(TAIL, '').replace(MARKERS, ''), (src) => MEDIA_URL.exec(src)?.[1] ?? null);
}

/** The byline a post's content ends with, or '' (HTML entities of our own escaping undone). */
export function bylineIn(content: string): string {
  const match = new RegExp(`<p class="${BYLINE_CLASS}"[^>]*><strong>((?:(?!</strong>)[\\s\\S])*)</strong>`).exec(
    content,
  );
  return match ? decodeEntities(match[1]!) : '';
}

/**
 * The slug WordPress gives a term name, for Vietnamese and Latin names: `Văn hóa & Thể thao` →
 * `van-hoa-the-thao` (accents and đ folded, punctuation dropped, spaces to dashes).
 */
export function termSlug(name: string): string {
  return fold(name.normalize('NFC'))
    .replace(/&[a-z0-9#]+;/g, '')
    .replace(/[^a-z0-9\s_-]+/g, '')
    .trim()
    .replace(/[\s-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** WordPress's `date_gmt`: `2021-04-15T03:51:38`, UTC without a zone. */
export function wpGmt(date: Date): string {
  return date.toISOString().slice(0, 19);
}

/**
 * Text out of the HTML WordPress returns (`title.rendered`, term names): every named and numeric
 * entity a browser would decode, including the `&#8220;`, `&#8230;`, `&#038;` of `wptexturize`.
 */
export function decodeEntities(text: string): string {
  return decodeHTML(text);
}
