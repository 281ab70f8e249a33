import { CoreImportExtension, DOMImportExtension } from '@lexical/html';
import {
  $findCellNode,
  $isTableNode,
  $isTableSelection,
  registerTableCellUnmergeTransform,
  registerTablePlugin,
  registerTableSelectionObserver,
  TableCellNode,
  TableImportRules,
  TableNode,
  TableRowNode,
} from '@lexical/table';
import {
  $getSelection,
  $isRangeSelection,
  configExtension,
  defineExtension,
  mergeRegister,
  SELECTION_CHANGE_COMMAND,
  type EditorState,
  type LexicalEditor,
} from 'lexical';

/**
 * Whether Lexical's table selection handling can act on this selection: a cell selection; a
 * selection that spans text (it may reach into a table); or a caret inside a table or in a block
 * next to one, where the arrow keys lead into the table.
 */
export function $selectionNearTable(): boolean {
  const selection = $getSelection();
  if ($isTableSelection(selection)) return true;
  if (!$isRangeSelection(selection)) return false;
  if (!selection.isCollapsed()) return true;
  const node = selection.anchor.getNode();
  if ($findCellNode(node) !== null) return true;
  const block = node.getTopLevelElement();
  return block !== null && ($isTableNode(block.getPreviousSibling()) || $isTableNode(block.getNextSibling()));
}

/**
 * Lexical's table selection observer (selecting cells, their highlight, Tab between cells, the
 * arrow keys into and out of tables) handles every selection change and then re-syncs every
 * table in the article: about 0.1 ms a key in an article with five tables, wherever the caret is.
 * It is attached while it can act: the selection is near a table (see `$selectionNearTable`) or a
 * pointer goes down on one (before its own handler for that press runs); it is detached once the
 * caret has left, after its own listener has seen that last change.
 */
export function registerTableSelectionNearTables(editor: LexicalEditor): () => void {
  let detachObserver: (() => void) | null = null;
  let releasing = false;

  const attach = () => {
    // The observer works on the tables' DOM: an editor without a root (headless) has none.
    if (detachObserver || editor.getRootElement() === null) return;
    detachObserver = registerTableSelectionObserver(editor, true);
  };
  const detach = () => {
    detachObserver?.();
    detachObserver = null;
  };
  const near = (state: EditorState) => state.read(() => $selectionNearTable(), { editor });

  return mergeRegister(
    detach,
    editor.registerRootListener((root) => {
      detach();
      if (!root) return;
      const onPointerDown = (event: PointerEvent) => {
        if (event.target instanceof Element && event.target.closest('table')) attach();
      };
      // Capture on the root runs before the observer's own pointerdown listener on the window.
      root.addEventListener('pointerdown', onPointerDown, true);
      return () => root.removeEventListener('pointerdown', onPointerDown, true);
    }),
    editor.registerUpdateListener(({ editorState }) => {
      if (near(editorState)) {
        if (detachObserver) return;
        attach();
        if (!detachObserver) return;
        // The observer missed the change that brought the selection here: let it see it now.
        editor.dispatchCommand(SELECTION_CHANGE_COMMAND, undefined);
      } else if (detachObserver && !releasing) {
        // The observer's own listener for this update still has to run (it clears a cell highlight).
        releasing = true;
        setTimeout(() => {
          releasing = false;
          if (!near(editor.getEditorState())) detach();
        });
      }
    }),
  );
}

/**
 * Tables as `TableExtension` of @lexical/table sets them up for this editor (no merged cells, no
 * cell colours, no scroll wrapper), with its selection observer attached only near tables.
 */
export const TablesExtension = defineExtension({
  name: '@bientap/tables',
  nodes: () => [TableNode, TableRowNode, TableCellNode],
  dependencies: [CoreImportExtension, configExtension(DOMImportExtension, { rules: TableImportRules })],
  register: (editor) =>
    mergeRegister(
      registerTablePlugin(editor),
      registerTableCellUnmergeTransform(editor),
      editor.registerNodeTransform(TableCellNode, (node) => {
        if (node.getBackgroundColor() !== null) node.setBackgroundColor(null);
      }),
      registerTableSelectionNearTables(editor),
    ),
});
