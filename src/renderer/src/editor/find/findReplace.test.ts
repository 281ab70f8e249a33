import { createHeadlessEditor } from '@lexical/headless';
import { $createParagraphNode, $createTextNode, $getRoot, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { $findMatches, $replaceAll } from './findReplace';

function editorWith(...paragraphs: [string, number][][]): LexicalEditor {
  const editor = createHeadlessEditor({
    onError: (error) => {
      throw error;
    },
  });
  editor.update(
    () => {
      for (const runs of paragraphs) {
        const paragraph = $createParagraphNode();
        for (const [text, format] of runs) paragraph.append($createTextNode(text).setFormat(format));
        $getRoot().append(paragraph);
      }
    },
    { discrete: true },
  );
  return editor;
}

describe('find and replace', () => {
  it('finds every occurrence, a decomposed query included', () => {
    const editor = editorWith([['Tỉnh ủy và Thành ủy', 0]], [['Tỉnh ủy', 1]]);
    const matches = editor.getEditorState().read(() => $findMatches('u\u0309y'));
    expect(matches).toHaveLength(3);
    expect(matches[0]).toMatchObject({ start: 5, end: 7 });
  });

  it('replaces every occurrence and keeps each run in its format', () => {
    const editor = editorWith([
      ['Tỉnh ủy, Thành ủy', 0],
      [' – ủy ban', 1],
    ]);
    let replaced = 0;
    editor.update(
      () => {
        replaced = $replaceAll('ủy', 'uỷ');
      },
      { discrete: true },
    );
    expect(replaced).toBe(3);
    const runs = editor.getEditorState().read(() =>
      $getRoot()
        .getAllTextNodes()
        .map((node) => [node.getTextContent(), node.getFormat()]),
    );
    expect(runs).toEqual([
      ['Tỉnh uỷ, Thành uỷ', 0],
      [' – uỷ ban', 1],
    ]);
  });

  it('finds nothing for an empty query', () => {
    const editor = editorWith([['Huế', 0]]);
    expect(editor.getEditorState().read(() => $findMatches(''))).toEqual([]);
  });
});
