import { $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';
import { hasUnsafeCharacters } from '../../../../shared/text';
import { bodyEditor, pasteInto, usePageGlobals } from '../testEditor';

usePageGlobals();

/** Pastes through Lexical's own clipboard code into the article editor, as Ctrl+V does. */
function paste(data: Record<string, string>): { text: string; json: string } {
  const editor = bodyEditor();
  pasteInto(editor, data);
  const state = editor.getEditorState();
  return { text: state.read(() => $getRoot().getTextContent()), json: JSON.stringify(state.toJSON()) };
}

/** Every string in the stored JSON, unescaped, so that a control escaped as \u0001 is seen as one. */
function strings(json: string): string[] {
  const found: string[] = [];
  JSON.parse(json, (_key, value: unknown) => {
    if (typeof value === 'string') found.push(value);
    return value;
  });
  return found;
}

describe('paste of characters the core refuses', () => {
  it('drops control characters and half emoji from pasted HTML', () => {
    const { text, json } = paste({ 'text/html': '<p>Lễ\u0001 hội\u0008 Huế\u007f <b>đậm\u001b</b> 🪷 \ud83c</p>' });
    expect(text).toBe('Lễ hội Huế đậm 🪷 ');
    expect(strings(json).filter(hasUnsafeCharacters)).toEqual([]);
  });

  it('drops them from pasted plain text, PDF text included', () => {
    const { text, json } = paste({ 'text/plain': 'Dòng\u000b một\u0007\nDòng hai\u0000' });
    expect(text).toBe('Dòng một\n\nDòng hai');
    expect(strings(json).filter(hasUnsafeCharacters)).toEqual([]);
  });
});
