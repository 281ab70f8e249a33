import { HistoryExtension } from '@lexical/history';
import { ListExtension } from '@lexical/list';
import { RichTextExtension } from '@lexical/rich-text';
import { defineExtension } from 'lexical';
import type { EditorState } from '../../../shared/domain';
import { EDITOR_NODES } from './nodes';
import { editorTheme } from './theme';

/**
 * The article body editor: rich text (paragraphs, H2/H3 headings, bold/italic), lists and
 * undo/redo, starting from the stored state. An empty stored body starts with one paragraph.
 */
export function createBodyExtension(body: EditorState | null, onError: (error: Error) => void) {
  const hasContent = body !== null && body.root.children.length > 0;
  return defineExtension({
    name: '@bientap/article-body',
    namespace: 'bientap-article-body',
    nodes: [...EDITOR_NODES],
    theme: editorTheme,
    dependencies: [RichTextExtension, ListExtension, HistoryExtension],
    onError,
    ...(hasContent ? { $initialEditorState: JSON.stringify(body) } : {}),
  });
}
