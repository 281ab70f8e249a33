import { $insertDataTransferForRichText } from '@lexical/clipboard';
import { buildEditorFromExtensions } from '@lexical/extension';
import { JSDOM } from 'jsdom';
import { $getRoot, $getSelection, $isRangeSelection, type LexicalEditor } from 'lexical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasUnsafeCharacters } from '../../../../shared/text';
import { createBodyExtension } from '../extension';

// Lexical's HTML import parses with the page's DOMParser; give it one, as the browser would.
const dom = new JSDOM('<!doctype html><html><body></body></html>');
const GLOBALS = ['window', 'document', 'DOMParser', 'Node', 'HTMLElement', 'Element', 'Text', 'DocumentFragment'];
const scope = globalThis as unknown as Record<string, unknown>;
beforeAll(() => {
  for (const name of GLOBALS)
    scope[name] = name === 'window' ? dom.window : (dom.window as unknown as Record<string, unknown>)[name];
});
afterAll(() => {
  for (const name of GLOBALS) delete scope[name];
});

/** Pastes through Lexical's own clipboard code into the article editor, as Ctrl+V does. */
function paste(data: Record<string, string>): { text: string; json: string } {
  const editor: LexicalEditor = buildEditorFromExtensions(
    createBodyExtension(null, (error) => {
      throw error;
    }),
  );
  editor.update(
    () => {
      $getRoot().clear().selectEnd();
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) throw new Error('no selection');
      const transfer = { getData: (type: string) => data[type] ?? '', types: Object.keys(data) };
      $insertDataTransferForRichText(transfer as unknown as DataTransfer, selection, editor);
    },
    { discrete: true },
  );
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
