/** Test helpers for the article editor outside a browser: a page for Lexical, the editor, a paste. */
import { $insertDataTransferForRichText } from '@lexical/clipboard';
import { buildEditorFromExtensions } from '@lexical/extension';
import { JSDOM } from 'jsdom';
import { $getRoot, $getSelection, $isRangeSelection, type LexicalEditor } from 'lexical';
import { afterAll, beforeAll } from 'vitest';
import { createBodyExtension } from './extension';

const GLOBALS = ['window', 'document', 'DOMParser', 'Node', 'HTMLElement', 'Element', 'Text', 'DocumentFragment'];

/**
 * Gives the test file's editors a page, as the browser would: Lexical's HTML import parses with the
 * page's DOMParser and the table extension's import rules use its DOM classes.
 */
export function usePageGlobals(): void {
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  const scope = globalThis as unknown as Record<string, unknown>;
  beforeAll(() => {
    for (const name of GLOBALS)
      scope[name] = name === 'window' ? dom.window : (dom.window as unknown as Record<string, unknown>)[name];
  });
  afterAll(() => {
    for (const name of GLOBALS) delete scope[name];
  });
}

/** The article editor with every extension the app registers, failing the test on any error. */
export function bodyEditor(): LexicalEditor {
  return buildEditorFromExtensions(
    createBodyExtension(null, (error) => {
      throw error;
    }),
  );
}

/** Replaces the editor's content with a paste through Lexical's own clipboard code, as Ctrl+V does. */
export function pasteInto(editor: LexicalEditor, data: Record<string, string>): void {
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
}
