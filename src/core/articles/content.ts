import type { EditorState } from '../../shared/domain';
import { countWords, nfc } from '../../shared/text';
import { editorStateToText, normalizeEditorState } from './editorState';
import type { ArticleContent } from './repo';

/** Word counts of lines seen lately: an autosave resends every paragraph and changes one or two. */
const lineCounts = new Map<string, number>();

/**
 * `countWords` of the whole text, a line at a time (no word spans a line break), remembering each
 * line's count so the paragraphs an autosave did not change are not counted again.
 */
function countWordsByLine(text: string): number {
  let total = 0;
  for (const line of text.split('\n')) {
    let count = lineCounts.get(line);
    if (count === undefined) {
      count = countWords(line);
      if (lineCounts.size >= 20_000) lineCounts.clear();
      lineCounts.set(line, count);
    }
    total += count;
  }
  return total;
}

/** Turns what an editor sent into what is stored: NFC everywhere, text derived from the state. */
export function prepareContent(title: string, summary: string, body: EditorState): ArticleContent {
  const normalized = normalizeEditorState(body);
  const bodyText = editorStateToText(normalized);
  const cleanTitle = nfc(title);
  const cleanSummary = nfc(summary);
  return {
    title: cleanTitle,
    summary: cleanSummary,
    bodyJson: JSON.stringify(normalized),
    bodyText,
    wordCount: countWordsByLine(bodyText),
  };
}
