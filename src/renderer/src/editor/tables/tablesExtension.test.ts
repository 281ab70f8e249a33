import { createHeadlessEditor } from '@lexical/headless';
import {
  $createTableNodeWithDimensions,
  $createTableSelection,
  $isTableCellNode,
  TableCellNode,
  TableNode,
  TableRowNode,
} from '@lexical/table';
import {
  $createNodeSelection,
  $createParagraphNode,
  $createTextNode,
  $getNodeByKey,
  $getRoot,
  $setSelection,
  type LexicalEditor,
  type TextNode,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { $selectionNearTable } from './tablesExtension';

/** far paragraph, paragraph, 2×2 table, paragraph: the texts to put the caret in, and the table's cells. */
function article() {
  const editor = createHeadlessEditor({
    nodes: [TableNode, TableRowNode, TableCellNode],
    onError: (error) => {
      throw error;
    },
  });
  const texts: Record<'far' | 'before' | 'after', string> = { far: '', before: '', after: '' };
  let tableKey = '';
  const cells: string[] = [];
  editor.update(
    () => {
      const paragraph = (text: string) => {
        const node = $createTextNode(text);
        $getRoot().append($createParagraphNode().append(node));
        return node.getKey();
      };
      texts.far = paragraph('Đoạn xa bảng.');
      texts.before = paragraph('Đoạn ngay trước bảng.');
      const table = $createTableNodeWithDimensions(2, 2, false);
      $getRoot().append(table);
      tableKey = table.getKey();
      for (const cell of table.getChildren().flatMap((row) => (row as TableRowNode).getChildren())) {
        if ($isTableCellNode(cell)) cells.push(cell.getKey());
      }
      texts.after = paragraph('Đoạn ngay sau bảng.');
    },
    { discrete: true },
  );
  return { editor, texts, tableKey, cells };
}

function near(editor: LexicalEditor, select: () => void): boolean {
  editor.update(select, { discrete: true });
  return editor.getEditorState().read(() => $selectionNearTable());
}

const text = (key: string) =>
  $getRoot()
    .getAllTextNodes()
    .find((node) => node.getKey() === key) as TextNode;

describe('when the table selection observer is needed', () => {
  it('not for a caret in a paragraph with no table beside it', () => {
    const { editor, texts } = article();
    expect(near(editor, () => void text(texts.far).select(3, 3))).toBe(false);
    expect(near(editor, () => $setSelection(null))).toBe(false);
  });

  it('for a caret in a cell or in a block next to a table, where the arrow keys lead into it', () => {
    const { editor, texts, cells } = article();
    expect(near(editor, () => void text(texts.before).select(0, 0))).toBe(true);
    expect(near(editor, () => void text(texts.after).select(2, 2))).toBe(true);
    expect(near(editor, () => void $getNodeByKey<TableCellNode>(cells[3]!)!.selectStart())).toBe(true);
  });

  it('for a selection that spans text, which may reach into a table, and for a cell selection', () => {
    const { editor, texts, tableKey, cells } = article();
    expect(near(editor, () => void text(texts.far).select(0, 4))).toBe(true);
    expect(
      near(editor, () => {
        const selection = $createTableSelection();
        selection.set(tableKey, cells[0]!, cells[3]!);
        $setSelection(selection);
      }),
    ).toBe(true);
  });

  it('not for a selected image or rule (a node selection)', () => {
    const { editor, texts } = article();
    expect(
      near(editor, () => {
        const selection = $createNodeSelection();
        selection.add(text(texts.far).getParentOrThrow().getKey());
        $setSelection(selection);
      }),
    ).toBe(false);
  });
});
