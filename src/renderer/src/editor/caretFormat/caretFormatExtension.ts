import {
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_CRITICAL,
  DELETE_CHARACTER_COMMAND,
  defineExtension,
  type LexicalEditor,
} from 'lexical';

/**
 * Keeps the caret's format across a Backspace. Windows input methods (Unikey, EVKey) do not
 * compose: to turn "Hue" into "Huế" they send Backspace, then "ế". Once the plain "e" after a
 * bold "Hu" is deleted the caret touches the bold run, and Lexical would take bold from it, so
 * the replacement letter (and with it the whole word) turned bold. The letter typed after a
 * Backspace gets the format the caret had before it, as it would have without the round trip.
 *
 * It only observes the deletion (returns false): the delete itself, and every key event an
 * input method sends, go through Lexical unchanged.
 */
export function registerCaretFormat(editor: LexicalEditor): () => void {
  return editor.registerCommand(
    DELETE_CHARACTER_COMMAND,
    (isBackward) => {
      const selection = $getSelection();
      if (!isBackward || !$isRangeSelection(selection) || !selection.isCollapsed()) return false;
      if (selection.anchor.type !== 'text' || selection.anchor.offset === 0) return false;
      const { format, style } = selection;
      // Queued behind the deletion, in the same update: runs once the caret has moved.
      editor.update(() => {
        const after = $getSelection();
        if (!$isRangeSelection(after) || !after.isCollapsed()) return;
        after.format = format;
        after.style = style;
        after.dirty = true;
      });
      return false;
    },
    COMMAND_PRIORITY_CRITICAL,
  );
}

export const CaretFormatExtension = defineExtension({
  name: '@bientap/caret-format',
  register: (editor) => registerCaretFormat(editor),
});
