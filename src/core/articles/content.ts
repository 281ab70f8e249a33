import type { EditorState } from '../../shared/domain';
import { countWords, nfc } from '../../shared/text';
import { editorStateToText, normalizeEditorState } from './editorState';
import type { ArticleContent } from './repo';

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
    wordCount: countWords(bodyText),
  };
}
