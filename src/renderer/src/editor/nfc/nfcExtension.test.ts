import { createHeadlessEditor } from '@lexical/headless';
import { $createParagraphNode, $createTextNode, $getRoot, $getSelection, $isRangeSelection } from 'lexical';
import { describe, expect, it } from 'vitest';
import { NFC_STABLE, hasUnsafeCharacters } from '../../../../shared/text';
import { cleanStrings } from '../../../../shared/cleanStrings';
import { CLEAN_AND_STABLE, cleanOffset, cleanText, nfcOffset, registerNfc } from './nfcExtension';

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

describe('characters the core refuses', () => {
  it('lets through on the fast path only characters that are both safe and left alone by NFC', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      if (!CLEAN_AND_STABLE.test(char)) continue;
      expect(hasUnsafeCharacters(char), code.toString(16)).toBe(false);
      expect(NFC_STABLE.test(char), code.toString(16)).toBe(true);
    }
  });

  it('drops them from a text node as it changes and keeps the caret after the same letters', () => {
    const editor = editorWithNfc();
    const dirty = 'Tiê\u0301u\u0001 đề\u0008 cũ\u007f';
    editor.update(
      () => {
        const text = $createTextNode(dirty);
        $getRoot().append($createParagraphNode().append(text));
        const afterTitle = dirty.indexOf(' cũ');
        text.select(afterTitle, afterTitle);
      },
      { discrete: true },
    );
    editor.getEditorState().read(() => {
      expect($getRoot().getTextContent()).toBe('Tiếu đề cũ');
      const selection = $getSelection();
      expect($isRangeSelection(selection) && selection.anchor.offset).toBe('Tiếu đề'.length);
    });
    expect(cleanOffset(dirty, dirty.length)).toBe('Tiếu đề cũ'.length);
  });

  it('cleans a text node loaded from a stored state as soon as the reporter types in it', () => {
    const editor = editorWithNfc();
    const stored = {
      root: {
        type: 'root',
        version: 1,
        direction: null,
        format: '',
        indent: 0,
        children: [
          {
            type: 'paragraph',
            version: 1,
            direction: null,
            format: '',
            indent: 0,
            textFormat: 0,
            textStyle: '',
            children: [
              { type: 'text', version: 1, text: 'Bài\u0001 cũ', detail: 0, format: 0, mode: 'normal', style: '' },
            ],
          },
        ],
      },
    };
    editor.setEditorState(editor.parseEditorState(JSON.stringify(stored)));
    editor.update(
      () => {
        $getRoot().selectEnd();
        const selection = $getSelection();
        if ($isRangeSelection(selection)) selection.insertText(' mới');
      },
      { discrete: true },
    );
    expect(editor.getEditorState().read(() => $getRoot().getTextContent())).toBe('Bài cũ mới');
  });

  it('keeps emoji and leaves clean text alone', () => {
    expect(cleanText('Hoa sen 🪷 nở')).toBe('Hoa sen 🪷 nở');
    expect(cleanText('nửa \ud83c emoji')).toBe('nửa  emoji');
    const clean = 'Tỉnh ủy\tThừa Thiên Huế';
    expect(cleanText(clean)).toBe(clean);
  });
});

describe('cleanStrings', () => {
  it('cleans every string however deep and returns clean values as they were', () => {
    const article = {
      title: 'Tiêu\u0001 đề',
      tags: ['văn hoá', 'lễ\u0008 hội'],
      body: {
        root: {
          children: [
            { type: 'image', caption: 'Ảnh\u001f', width: 800 },
            { type: 'text', text: 'sạch' },
          ],
        },
      },
      version: 3,
      featuredImage: null,
    };
    const cleaned = cleanStrings(article);
    expect(cleaned).toEqual({
      title: 'Tiêu đề',
      tags: ['văn hoá', 'lễ hội'],
      body: {
        root: {
          children: [
            { type: 'image', caption: 'Ảnh', width: 800 },
            { type: 'text', text: 'sạch' },
          ],
        },
      },
      version: 3,
      featuredImage: null,
    });
    expect(article.title).toBe('Tiêu\u0001 đề');
    const clean = { title: 'Sạch', tags: ['a'], body: { root: { children: [] } } };
    expect(cleanStrings(clean)).toBe(clean);
  });
});
