import { isSyllable } from '../proofread/syllable';
import { legacyToUnicode, type LegacyEncoding } from './convert';

/** Word-like runs; the legacy codes include characters such as `·` and `¸` that look like punctuation. */
const TOKEN = /[^\s.,;:!?()[\]{}"“”'‘’/\\<>=+*&%#@|~^`-]+/g;
const HIGH = /[\u00a1-\u00ff]/;
const ENCODINGS: readonly LegacyEncoding[] = ['tcvn3', 'vni'];

/** Latin-1 characters that no Vietnamese word needs, and every word converted reads as Vietnamese. */
export function legacyEvidence(token: string, encoding: LegacyEncoding): boolean {
  if (!HIGH.test(token) || isSyllable(token)) return false;
  const converted = legacyToUnicode(token, encoding);
  return converted !== token && isSyllable(converted);
}

export interface LegacyToken {
  start: number;
  end: number;
  text: string;
}

export function tokens(text: string): LegacyToken[] {
  return Array.from(text.matchAll(TOKEN), (m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
}

/**
 * Which legacy encoding a text was written in, judged by its words: those that are not Vietnamese
 * as they stand but become Vietnamese syllables when converted. Null when there is no such word
 * or the evidence is split.
 */
export function detectLegacyEncoding(text: string): LegacyEncoding | null {
  if (!HIGH.test(text)) return null;
  let suspicious = 0;
  const hits: Record<LegacyEncoding, number> = { tcvn3: 0, vni: 0 };
  for (const { text: token } of tokens(text)) {
    if (!HIGH.test(token) || isSyllable(token)) continue;
    suspicious++;
    for (const encoding of ENCODINGS) if (legacyEvidence(token, encoding)) hits[encoding]++;
  }
  const best = hits.tcvn3 >= hits.vni ? 'tcvn3' : 'vni';
  const other = best === 'tcvn3' ? 'vni' : 'tcvn3';
  if (hits[best] === 0 || hits[best] === hits[other] || hits[best] * 2 < suspicious) return null;
  return best;
}
