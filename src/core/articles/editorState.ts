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

/** Plain text of the body, one line per block; the core derives it rather than trusting a client's copy. */
export function editorStateToText(state: EditorState): string {
  const blocks: string[] = [];
  const visit = (node: EditorNode, into: string[]): void => {
    if (node.type === 'text') into.push(node.text ?? '');
    else if (node.type === 'linebreak') into.push('\n');
    else if (node.type === 'tab') into.push('\t');
    if (!node.children) return;
    if (BLOCK_TYPES.has(node.type)) {
      const parts: string[] = [];
      const nestedBlocks: EditorNode[] = [];
      for (const child of node.children) {
        if (child.type === 'list') nestedBlocks.push(child);
        else visit(child, parts);
      }
      blocks.push(parts.join(''));
      for (const nested of nestedBlocks) visit(nested, into);
    } else {
      for (const child of node.children) visit(child, into);
    }
  };
  for (const child of state.root.children) visit(child, []);
  return blocks.join('\n');
}
