import type { EditorNode, EditorState } from '../../shared/domain';
import { nfc } from '../../shared/text';

/** An empty document: one empty paragraph, as Lexical itself starts. */
export function emptyEditorState(): EditorState {
  return {
    root: {
      type: 'root',
      version: 1,
      format: '',
      indent: 0,
      direction: null,
      children: [paragraphNode([])],
    },
  };
}

export function paragraphNode(children: EditorNode[]): EditorNode {
  return {
    type: 'paragraph',
    version: 1,
    format: '',
    indent: 0,
    direction: null,
    textFormat: 0,
    textStyle: '',
    children,
  };
}

/** A body of plain paragraphs, one per line given. */
export function paragraphsState(...lines: string[]): EditorState {
  const state = emptyEditorState();
  state.root.children = lines.map((line) => paragraphNode([textNode(line)]));
  return state;
}

export function textNode(text: string): EditorNode {
  return { type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' };
}

/** Every string in the state, NFC: decomposed input from any keyboard or paste is stored composed. */
export function normalizeEditorState<T>(value: T): T {
  if (typeof value === 'string') return nfc(value) as T;
  // Copy on write: text typed in an editor is NFC already, so an autosave allocates nothing here.
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const normal = normalizeEditorState(item);
      if (normal !== item) (out ??= value.slice())[i] = normal;
    }
    return (out ?? value) as T;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    let out: Record<string, unknown> | null = null;
    for (const key in record) {
      const item = record[key];
      const normal = normalizeEditorState(item);
      if (normal !== item) (out ??= { ...record })[key] = normal;
    }
    return (out ?? value) as T;
  }
  return value;
}

const BLOCK_TYPES = new Set(['paragraph', 'heading', 'quote', 'listitem']);

/**
 * The blocks of the body's plain text in reading order, each block's text as one string (a line
 * break inside a block stays in it). A block holding a single text node is that node's own string.
 */
export function editorStateBlocks(state: EditorState): string[] {
  const blocks: string[] = [];
  // The text a node adds to the block around it; blocks inside it go to `blocks` as they end.
  const visit = (node: EditorNode): string => {
    let inline =
      node.type === 'text' ? (node.text ?? '') : node.type === 'linebreak' ? '\n' : node.type === 'tab' ? '\t' : '';
    if (!node.children) return inline;
    if (BLOCK_TYPES.has(node.type)) {
      let own = '';
      let nestedLists: EditorNode[] | null = null;
      for (const child of node.children) {
        if (child.type === 'list') (nestedLists ??= []).push(child);
        else own += visit(child);
      }
      blocks.push(own);
      // A list inside a list item makes blocks of its own, after the item's line.
      if (nestedLists) for (const nested of nestedLists) inline += visit(nested);
    } else {
      for (const child of node.children) inline += visit(child);
    }
    return inline;
  };
  for (const child of state.root.children) visit(child);
  return blocks;
}

/** Plain text of the body, one line per block; the core derives it rather than trusting a client's copy. */
export function editorStateToText(state: EditorState): string {
  return editorStateBlocks(state).join('\n');
}
