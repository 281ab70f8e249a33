import { HistoryExtension } from '@lexical/history';
import { HorizontalRuleExtension } from '@lexical/extension';
import { LinkExtension } from '@lexical/link';
import { ListExtension } from '@lexical/list';
import { RichTextExtension } from '@lexical/rich-text';
import { configExtension, defineExtension, type InitialEditorStateType } from 'lexical';
import type { EditorState } from '../../../shared/domain';
import { CaretFormatExtension } from './caretFormat/caretFormatExtension';
import { HygieneExtension } from './hygiene/hygieneExtension';
import { isSafeLinkUrl } from './links/linkUrl';
import { NfcExtension } from './nfc/nfcExtension';
import { PdfPasteExtension } from './paste/pdfPasteExtension';
import { ShortcutsExtension } from './shortcuts/shortcutsExtension';
import { TablesExtension } from './tables/tablesExtension';
import { EDITOR_NODES } from './nodes';
import { editorTheme } from './theme';

/**
 * The article body editor: rich text (paragraphs, H2–H4 headings, text formats, alignment),
 * nested lists, quotes, links, tables, horizontal rules and undo/redo, with text kept NFC and
 * pasted content kept within what the core stores (PDF line wrapping joined), starting from the stored state. An empty stored body starts with one paragraph.
 */
export function createBodyExtension(
  body: EditorState | null,
  onError: (error: Error) => void,
  options: { history?: boolean } = {},
) {
  const hasContent = body !== null && body.root.children.length > 0;
  return defineExtension({
    name: '@bientap/article-body',
    namespace: 'bientap-article-body',
    nodes: [...EDITOR_NODES],
    theme: editorTheme,
    dependencies: [
      RichTextExtension,
      ListExtension,
      // Off for a live editor: its undo takes back only its own edits (src/renderer/src/collab).
      configExtension(HistoryExtension, { disabled: options.history === false }),
      configExtension(LinkExtension, { validateUrl: isSafeLinkUrl }),
      HorizontalRuleExtension,
      TablesExtension,
      NfcExtension,
      CaretFormatExtension,
      HygieneExtension,
      PdfPasteExtension,
      ShortcutsExtension,
    ],
    onError,
    // The stored state goes in as the object it already is: Lexical's initial-state step parses an
    // object as it parses JSON text (its type names only the text). Stringifying the article to
    // have it parsed again cost the opening time and kept a second copy of all its text.
    ...(hasContent ? { $initialEditorState: body as unknown as InitialEditorStateType } : {}),
  });
}
