import type { EditorNode, EditorState } from '../../shared/domain';
import { PROOF_BLOCK_TYPES } from '../../shared/proofreadApi';

/**
 * The blocks proofreading checks, from a stored editor state. The editor's panel builds the same
 * list from its live nodes (src/renderer/src/proofread/blocks.ts), so a finding's block number
 * and offsets mean the same text on both sides:
 *
 * - a block is every paragraph, heading, quote and list item, in document order, wherever it sits
 *   (table cells hold paragraphs, so each cell paragraph is a block of its own);
 * - its text is its inline content: text runs (links included), a line break as "\n", a tab as "\t";
 * - a list nested in a list item is not part of that item's text: its items are blocks that follow;
 * - image captions and alt text are not blocks: they are fields of the image, not text in the flow.
 */
export function editorStateBlocks(state: EditorState): string[] {
  const blocks: string[] = [];
  const inline = (node: EditorNode, into: string[], nested: EditorNode[]): void => {
    if (node.type === 'text') into.push(node.text ?? '');
    else if (node.type === 'linebreak') into.push('\n');
    else if (node.type === 'tab') into.push('\t');
    else if (PROOF_BLOCK_TYPES.has(node.type) || node.type === 'list') nested.push(node);
    else for (const child of node.children ?? []) inline(child, into, nested);
  };
  const visit = (node: EditorNode): void => {
    if (!PROOF_BLOCK_TYPES.has(node.type)) {
      for (const child of node.children ?? []) visit(child);
      return;
    }
    const parts: string[] = [];
    const nested: EditorNode[] = [];
    for (const child of node.children ?? []) inline(child, parts, nested);
    blocks.push(parts.join(''));
    for (const child of nested) visit(child);
  };
  for (const child of state.root.children) visit(child);
  return blocks;
}
