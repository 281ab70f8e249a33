import { fold } from './text';

/** Long enough for a full headline's key words, short enough to read aloud from an address bar. */
export const SLUG_MAX_LENGTH = 80;
/** What a title with no Latin letters or digits becomes: an address is never empty. */
export const SLUG_FALLBACK = 'bai-viet';

/** Only what `slugify` can produce: safe as a file name and as a URL path segment everywhere. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The address form of a title: `Đảng bộ phường Thuận Hòa: “Tổ quốc” 2021` →
 * `dang-bo-phuong-thuan-hoa-to-quoc-2021`. Cut at a word boundary so an address never ends mid-word.
 */
export function slugify(title: string, maxLength = SLUG_MAX_LENGTH): string {
  // NFKC first so compatibility forms (full-width digits, ligatures) fold to plain letters.
  const words = fold(title.normalize('NFKC'))
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return cut(words, maxLength) || SLUG_FALLBACK;
}

/** `base`, or `base-2`, `base-3` … the first one `taken` does not claim. */
export function uniqueSlug(base: string, taken: (slug: string) => boolean, maxLength = SLUG_MAX_LENGTH): string {
  if (!taken(base)) return base;
  for (let n = 2; n < 100_000; n++) {
    const suffix = `-${n}`;
    const candidate = `${cut(base, maxLength - suffix.length) || SLUG_FALLBACK}${suffix}`;
    if (!taken(candidate)) return candidate;
  }
  throw new RangeError(`Không tìm được địa chỉ còn trống cho "${base}".`);
}

function cut(slug: string, maxLength: number): string {
  if (slug.length <= maxLength) return slug;
  // One character more than allowed shows whether the cut falls exactly on a word boundary.
  const head = slug.slice(0, maxLength + 1);
  const boundary = head.lastIndexOf('-');
  const kept = boundary > 0 ? head.slice(0, boundary) : slug.slice(0, maxLength);
  return kept.replace(/-+$/, '');
}
