import { createHeadlessEditor } from '@lexical/headless';
import type { EditorState, LexicalEditor, SerializedLexicalNode } from 'lexical';
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
 * document (with `deferred`, changes from elsewhere wait for `binding.catchUp()`). The editor
 * starts empty; `loadFromDoc` reads what the document already holds. Errors are thrown unless
 * `onError` takes them (Lexical then rolls the failed update back).
 */
export function bindEditor(
  doc: Doc,
  options: { writes: boolean; deferred?: boolean; onError?: (error: Error) => void },
): BoundEditor {
  const editor = headlessEditor(options.onError ?? rethrow);
  const binding = bindFlow(editor, doc.getText(CONTENT_ROOT), {
    writes: options.writes,
    ...(options.deferred ? { deferred: true } : {}),
  });
  return { editor, binding, dispose: () => binding.dispose() };
}

function headlessEditor(onError: (error: Error) => void): LexicalEditor {
  return createHeadlessEditor({ namespace: 'bientap-content', nodes: [...articleNodes()], onError });
}

/** The editor that reads documents once, one after another (making one costs more than reading an article). */
let reader: LexicalEditor | null = null;

/**
 * What `read` takes from a headless editor showing what `doc` holds, read once: nothing is written
 * to the document. One editor serves every such read in turn (a join reads thousands of articles);
 * a read within a read, or after a read that failed, gets an editor of its own.
 */
export function readDocument<T>(doc: Doc, read: (editor: LexicalEditor) => T): T {
  const editor = reader ?? headlessEditor(rethrow);
  reader = null;
  const binding = bindFlow(editor, doc.getText(CONTENT_ROOT), { writes: false });
  let failed = true;
  try {
    binding.load();
    const result = read(editor);
    failed = false;
    return result;
  } finally {
    binding.dispose();
    if (!failed) reader = editor;
  }
}

/** Replaces the editor's content with what the bound document holds. */
export function loadFromDoc(bound: BoundEditor): void {
  bound.binding.load();
}

/**
 * The editor state whose root holds `children`, built as Lexical builds a stored state: no update
 * runs, so no node transform does (the caller knows none would change these nodes).
 */
export function parseRootChildren(children: SerializedLexicalNode[]): EditorState {
  const editor = reader ?? headlessEditor(rethrow);
  reader = null;
  try {
    const root = editor.getEditorState().toJSON().root;
    return editor.parseEditorState({ root: { ...root, children } });
  } finally {
    reader = editor;
  }
}
