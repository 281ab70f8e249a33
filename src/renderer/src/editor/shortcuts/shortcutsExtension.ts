import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND } from '@lexical/list';
import {
  COMMAND_PRIORITY_LOW,
  FORMAT_ELEMENT_COMMAND,
  FORMAT_TEXT_COMMAND,
  IS_APPLE,
  KEY_DOWN_COMMAND,
  defineExtension,
  type LexicalEditor,
} from 'lexical';
import { setBlock } from '../toolbar/blocks';
import { OPEN_FIND_COMMAND, OPEN_LINK_DIALOG_COMMAND } from './commands';

type Action = (editor: LexicalEditor) => void;

/**
 * Shortcuts beyond Lexical's own (Ctrl+B/I/U, Ctrl+Z/Y), keyed by physical key so they work on
 * any keyboard layout. Listed in the toolbar's tooltips.
 */
const PLAIN: Record<string, Action> = {
  KeyK: (editor) => editor.dispatchCommand(OPEN_LINK_DIALOG_COMMAND, undefined),
  KeyF: (editor) => editor.dispatchCommand(OPEN_FIND_COMMAND, undefined),
  KeyH: (editor) => editor.dispatchCommand(OPEN_FIND_COMMAND, undefined),
};
const SHIFT: Record<string, Action> = {
  KeyX: (editor) => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'strikethrough'),
  Digit7: (editor) => editor.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined),
  Digit8: (editor) => editor.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined),
  Digit9: (editor) => setBlock(editor, 'quote'),
  KeyL: (editor) => editor.dispatchCommand(FORMAT_ELEMENT_COMMAND, 'left'),
  KeyE: (editor) => editor.dispatchCommand(FORMAT_ELEMENT_COMMAND, 'center'),
  KeyR: (editor) => editor.dispatchCommand(FORMAT_ELEMENT_COMMAND, 'right'),
  KeyJ: (editor) => editor.dispatchCommand(FORMAT_ELEMENT_COMMAND, 'justify'),
};
const ALT: Record<string, Action> = {
  Digit0: (editor) => setBlock(editor, 'paragraph'),
  Digit2: (editor) => setBlock(editor, 'h2'),
  Digit3: (editor) => setBlock(editor, 'h3'),
  Digit4: (editor) => setBlock(editor, 'h4'),
};

/**
 * Only Ctrl (⌘) combinations are looked at, and never while an input method composes: a plain
 * key, Backspace included, always reaches the IME and Lexical untouched.
 */
export function registerShortcuts(editor: LexicalEditor): () => void {
  return editor.registerCommand(
    KEY_DOWN_COMMAND,
    (event) => {
      if (event.isComposing || editor.isComposing()) return false;
      const mod = IS_APPLE ? event.metaKey : event.ctrlKey;
      if (!mod) return false;
      const table = event.altKey ? (event.shiftKey ? null : ALT) : event.shiftKey ? SHIFT : PLAIN;
      const action = table?.[event.code];
      if (!action) return false;
      event.preventDefault();
      action(editor);
      return true;
    },
    COMMAND_PRIORITY_LOW,
  );
}

export const ShortcutsExtension = defineExtension({
  name: '@bientap/shortcuts',
  register: (editor) => registerShortcuts(editor),
});
