import { convertToneStyle } from './toneStyle';

const NOT_LETTER_BEFORE = '(?<![\\p{L}\\p{M}\\p{N}])';
const NOT_LETTER_AFTER = '(?![\\p{L}\\p{M}\\p{N}])';

const body = (phrase: string) =>
  phrase
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');

/**
 * One case-insensitive, whole-word, whitespace-tolerant pattern for a list of phrases, so a block
 * is scanned once however long the list. Where phrases overlap, the earlier one in the list wins.
 */
export function phrasesPattern(phrases: readonly string[]): RegExp {
  return new RegExp(`${NOT_LETTER_BEFORE}(?:${phrases.map(body).join('|')})${NOT_LETTER_AFTER}`, 'giu');
}

/** The key a matched phrase is looked up by: lower case, single spaces. */
export const phraseKey = (found: string) => found.toLowerCase().replace(/\s+/g, ' ');

/**
 * The block in new tone style, so one pattern finds `hòa` and `hoà` alike. Offsets stay valid
 * because restyling NFC text moves a mark without changing length; null for non-NFC text, which
 * `unicode.notNfc` reports first.
 */
export function probeOf(text: string): string | null {
  return text === text.normalize('NFC') ? convertToneStyle(text, 'new') : null;
}
