import { buildEditorFromExtensions } from '@lexical/extension';
import { $getRoot, createEditor } from 'lexical';
import { isValidElement } from 'react';
import { describe, expect, it } from 'vitest';
import { EDITOR_NODE_TYPES, type EditorState } from '../../../shared/domain';
import {
  STORED_IMAGES,
  imageClassKeepsSharedJSON,
  storedBySharedNodes,
  storedThrough,
} from '../../../shared/lexical/samples';
import { createBodyExtension } from './extension';
import { EditorImageNode } from './images/ImageNode';
import { ImageView } from './images/ImageView';
import { EDITOR_NODES } from './nodes';

describe('editor nodes', () => {
  it('registers only node types the core accepts', () => {
    const editor = createEditor({
      nodes: [...EDITOR_NODES],
      onError: (error) => {
        throw error;
      },
    });
    const registered = [...editor._nodes.keys()].filter((type) => type !== 'artificial');
    expect(registered.length).toBeGreaterThan(5);
    for (const type of registered) expect(EDITOR_NODE_TYPES).toContain(type);
  });

  it('opens stored images as the shared editor nodes (and so the publisher) read them', () => {
    // The article editor as the app configures it, extensions and all, without a page.
    const editor = buildEditorFromExtensions(
      createBodyExtension(STORED_IMAGES as unknown as EditorState, (error) => {
        throw error;
      }),
    );
    try {
      const opened: unknown = JSON.parse(JSON.stringify(editor.getEditorState().toJSON()));
      expect(opened).toEqual(storedBySharedNodes(STORED_IMAGES));
      expect(storedThrough(editor, opened)).toEqual(opened);
    } finally {
      editor.dispose();
    }
    expect(imageClassKeepsSharedJSON(EDITOR_NODES)).toBe(true);
  });

  it('shows a stored image through its editor view, with the stored fields', () => {
    const editor = createEditor({
      nodes: [...EDITOR_NODES],
      onError: (error) => {
        throw error;
      },
    });
    const image = { type: 'image', version: 1, hash: 'ef'.repeat(32), caption: 'Chợ Đông Ba' };
    const root = { type: 'root', version: 1, format: '', indent: 0, direction: null, children: [image] };
    editor.setEditorState(editor.parseEditorState(JSON.stringify({ root })));
    editor.getEditorState().read(() => {
      const node = $getRoot().getFirstChild();
      expect(node).toBeInstanceOf(EditorImageNode);
      const view = (node as EditorImageNode).decorate();
      expect(isValidElement(view) && view.type).toBe(ImageView);
      expect((view.props as { payload: unknown }).payload).toEqual({
        hash: 'ef'.repeat(32),
        width: 0,
        height: 0,
        altText: '',
        caption: 'Chợ Đông Ba',
        credit: '',
      });
    });
  });
});
