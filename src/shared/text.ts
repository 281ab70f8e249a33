/**
 * Text made of characters NFC leaves as they are whatever stands beside them: Latin up to U+02FF, the
 * precomposed Latin letters (Vietnamese among them) and the general punctuation after the two
 * quad spaces. No combining mark, no singleton, nothing that composes with what precedes it.
 */
export const NFC_STABLE = /^[\t\n\r\u0020-\u02FF\u1E00-\u1EFF\u2010-\u205F]*$/;

/**
 * Unicode NFC: the one form every stored string takes. Text typed on a Vietnamese keyboard is
 * almost always NFC already; checking that is much cheaper than normalizing, and the editor
 * does it on every keystroke.
 */
export function nfc(value: string): string {
  return NFC_STABLE.test(value) ? value : value.normalize('NFC');
}

/**
 * Folded form for search: decomposed, marks stripped, đ→d, lower-case.
 * `Đảng bộ` and `dang bo` fold to the same string.
 */
export function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/** Counts words the way a reader would: runs of letters or digits; `12/4/2021` and `03/CT-UBND` are one each. */
export function countWords(value: string): number {
  const matches = value.match(/[\p{L}\p{N}]+(?:[-'’/.][\p{L}\p{N}]+)*/gu);
  return matches ? matches.length : 0;
}

/**
 * Characters no stored text may hold: C0 and C1 control characters other than tab, line feed and
 * carriage return, the two non-characters XML forbids, and lone UTF-16 surrogates (half of an
 * emoji cut off by a bad paste). Each breaks something downstream: the feed's XML, the search
 * index's folding, the signed canonical form.
 */
const UNSAFE_CHARACTER =
  // eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text of characters that are always safe: tab, line breaks, printable ASCII, and everything from
 * U+00A0 to U+FFFD but the surrogates and the two non-characters. Nearly all text is, and this
 * pattern scans it several times faster than UNSAFE_CHARACTER, whose look-arounds run at every
 * character; the editor state of each autosave is checked through it.
 */
const ALWAYS_SAFE = /^[\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD]*$/;

export function hasUnsafeCharacters(value: string): boolean {
  return !ALWAYS_SAFE.test(value) && UNSAFE_CHARACTER.test(value);
}

const UNSAFE_CHARACTERS = new RegExp(UNSAFE_CHARACTER.source, 'g');

/**
 * The text without the characters `hasUnsafeCharacters` finds. Text stored before they were
 * refused still holds them; the editor drops them so that the reporter's next save is accepted.
 */
export function stripUnsafeCharacters(value: string): string {
  return UNSAFE_CHARACTER.test(value) ? value.replace(UNSAFE_CHARACTERS, '') : value;
}
