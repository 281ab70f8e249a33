import { createHeadlessEditor } from '@lexical/headless';
import { $createParagraphNode, $createTextNode, $getRoot, $getSelection, $isRangeSelection } from 'lexical';
import { describe, expect, it } from 'vitest';
import { nfcOffset, registerNfc } from './nfcExtension';

function editorWithNfc() {
  const editor = createHeadlessEditor({
    onError: (error) => {
      throw error;
    },
  });
  registerNfc(editor);
  return editor;
}

describe('NFC transform', () => {
  it('maps a caret offset in decomposed text to the same place in the composed text', () => {
    const nfd = 'Vie\u0323\u0302t Nam'; // "Việt Nam" with two combining marks
    expect(nfcOffset(nfd, nfd.length)).toBe('Việt Nam'.length);
    expect(nfcOffset(nfd, 6)).toBe(4); // after "Việt"
    expect(nfcOffset(nfd, 0)).toBe(0);
  });

  it('stores decomposed text composed and keeps the caret after the same letters', async () => {
    const editor = editorWithNfc();
    const nfd = 'đu\u031Bo\u031B\u0300ng hoa\u0300'; // "đường hoà" decomposed
    await editor.update(
      () => {
        const text = $createTextNode(nfd);
        $getRoot().append($createParagraphNode().append(text));
        const afterWord = nfd.indexOf(' ');
        text.select(afterWord, afterWord);
      },
      { discrete: true },
    );
    editor.getEditorState().read(() => {
      expect($getRoot().getTextContent()).toBe('đường hoà');
      expect($getRoot().getTextContent()).toBe('đường hoà'.normalize('NFC'));
      const selection = $getSelection();
      expect($isRangeSelection(selection) && selection.anchor.offset).toBe('đường'.length);
    });
  });

  it('leaves text that is already composed untouched', () => {
    const editor = editorWithNfc();
    editor.update(
      () => {
        $getRoot().append($createParagraphNode().append($createTextNode('Tỉnh ủy Thừa Thiên Huế')));
      },
      { discrete: true },
    );
    expect(editor.getEditorState().read(() => $getRoot().getTextContent())).toBe('Tỉnh ủy Thừa Thiên Huế');
  });
});
