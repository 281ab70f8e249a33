import {
  $getNodeByKey,
  $getRoot,
  $isDecoratorNode,
  $isElementNode,
  $isLineBreakNode,
  $isTextNode,
  type ElementNode,
  type LexicalNode,
} from 'lexical';
import { PROOF_BLOCK_TYPES } from '../../../shared/proofreadApi';

/** One stretch of a block's text: a text node (tabs are text nodes too) or a line break ("\n"). */
export interface Piece {
  key: string;
  /** Offset of this piece within its block's text. */
  at: number;
  size: number;
  isText: boolean;
}

export interface ProofBlock {
  /** The key of the paragraph, heading, quote or list item. */
  key: string;
  text: string;
  pieces: Piece[];
}

const isBlock = (node: LexicalNode): boolean => $isElementNode(node) && PROOF_BLOCK_TYPES.has(node.getType());

/** One block's text and pieces; nested lists and blocks are collected for the caller to visit next. */
function $readBlock(block: ElementNode, nested: ElementNode[]): ProofBlock {
  const pieces: Piece[] = [];
  let text = '';
  const inline = (node: LexicalNode) => {
    if ($isTextNode(node)) {
      const content = node.getTextContent();
      pieces.push({ key: node.getKey(), at: text.length, size: content.length, isText: true });
      text += content;
    } else if ($isLineBreakNode(node)) {
      pieces.push({ key: node.getKey(), at: text.length, size: 1, isText: false });
      text += '\n';
    } else if ($isElementNode(node)) {
      if (isBlock(node) || node.getType() === 'list') nested.push(node);
      else for (const child of node.getChildren()) inline(child);
    }
    // Decorators (images) carry no text in the flow.
  };
  for (const child of block.getChildren()) inline(child);
  return { key: block.getKey(), text, pieces };
}

/**
 * The blocks of the live document, by the rules in src/shared/proofreadApi.ts (PROOF_BLOCK_TYPES)
 * that src/core/proofread/blocks.ts applies to the stored state: every paragraph, heading, quote
 * and list item in document order, a line break as "\n", a tab as "\t", a nested list's items as
 * blocks of their own after their parent item.
 */
export function $proofBlocks(): ProofBlock[] {
  const blocks: ProofBlock[] = [];
  const visit = (node: LexicalNode) => {
    if ($isDecoratorNode(node) || !$isElementNode(node)) return;
    if (!isBlock(node)) {
      for (const child of node.getChildren()) visit(child);
      return;
    }
    const nested: ElementNode[] = [];
    blocks.push($readBlock(node, nested));
    for (const child of nested) visit(child);
  };
  for (const child of $getRoot().getChildren()) visit(child);
  return blocks;
}

/** One block as it is now, by key; null when it is gone. */
export function $proofBlock(key: string): ProofBlock | null {
  const node = $getNodeByKey(key);
  return $isElementNode(node) && isBlock(node) ? $readBlock(node, []) : null;
}

/**
 * The text node and offset inside it for a block offset. A start belongs to the piece it opens,
 * an end to the piece it closes; a point on a line break has no text node and gives null.
 */
export function pointAt(block: ProofBlock, offset: number, isEnd: boolean): { key: string; offset: number } | null {
  for (const piece of block.pieces) {
    const inside = isEnd
      ? offset > piece.at && offset <= piece.at + piece.size
      : offset >= piece.at && offset < piece.at + piece.size;
    if (inside) return piece.isText ? { key: piece.key, offset: offset - piece.at } : null;
  }
  return null;
}
