/**
 * Words as a reader sees them, on both sides of the comparison: the signed content and the text a
 * page shows. What a publishing platform changes by itself without changing what a reader reads
 * (WordPress's typographic quotes and dashes, its ellipsis and multiplication sign, non-breaking
 * spaces, invisible zero-width characters) compares equal; anything else is a different word.
 */

/** Zero-width characters and the soft hyphen: invisible, never part of a word. */
// An alternation, not a class: a class holding the zero-width joiner reads as a joined sequence.
const INVISIBLE = /\u200b|\u200c|\u200d|\u2060|\ufeff|\u00ad/g;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032]/g;
const DASHES = /[\u2013\u2014\u2012\u2015\u2212]/g;
/** Every Unicode space (`\s` covers the no-break spaces and U+2000–U+200A, U+3000 …). */
const SPACES = /[\s\u180e]+/u;

/** One word's comparable form (NFC, WordPress's typography folded back to plain ASCII punctuation). */
export function normalizeText(text: string): string {
  return (
    text
      .normalize('NFC')
      .replace(INVISIBLE, '')
      .replace(DOUBLE_QUOTES, '"')
      .replace(SINGLE_QUOTES, "'")
      // wptexturize writes `` and '' as curly double quotes.
      .replace(/``|''/g, '"')
      .replace(DASHES, '-')
      .replace(/-{2,}/g, '-')
      .replace(/\u2026/g, '...')
      .replace(/\u00d7/g, 'x')
      .replace(/\u2122/g, '(tm)')
  );
}

/**
 * WordPress's smileys (`convert_smilies`, its `$wpsmiliestrans`): a smiley standing as a word of its
 * own is shown as this emoji (or, for a browser without it, as an image whose alt text is the
 * emoji). Both sides compare the emoji.
 */
const SMILEYS = new Map<string, string>([
  ...[':smile:', ':-)', ':)'].map((code) => [code, '\u{1f642}'] as const),
  ...[':sad:', ':-(', ':('].map((code) => [code, '\u{1f641}'] as const),
  ...[':grin:', ':-D', ':D'].map((code) => [code, '\u{1f600}'] as const),
  ...[':razz:', ':-P', ':P'].map((code) => [code, '\u{1f61b}'] as const),
  ...[':wink:', ';-)', ';)'].map((code) => [code, '\u{1f609}'] as const),
  ...[':neutral:', ':-|', ':|'].map((code) => [code, '\u{1f610}'] as const),
  ...[':???:', ':-?', ':?'].map((code) => [code, '\u{1f615}'] as const),
  ...[':cool:', '8-)'].map((code) => [code, '\u{1f60e}'] as const),
  ...[':shock:', '8-O', '8O'].map((code) => [code, '\u{1f62f}'] as const),
  ...[':eek:', ':-o', ':o'].map((code) => [code, '\u{1f62e}'] as const),
  ...[':mad:', ':-x', ':x'].map((code) => [code, '\u{1f621}'] as const),
  [':twisted:', '\u{1f608}'],
  [':arrow:', '\u27a1'],
  [':evil:', '\u{1f47f}'],
  [':idea:', '\u{1f4a1}'],
  [':oops:', '\u{1f633}'],
  [':roll:', '\u{1f644}'],
  [':cry:', '\u{1f625}'],
  [':lol:', '\u{1f606}'],
  [':!:', '\u2757'],
  [':?:', '\u2753'],
]);

/** The words of a text, in order: normalized, split at every Unicode space. */
export function wordsOf(text: string): string[] {
  return normalizeText(text)
    .split(SPACES)
    .filter((word) => word !== '')
    .map((word) => SMILEYS.get(word) ?? word);
}
