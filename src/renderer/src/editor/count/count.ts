import { countWords } from '../../../../shared/text';

/** Words a reader gets through in a minute; a common figure for news text. */
export const WORDS_PER_MINUTE = 200;

export interface TextCounts {
  words: number;
  characters: number;
  minutes: number;
}

/** Words, characters (letters as a reader counts them, spaces included, line breaks not) and reading time. */
export function countText(text: string): TextCounts {
  const words = countWords(text);
  const characters = [...text.normalize('NFC').replace(/\n/g, '')].length;
  return { words, characters, minutes: words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE)) };
}
