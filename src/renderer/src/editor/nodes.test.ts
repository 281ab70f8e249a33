import { buildEditorFromExtensions } from '@lexical/extension';
import { createEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { EDITOR_NODE_TYPES, type EditorState } from '../../../shared/domain';
import {
  STORED_IMAGES,
  imageClassKeepsSharedJSON,
  storedBySharedNodes,
  storedThrough,
} from '../../../shared/lexical/samples';
import { createBodyExtension } from './extension';
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
});
