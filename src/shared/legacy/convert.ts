/**
 * Converting between Unicode and the legacy encodings as they look after a Windows-1252 reading.
 * Output is always NFC.
 */
import { TCVN3, VNI } from './tables';

export type LegacyEncoding = 'tcvn3' | 'vni';

function invert(table: Readonly<Record<string, string>>): Map<string, string> {
  return new Map(Object.entries(table).map(([letter, code]) => [code, letter]));
}

const FROM_TCVN3 = invert(TCVN3);
const FROM_VNI = (() => {
  const map = invert(VNI);
  // Typists mix mark case (`Aù`, `aÙ`); read those too where nothing else claims the pair.
  for (const [letter, code] of Object.entries(VNI)) {
    if (code.length !== 2) continue;
    const other = code[0]! + (code[1] === code[1]!.toUpperCase() ? code[1]!.toLowerCase() : code[1]!.toUpperCase());
    if (!map.has(other)) map.set(other, letter);
  }
  return map;
})();

const isLetter = (ch: string) => /\p{L}/u.test(ch);
const isUpper = (ch: string) => ch !== ch.toLowerCase() && ch === ch.toUpperCase();

interface Decoded {
  ch: string;
  /** False for a letter read from a TCVN3 lowercase code, whose case the font decided. */
  caseKnown: boolean;
}

/**
 * TCVN3 capitals with tones exist only as lowercase codes drawn by a capital font, so case is decided
 * per word: a word whose known letters (ASCII, the seven capital codes) are at least two and all
 * capitals is all capitals (`TR¦êNG` → TRƯỜNG); a word with fewer follows an all-capital neighbour
 * (`Bé C«NG AN` → BỘ CÔNG AN); otherwise the codes stay lowercase (`Bé` → Bộ). A heading typed
 * entirely in the capital font with lowercase codes cannot be told from lowercase text and stays so.
 */
function applyTcvn3Case(decoded: Decoded[]): string {
  type Word = { from: number; to: number; known: string[]; upper: boolean | null };
  const words: Word[] = [];
  for (let i = 0; i < decoded.length;) {
    if (!isLetter(decoded[i]!.ch)) {
      i++;
      continue;
    }
    const from = i;
    while (i < decoded.length && isLetter(decoded[i]!.ch)) i++;
    const known = decoded
      .slice(from, i)
      .filter((d) => d.caseKnown)
      .map((d) => d.ch);
    const allUpper = known.every(isUpper);
    words.push({ from, to: i, known, upper: known.length >= 2 ? allUpper : allUpper ? null : false });
  }
  words.forEach((word, n) => {
    if (word.upper !== null) return;
    const neighbour = (m: number) => {
      const w = words[m];
      if (!w) return false;
      const gap = decoded
        .slice(Math.min(w.to, word.to), Math.max(w.from, word.from))
        .map((d) => d.ch)
        .join('');
      return w.upper === true && !/\n/.test(gap);
    };
    word.upper = neighbour(n - 1) || neighbour(n + 1);
  });
  for (const word of words) {
    if (!word.upper) continue;
    for (let i = word.from; i < word.to; i++) decoded[i]!.ch = decoded[i]!.ch.toUpperCase();
  }
  return decoded.map((d) => d.ch).join('');
}

export function legacyToUnicode(text: string, encoding: LegacyEncoding): string {
  if (encoding === 'tcvn3') {
    const decoded = Array.from(text, (ch): Decoded => {
      const letter = FROM_TCVN3.get(ch);
      if (letter === undefined) return { ch, caseKnown: true };
      return { ch: letter, caseKnown: isUpper(letter) };
    });
    return applyTcvn3Case(decoded).normalize('NFC');
  }
  let out = '';
  for (let i = 0; i < text.length;) {
    const pair = FROM_VNI.get(text.slice(i, i + 2));
    if (pair !== undefined) {
      out += pair;
      i += 2;
      continue;
    }
    out += FROM_VNI.get(text[i]!) ?? text[i]!;
    i++;
  }
  return out.normalize('NFC');
}

/** Writes Unicode text in a legacy encoding; used to build golden samples and round trips. */
export function unicodeToLegacy(text: string, encoding: LegacyEncoding): string {
  const table = encoding === 'tcvn3' ? TCVN3 : VNI;
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = table[ch] ?? (encoding === 'tcvn3' ? TCVN3[ch.toLowerCase()] : undefined);
    out += code ?? ch;
  }
  return out;
}
