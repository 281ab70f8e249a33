/** Unicode NFC: the one form every stored string takes. */
export function nfc(value: string): string {
  return value.normalize('NFC');
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
