import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { CAN_REDO_COMMAND, CAN_UNDO_COMMAND, COMMAND_PRIORITY_CRITICAL, REDO_COMMAND, UNDO_COMMAND } from 'lexical';
import { useEffect } from 'react';
import * as Y from 'yjs';
import { bindFlow } from '../../../shared/collab/binding';
import { CONTENT_ROOT } from '../../../shared/collab/meta';
import type { LiveSession } from '../../../shared/collab/session';

/** Edits typed within this long are undone together, as Lexical's own history groups them. */
const UNDO_GROUP_MS = 500;

/**
 * Binds the body editor to the article's shared document (src/shared/collab): what is typed here is
 * written into it, what arrives from elsewhere is shown in place, the caret kept between the same
 * letters. Undo takes back only this editor's own edits (Yjs's undo manager, tracking the binding's
 * writes); Lexical's history is off, since restoring an earlier state of the whole editor would
 * also take back what others wrote since.
 */
export function LivePlugin({ live }: { live: LiveSession }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const text = live.doc.getText(CONTENT_ROOT);
    const binding = bindFlow(editor, text, { writes: true });
    binding.load();
    const undo = new Y.UndoManager(text, { trackedOrigins: new Set([binding.origin]), captureTimeout: UNDO_GROUP_MS });
    const announce = () => {
      editor.dispatchCommand(CAN_UNDO_COMMAND, undo.canUndo());
      editor.dispatchCommand(CAN_REDO_COMMAND, undo.canRedo());
    };
    undo.on('stack-item-added', announce);
    undo.on('stack-item-popped', announce);
    undo.on('stack-cleared', announce);
    // A change from elsewhere applied in the middle of a Vietnamese composition would break the word
    // being composed (duplicated letters, a caret thrown elsewhere): it waits for the word to end.
    live.holdWhile(() => editor.isComposing());
    let releasing: ReturnType<typeof setTimeout> | null = null;
    const release = () => {
      releasing = null;
      // Lexical ends its composition in its own handler of the event: tried again until it has.
      if (!live.release()) releasing = setTimeout(release, 20);
    };
    const ended = () => {
      if (releasing === null) releasing = setTimeout(release, 0);
    };
    const unregister = mergeRegister(
      editor.registerRootListener((root, previous) => {
        previous?.removeEventListener('compositionend', ended);
        root?.addEventListener('compositionend', ended);
      }),
      editor.registerCommand(
        UNDO_COMMAND,
        () => {
          undo.undo();
          return true;
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
      editor.registerCommand(
        REDO_COMMAND,
        () => {
          undo.redo();
          return true;
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
    );
    return () => {
      unregister();
      if (releasing !== null) clearTimeout(releasing);
      live.holdWhile(() => false);
      live.release();
      undo.destroy();
      binding.dispose();
    };
  }, [editor, live]);
  return null;
}
