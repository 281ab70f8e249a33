import { diffWordsWithSpace } from 'diff';
import type { DiffToken } from '../../shared/review';

/**
 * Word-level inline diff: each word, run of spaces and punctuation mark is a token, so a changed
 * diacritic shows as the one changed word. Adjacent tokens of one kind are merged.
 */
export function wordDiff(before: string, after: string): DiffToken[] {
  const tokens: DiffToken[] = [];
  for (const change of diffWordsWithSpace(before.normalize('NFC'), after.normalize('NFC'))) {
    const op = change.added ? 'insert' : change.removed ? 'delete' : 'equal';
    const last = tokens[tokens.length - 1];
    if (last?.op === op) last.text += change.value;
    else tokens.push({ op, text: change.value });
  }
  return tokens;
}
