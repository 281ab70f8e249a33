import { describe, expect, it } from 'vitest';
import { countWords } from '../../shared/text';
import type { EditorState } from '../../shared/domain';
import { emptyEditorState, paragraphNode, textNode } from './editorState';
import { prepareContent } from './content';

function state(...paragraphs: string[]): EditorState {
  const body = emptyEditorState();
  body.root.children = paragraphs.map((p) => paragraphNode([textNode(p)]));
  return body;
}

describe('prepareContent', () => {
  it('counts the words of the whole body, the same again when a save changes one paragraph', () => {
    const paragraphs = ['Thành phố Huế, ngày 12/4/2021 —', 'kinh tế - xã hội.', 'Công văn 03/CT-UBND.', '', '  '];
    const first = prepareContent('', '', state(...paragraphs));
    expect(first.wordCount).toBe(countWords(first.bodyText));
    expect(first.wordCount).toBe(12);
    // Words joined across a line are still two: the line break is not a joiner.
    const edited = prepareContent('', '', state(...paragraphs.slice(0, 2), 'Công văn 03/CT-', 'UBND.'));
    expect(edited.wordCount).toBe(countWords(edited.bodyText));
    expect(edited.wordCount).toBe(13);
  });
});
