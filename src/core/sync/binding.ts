import { createHeadlessEditor } from '@lexical/headless';
import {
  createBindingV2__EXPERIMENTAL,
  syncLexicalUpdateToYjsV2__EXPERIMENTAL,
  syncYjsChangesToLexicalV2__EXPERIMENTAL,
  syncYjsStateToLexicalV2__EXPERIMENTAL,
  type BindingV2,
  type Provider,
} from '@lexical/yjs';
import { SKIP_COLLAB_TAG, type LexicalEditor } from 'lexical';
import { UndoManager, type Doc, type Transaction, type XmlElement, type XmlText, type YEvent } from 'yjs';
import { articleNodes } from '../../shared/lexical/nodes';

/**
 * The name of the shared type that holds an article's Lexical root, the default of Lexical's
 * collaboration binding version 2. The editor in the renderer binds to the same name, so a
 * document written here is exactly the document a live editor writes and reads.
 */
export const CONTENT_ROOT = 'root-v2';

/** The binding's id in its doc map; one document per binding, so one fixed id is enough. */
const BINDING_ID = 'content';

/**
 * The binding asks a provider for awareness (remote cursors, the local selection). The core has no
 * cursors and no user to show, so it answers that nobody is present; nothing else is read from it.
 */
const NO_PRESENCE: Provider = {
  awareness: {
    getLocalState: () => null,
    getStates: () => new Map(),
    on: () => undefined,
    off: () => undefined,
    setLocalState: () => undefined,
    setLocalStateField: () => undefined,
  },
  connect: () => undefined,
  disconnect: () => undefined,
  on: () => undefined,
  off: () => undefined,
};

/** A headless editor with the article's nodes, bound to a content document through binding v2. */
export interface BoundEditor {
  editor: LexicalEditor;
  binding: BindingV2;
  /** Stops both directions of the binding; the editor and the document stay as they are. */
  dispose(): void;
}

const rethrow = (error: Error) => {
  throw error;
};

function articleEditor(onError: (error: Error) => void): LexicalEditor {
  return createHeadlessEditor({ namespace: 'bientap-content', nodes: [...articleNodes()], onError });
}

/**
 * Binds a new headless editor to `doc` as the collaboration plugin (v2) binds a live one: changes
 * to the document that did not come from this binding are applied to the editor, and with
 * `writes`, every editor update is written to the document in a transaction whose origin is the
 * binding. The editor starts empty; `loadFromDoc` reads what the document already holds. Errors
 * are thrown unless `onError` takes them (Lexical then rolls the failed update back).
 */
export function bindEditor(doc: Doc, options: { writes: boolean; onError?: (error: Error) => void }): BoundEditor {
  const editor = articleEditor(options.onError ?? rethrow);
  const binding = createBindingV2__EXPERIMENTAL(editor, BINDING_ID, doc, new Map([[BINDING_ID, doc]]), {
    rootName: CONTENT_ROOT,
  });
  const onYjsChanges = (events: YEvent<XmlElement | XmlText>[], transaction: Transaction) => {
    if (transaction.origin === binding) return;
    const fromUndo = transaction.origin instanceof UndoManager;
    syncYjsChangesToLexicalV2__EXPERIMENTAL(binding, NO_PRESENCE, events, transaction, fromUndo);
  };
  binding.root.observeDeep(onYjsChanges);
  const removeListener = options.writes
    ? editor.registerUpdateListener(
        ({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
          if (tags.has(SKIP_COLLAB_TAG)) return;
          syncLexicalUpdateToYjsV2__EXPERIMENTAL(
            binding,
            NO_PRESENCE,
            prevEditorState,
            editorState,
            dirtyElements,
            dirtyLeaves,
            normalizedNodes,
            tags,
          );
        },
      )
    : () => undefined;
  return {
    editor,
    binding,
    dispose() {
      binding.root.unobserveDeep(onYjsChanges);
      removeListener();
    },
  };
}

/** Replaces the editor's content with what the bound document holds: the plugin's initial load. */
export function loadFromDoc(bound: BoundEditor): void {
  syncYjsStateToLexicalV2__EXPERIMENTAL(bound.binding, NO_PRESENCE);
}
