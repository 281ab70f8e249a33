// @vitest-environment jsdom
import { $getRoot, createEditor, type LexicalEditor } from 'lexical';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BientapBridge } from '../../../../shared/api/envelope';
import vi from '../../i18n/vi.json';
import '../../i18n';
import { EDITOR_NODES } from '../nodes';
import { editorTheme } from '../theme';
import { $isImageNode, EditorImageNode } from './ImageNode';

const HASH = 'ef'.repeat(32);

beforeAll(() => {
  // No core behind the page: the image store answers that it has no such photo.
  const api = new Proxy(
    {},
    { get: () => async () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'Không có ảnh này.' } }) },
  );
  (window as { bientap?: BientapBridge }).bientap = {
    api: api as BientapBridge['api'],
    on: () => () => undefined,
    flushed: () => undefined,
    setLanguage: () => undefined,
    offerSuggestions: () => undefined,
    kind: 'web',
  };
});

let editor: LexicalEditor | null = null;
afterEach(() => {
  editor?.setRootElement(null);
  editor = null;
  document.body.replaceChildren();
});

function open(images: object[]): { editor: LexicalEditor; root: HTMLElement } {
  const root = document.createElement('div');
  document.body.append(root);
  editor = createEditor({
    nodes: [...EDITOR_NODES],
    theme: editorTheme,
    onError: (error) => {
      throw error;
    },
  });
  editor.setRootElement(root);
  const children = images.map((image) => ({ type: 'image', version: 1, hash: HASH, ...image }));
  const state = { root: { type: 'root', version: 1, format: '', indent: 0, direction: null, children } };
  editor.setEditorState(editor.parseEditorState(JSON.stringify(state)));
  return { editor, root };
}

const figures = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('figure[data-testid="editor-image"]')];

describe('the editor image', () => {
  it('shows a stored image as a plain figure with the stored fields, and no React view', () => {
    const { editor, root } = open([{ caption: 'Chợ Đông Ba' }, { width: 800, height: 600 }]);
    editor.getEditorState().read(() => {
      const [first] = $getRoot().getChildren();
      expect(first).toBeInstanceOf(EditorImageNode);
      expect($isImageNode(first) && first.getPayload()).toEqual({
        hash: HASH,
        width: 0,
        height: 0,
        altText: '',
        caption: 'Chợ Đông Ba',
        credit: '',
      });
      // Lexical mounts a React portal for every decorator that decorates to something.
      expect((first as EditorImageNode).decorate()).toBeNull();
    });
    expect(editor.getDecorators()).toEqual({});

    const [captioned, sized] = figures(root);
    expect(figures(root)).toHaveLength(2);
    // An image of unknown size takes its own: no width or height on the element.
    const unknown = captioned?.querySelector('img');
    expect(unknown?.hasAttribute('width')).toBe(false);
    expect(unknown?.hasAttribute('height')).toBe(false);
    expect(captioned?.querySelector('figcaption')?.textContent).toBe('Chợ Đông Ba');
    expect(captioned?.querySelector('figcaption')?.hasAttribute('data-empty')).toBe(false);

    const known = sized?.querySelector('img');
    expect([known?.getAttribute('width'), known?.getAttribute('height')]).toEqual(['800', '600']);
    const hint = sized?.querySelector('figcaption');
    expect(hint?.textContent).toBe(vi.image.addCaption);
    expect(hint?.hasAttribute('data-empty')).toBe(true);
  });

  it('keeps its figure as its words change, and shows caption and credit together', () => {
    const { editor, root } = open([{}]);
    const [figure] = figures(root);
    const keyOf = () => editor.getEditorState().read(() => $getRoot().getFirstChildOrThrow().getKey());
    editor.update(
      () => {
        const node = $getRoot().getFirstChild();
        if ($isImageNode(node))
          node.setText({ caption: 'Ngọ Môn về đêm', credit: 'Ảnh: Minh Tâm', altText: 'Ngọ Môn' });
      },
      { discrete: true },
    );
    expect(editor.getElementByKey(keyOf())).toBe(figure);
    expect(figure?.querySelector('figcaption')?.textContent).toBe('Ngọ Môn về đêm — Ảnh: Minh Tâm');
    expect(figure?.querySelector('figcaption')?.hasAttribute('data-empty')).toBe(false);
    expect(figure?.querySelector('img')?.alt).toBe('Ngọ Môn');

    editor.update(
      () => {
        const node = $getRoot().getFirstChild();
        if ($isImageNode(node)) node.setText({ caption: '', credit: '' });
      },
      { discrete: true },
    );
    expect(editor.getElementByKey(keyOf())).toBe(figure);
    expect(figure?.querySelector('figcaption')?.textContent).toBe(vi.image.addCaption);
  });

  it('says so when the store cannot give the photo', async () => {
    const { root } = open([{ width: 800, height: 600 }]);
    const [figure] = figures(root);
    await expect.poll(() => figure?.querySelector('.bt-figure-missing')?.textContent).toBe(vi.image.missing);
    expect(figure?.querySelector('img')).toBeNull();
  });
});
