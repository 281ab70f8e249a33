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
