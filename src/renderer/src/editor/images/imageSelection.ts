import {
  $createNodeSelection,
  $getNearestNodeFromDOMNode,
  $getSelection,
  $isNodeSelection,
  $setSelection,
  CLICK_COMMAND,
  COMMAND_PRIORITY_LOW,
  mergeRegister,
  type LexicalEditor,
  type NodeKey,
} from 'lexical';
import { $isImageNode, FIGURE_PARTS } from './ImageNode';

const NONE: readonly NodeKey[] = [];

function $selectedImages(): readonly NodeKey[] {
  const selection = $getSelection();
  // Typing holds a range selection: the usual answer is the cheapest one.
  if (!$isNodeSelection(selection)) return NONE;
  return selection
    .getNodes()
    .filter($isImageNode)
    .map((node) => node.getKey());
}

const same = (a: readonly NodeKey[], b: readonly NodeKey[]) =>
  a.length === b.length && a.every((key, index) => b[index] === key);

const CLICKABLE = Object.values(FIGURE_PARTS)
  .map((name) => `.${name}`)
  .join(', ');

/** Clicking an image's photo or caption selects the image as a whole. */
function $selectClickedImage(event: MouseEvent): boolean {
  const target = event.target;
  const part = target instanceof Element ? target.closest(CLICKABLE) : null;
  if (!part) return false;
  const node = $getNearestNodeFromDOMNode(part);
  if (!$isImageNode(node)) return false;
  const selection = $createNodeSelection();
  selection.add(node.getKey());
  $setSelection(selection);
  return true;
}

/**
 * Which image the editor's selection holds as a whole (clicked, or reached with the arrow keys),
 * kept by one update listener for the whole editor: the selected figures are marked on the DOM
 * (their outline), and `onSelect` hears the key of the one to edit, or null. A listener per image
 * would walk the selection once per photo on every keystroke.
 */
export function registerImageSelection(editor: LexicalEditor, onSelect: (key: NodeKey | null) => void): () => void {
  let keys = NONE;
  const mark = (next: readonly NodeKey[]) => {
    for (const key of keys) if (!next.includes(key)) editor.getElementByKey(key)?.removeAttribute('data-selected');
    for (const key of next) editor.getElementByKey(key)?.setAttribute('data-selected', '');
    keys = next;
    onSelect(next[0] ?? null);
  };
  return mergeRegister(
    editor.registerUpdateListener(({ editorState }) => {
      const next = editorState.read($selectedImages);
      if (!same(next, keys)) mark(next);
    }),
    // A new root element is a new set of figures, none marked yet; its first render marks them.
    editor.registerRootListener(() => {
      keys = NONE;
    }),
    editor.registerCommand(CLICK_COMMAND, $selectClickedImage, COMMAND_PRIORITY_LOW),
  );
}
