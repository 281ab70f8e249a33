import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { LexicalEditor } from 'lexical';
import { useLayoutEffect, type RefObject } from 'react';

/** Hands the editor instance to the screen that owns it (autosave reads its state at save time). */
export function EditorHandlePlugin({ editorRef }: { editorRef: RefObject<LexicalEditor | null> }) {
  const [editor] = useLexicalComposerContext();
  useLayoutEffect(() => {
    editorRef.current = editor;
    return () => {
      if (editorRef.current === editor) editorRef.current = null;
    };
  }, [editor, editorRef]);
  return null;
}
