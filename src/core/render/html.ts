import { createHeadlessEditor } from '@lexical/headless';
import { $generateHtmlFromNodes } from '@lexical/html';
import type { EditorState } from '../../shared/domain';
import { withDom } from './dom';
import { setImageUrl, type ImageUrl } from './imageNode';
import { RENDER_NODES } from './nodes';
import { sanitizeHtml } from './sanitize';

/**
 * The publishing HTML of an article body: the stored editor state (the source of truth) laid
 * out by Lexical's own HTML export, then cut down to the allow-list. Throws if the state does
 * not parse; the core validated it when it was saved. Images point at `imageUrl(hash)`, by
 * default `images/<hash>` beside the page.
 */
export function renderArticleHtml(state: EditorState, options: { imageUrl?: ImageUrl } = {}): string {
  const editor = createHeadlessEditor({
    namespace: 'bientap-publish',
    nodes: [...RENDER_NODES],
    onError: (error) => {
      throw error;
    },
  });
  if (options.imageUrl) setImageUrl(editor, options.imageUrl);
  editor.setEditorState(editor.parseEditorState(JSON.stringify(state)));
  const raw = withDom(() => editor.getEditorState().read(() => $generateHtmlFromNodes(editor, null)));
  return sanitizeHtml(raw);
}
