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

  it('finds a word split across a format change, and not across paragraphs', () => {
    const editor = editorWith(
      [
        ['Thừa Thiên H', 0],
        ['uế', 1],
        [' và Huế', 0],
      ],
      [['H', 0]],
      [['uế', 0]],
    );
    const matches = editor.getEditorState().read(() => $findMatches('Huế'));
    expect(matches).toHaveLength(2);
    const [split, plain] = matches;
    expect(split?.startKey).not.toBe(split?.endKey);
    expect(split).toMatchObject({ start: 11, end: 2 });
    expect(plain).toMatchObject({ start: 4, end: 7 });
    expect(plain?.startKey).toBe(plain?.endKey);
  });

  it('replaces across format runs: the replacement takes the format where the match starts', () => {
    const editor = editorWith([
      ['Tỉnh ', 0],
      ['Thừa Thiên H', 1],
      ['uế', 0],
      [' – Huế', 2],
    ]);
    let replaced = 0;
    editor.update(
      () => {
        replaced = $replaceAll('Thiên Huế', 'Thiên Huế xưa');
      },
      { discrete: true },
    );
    expect(replaced).toBe(1);
    const runs = editor.getEditorState().read(() =>
      $getRoot()
        .getAllTextNodes()
        .map((node) => [node.getTextContent(), node.getFormat()]),
    );
    expect(runs).toEqual([
      ['Tỉnh ', 0],
      ['Thừa Thiên Huế xưa', 1],
      [' – Huế', 2],
    ]);
  });

  it('finds nothing for an empty query', () => {
    const editor = editorWith([['Huế', 0]]);
    expect(editor.getEditorState().read(() => $findMatches(''))).toEqual([]);
  });
});
