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
  // Counted in place: spreading a long article into an array of letters costs more than the count.
  let characters = 0;
  for (const char of text.normalize('NFC')) if (char !== '\n') characters += 1;
  return { words, characters, minutes: words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE)) };
}
