import {
  $getSelection,
  $isRangeSelection,
  $isTextNode,
  COMMAND_PRIORITY_LOW,
  COMPOSITION_END_COMMAND,
  TextNode,
  defineExtension,
  mergeRegister,
  type LexicalEditor,
  type PointType,
} from 'lexical';
import { nfc, stripUnsafeCharacters } from '../../../../shared/text';

/** Where an offset into `text` lands once the text is NFC: the caret stays after the same letters. */
export function nfcOffset(text: string, offset: number): number {
  return text.slice(0, offset).normalize('NFC').length;
}

/**
 * What the fast path lets through untouched: the characters NFC leaves alone (`NFC_STABLE`) less
 * the controls the core refuses (DEL and C1 sit inside its Latin range). Checked on every keystroke.
 */
export const CLEAN_AND_STABLE = /^[\t\n\r\u0020-\u007E\u00A0-\u02FF\u1E00-\u1EFF\u2010-\u205F]*$/;

/** The text as the editor keeps it: without the characters the core refuses, and NFC. */
export function cleanText(text: string): string {
  return CLEAN_AND_STABLE.test(text) ? text : nfc(stripUnsafeCharacters(text));
}

/** Where an offset into `text` lands once the text is cleaned: the caret stays after the same letters. */
export function cleanOffset(text: string, offset: number): number {
  return stripUnsafeCharacters(text.slice(0, offset)).normalize('NFC').length;
}

function $movePoint(point: PointType, key: string, before: string): void {
  if (point.type === 'text' && point.key === key) point.offset = cleanOffset(before, point.offset);
}

/**
 * Rewrites one text node without the characters the core refuses (text stored before they were
 * refused can hold them) and in NFC, keeping the caret after the same letters; call inside an update.
 */
export function $normalizeTextNode(node: TextNode): void {
  const before = node.getTextContent();
  const after = cleanText(before);
  if (after === before) return;
  const selection = $getSelection();
  const key = node.getKey();
  node.setTextContent(after);
  if ($isRangeSelection(selection)) {
    $movePoint(selection.anchor, key, before);
    $movePoint(selection.focus, key, before);
  }
}

/**
 * Keeps every text node clean and NFC, whatever the stored article, the keyboard or a paste
 * delivered. It leaves text alone
 * while an input method is composing: rewriting the composition under it would make the IME
 * lose its place and repeat or drop letters. The node is normalized once the composition ends.
 */
export function registerNfc(editor: LexicalEditor): () => void {
  return mergeRegister(
    editor.registerNodeTransform(TextNode, (node) => {
      if (!editor.isComposing()) $normalizeTextNode(node);
    }),
    // A composition can end without changing its node (the IME commits what it showed), so no
    // transform would run; look at the node the caret is in once the end has been handled.
    editor.registerCommand(
      COMPOSITION_END_COMMAND,
      () => {
        editor.update(() => {
          const selection = $getSelection();
          if (!$isRangeSelection(selection)) return;
          const node = selection.anchor.getNode();
          if ($isTextNode(node) && node.isAttached()) $normalizeTextNode(node);
        });
        return false;
      },
      COMMAND_PRIORITY_LOW,
    ),
  );
}

export const NfcExtension = defineExtension({
  name: '@bientap/nfc',
  register: (editor) => registerNfc(editor),
});
