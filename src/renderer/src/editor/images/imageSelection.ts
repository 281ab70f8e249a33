import { $getSelection, $isNodeSelection, type LexicalEditor, type NodeKey } from 'lexical';
import { useCallback, useSyncExternalStore } from 'react';

/**
 * Which images the editor's selection holds, kept by one update listener for the whole editor.
 * Lexical's own hook would give every image a listener of its own that walks the selection on
 * every keystroke; with twenty photos in an article that is a visible share of typing.
 */
interface ImageSelection {
  subscribe(notify: () => void): () => void;
  has(key: NodeKey): boolean;
}

const NONE: ReadonlySet<NodeKey> = new Set();
const selections = new WeakMap<LexicalEditor, ImageSelection>();

function selectedKeys(editor: LexicalEditor): ReadonlySet<NodeKey> {
  return editor.getEditorState().read(() => {
    const selection = $getSelection();
    // Typing holds a range selection: the usual answer is the cheapest one.
    if (!$isNodeSelection(selection)) return NONE;
    return new Set(selection.getNodes().map((node) => node.getKey()));
  });
}

const same = (a: ReadonlySet<NodeKey>, b: ReadonlySet<NodeKey>) =>
  a.size === b.size && [...a].every((key) => b.has(key));

function imageSelection(editor: LexicalEditor): ImageSelection {
  let selection = selections.get(editor);
  if (selection) return selection;
  const listeners = new Set<() => void>();
  let keys = NONE;
  let stop: (() => void) | null = null;
  selection = {
    subscribe(notify) {
      listeners.add(notify);
      if (!stop) {
        keys = selectedKeys(editor);
        stop = editor.registerUpdateListener(() => {
          const next = selectedKeys(editor);
          if (same(next, keys)) return;
          keys = next;
          for (const listener of listeners) listener();
        });
      }
      return () => {
        listeners.delete(notify);
        if (listeners.size === 0 && stop) {
          stop();
          stop = null;
        }
      };
    },
    has: (key) => keys.has(key),
  };
  selections.set(editor, selection);
  return selection;
}

/** Whether the image `key` is selected as a whole (clicked, or reached with the arrow keys). */
export function useImageSelected(editor: LexicalEditor, key: NodeKey): boolean {
  const selection = imageSelection(editor);
  return useSyncExternalStore(
    selection.subscribe,
    useCallback(() => selection.has(key), [selection, key]),
  );
}
