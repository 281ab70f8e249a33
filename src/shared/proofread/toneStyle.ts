/**
 * The two accepted ways of placing the tone mark. They differ only in the open rhymes oa, oe, uy
 * (no final consonant, u not part of qu): old style marks the first vowel (hòa, khỏe, thủy, ủy),
 * new style the second (hoà, khoẻ, thuỷ, uỷ). Everything else — hoàng, hoạt, quý, quả, thuế, khuya,
 * thuở — is written the same in both, and `quý`/`quí` is a matter of i/y spelling, not tone style.
 */
import { parseSyllable, withToneAt } from './syllable';
import type { ToneStyle } from './types';

const WORD = /[\p{L}\p{M}]+/gu;

/** The word in the other style, or null when the word is the same in both or already in `to`. */
export function restyleWord(word: string, to: ToneStyle): string | null {
  const syllable = parseSyllable(word);
  if (!syllable || syllable.style === null || syllable.style === to) return null;
  return withToneAt(syllable, syllable.placements[to]);
}

/** Rewrites every word in `to` style. On NFC text lengths and offsets do not change. */
export function convertToneStyle(text: string, to: ToneStyle): string {
  return text.replace(WORD, (word) => restyleWord(word, to) ?? word);
}
