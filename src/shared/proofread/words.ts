/**
 * Splitting a block into words. Whitespace-separated chunks that are web addresses or e-mail
 * addresses give no words; chunks that mix digits and letters (`03/CT-UBND`, `COVID-19`) are
 * document numbers and codes, whose words the spelling and abbreviation rules leave alone.
 */
export interface Word {
  text: string;
  start: number;
  end: number;
  /** Part of a document number or code. */
  code: boolean;
}

const CHUNK = /\S+/g;
const WORD = /[\p{L}\p{M}]+/gu;
const ADDRESS = /@|:\/\/|^\(?www\./i;

export function isAddress(chunk: string): boolean {
  return ADDRESS.test(chunk);
}

export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const chunk of text.matchAll(CHUNK)) {
    if (isAddress(chunk[0])) continue;
    const code = /\d/.test(chunk[0]) && /\p{L}/u.test(chunk[0]);
    for (const word of chunk[0].matchAll(WORD)) {
      const start = chunk.index + word.index;
      words.push({ text: word[0], start, end: start + word[0].length, code });
    }
  }
  return words;
}

export const isAllCaps = (word: string) =>
  word.length >= 2 && word === word.toUpperCase() && word !== word.toLowerCase();
export const isCapitalised = (word: string) => word[0] !== undefined && word[0] !== word[0].toLowerCase();
