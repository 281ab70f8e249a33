import { createHeadlessEditor } from '@lexical/headless';
import type { LexicalEditor } from 'lexical';
import type { Doc } from 'yjs';
import { bindFlow, type FlowBinding } from '../../shared/collab/binding';
import { CONTENT_ROOT } from '../../shared/collab/meta';
import { articleNodes } from '../../shared/lexical/nodes';

export { CONTENT_ROOT } from '../../shared/collab/meta';

/** A headless editor with the article's nodes, bound to a content document. */
export interface BoundEditor {
  editor: LexicalEditor;
  binding: FlowBinding;
  /** Stops both directions of the binding; the editor and the document stay as they are. */
  dispose(): void;
}

const rethrow = (error: Error) => {
  throw error;
};

/**
 * Binds a new headless editor to `doc` as a live editor is bound: changes to the document made
 * elsewhere are applied to the editor, and with `writes`, every editor update is written to the
 * document. The editor starts empty; `loadFromDoc` reads what the document already holds. Errors
 * are thrown unless `onError` takes them (Lexical then rolls the failed update back).
 */
export function bindEditor(doc: Doc, options: { writes: boolean; onError?: (error: Error) => void }): BoundEditor {
  const editor = createHeadlessEditor({
    namespace: 'bientap-content',
    nodes: [...articleNodes()],
    onError: options.onError ?? rethrow,
  });
  const binding = bindFlow(editor, doc.getText(CONTENT_ROOT), { writes: options.writes });
  return { editor, binding, dispose: () => binding.dispose() };
}

/** Replaces the editor's content with what the bound document holds. */
export function loadFromDoc(bound: BoundEditor): void {
  bound.binding.load();
}
