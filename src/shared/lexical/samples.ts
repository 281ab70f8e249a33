import { createHeadlessEditor } from '@lexical/headless';
import type { Klass, LexicalEditor, LexicalNode } from 'lexical';
import { ImageNode } from './imageNode';
import { articleNodes } from './nodes';

// Stored documents that each side's tests read through their own editor and compare with the shared
// node set's reading: one reading everywhere is what keeps a stored article the same article.

const HASH = 'cd'.repeat(32);
const image = (fields: Record<string, unknown>) => ({ type: 'image', version: 1, hash: HASH, ...fields });

/** Images as they may be stored: by older versions, by hand, or by another client. */
export const STORED_IMAGES = {
  root: {
    type: 'root',
    version: 1,
    format: '',
    indent: 0,
    direction: null,
    children: [
      image({ caption: 'Không có cỡ' }),
      image({ width: 1600, caption: 'Chỉ có chiều rộng' }),
      image({ width: 0, height: 0 }),
      image({ width: -1, height: 300 }),
      image({ width: 1599.5, height: 1066.7, altText: 'Cỡ lẻ' }),
      image({ width: 1600, height: 1067, altText: 'Ngọ Môn', caption: 'Đêm khai mạc', credit: 'Ảnh: Minh Tâm' }),
      image({ width: 1, height: 1, caption: 7, credit: null }),
    ],
  },
} as const;

/** What `editor` stores after opening `state`: Lexical's import, then its export, as plain JSON. */
export function storedThrough(
  editor: LexicalEditor,
  state: unknown,
): { root: { children: Record<string, unknown>[] } } {
  editor.setEditorState(editor.parseEditorState(JSON.stringify(state)));
  return JSON.parse(JSON.stringify(editor.getEditorState().toJSON())) as never;
}

/** The shared node set's reading of `state`, the one every side must give. */
export function storedBySharedNodes(state: unknown): { root: { children: Record<string, unknown>[] } } {
  const editor = createHeadlessEditor({
    nodes: [...articleNodes()],
    onError: (error) => {
      throw error;
    },
  });
  return storedThrough(editor, state);
}

/** Whether `nodes` registers the image as the shared node or a subclass that leaves its JSON alone. */
export function imageClassKeepsSharedJSON(nodes: readonly Klass<LexicalNode>[]): boolean {
  const images = nodes.filter((klass) => klass === ImageNode || klass.prototype instanceof ImageNode);
  return (
    images.length === 1 &&
    images.every((klass) =>
      ['exportJSON', 'updateFromJSON', 'afterCloneFrom'].every(
        (method) => klass === ImageNode || !Object.hasOwn(klass.prototype, method),
      ),
    )
  );
}
