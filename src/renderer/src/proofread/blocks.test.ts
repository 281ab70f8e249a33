import { createEditor, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { EDITOR_NODES } from '../editor/nodes';
import { $proofBlocks } from './blocks';
import { $applyFix, $convertTones } from './fix';

const text = (t: string, format = 0) => ({
  type: 'text',
  version: 1,
  text: t,
  format,
  detail: 0,
  mode: 'normal',
  style: '',
});
const element = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({
  type,
  version: 1,
  format: '',
  indent: 0,
  direction: null,
  children,
  ...extra,
});

function editorWith(children: unknown[]): LexicalEditor {
  const editor = createEditor({
    nodes: [...EDITOR_NODES],
    onError: (error) => {
      throw error;
    },
  });
  editor.setEditorState(editor.parseEditorState(JSON.stringify({ root: element('root', children) })));
  return editor;
}

const texts = (editor: LexicalEditor) => editor.getEditorState().read(() => $proofBlocks().map((b) => b.text));

describe('proofreading blocks of the live editor', () => {
  it('follow the same rules as the core: blocks in order, breaks and tabs inline, nested items after', () => {
    // The same document as the core's test of src/core/proofread/blocks.ts, with the same answer.
    const editor = editorWith([
      element('heading', [text('Tiêu đề phụ')], { tag: 'h2' }),
      element('paragraph', [
        text('Một '),
        element('link', [text('liên kết')], { url: 'https://example.vn', rel: null, target: null, title: null }),
        { type: 'linebreak', version: 1 },
        text('dòng hai'),
      ]),
      element(
        'list',
        [
          element('listitem', [text('Mục một')], { value: 1 }),
          element(
            'listitem',
            [
              element('list', [element('listitem', [text('Mục con')], { value: 1 })], {
                listType: 'bullet',
                start: 1,
                tag: 'ul',
              }),
            ],
            { value: 2 },
          ),
        ],
        { listType: 'bullet', start: 1, tag: 'ul' },
      ),
      element('quote', [
        text('Trích'),
        { type: 'tab', version: 1, text: '\t', format: 0, detail: 2, mode: 'normal', style: '' },
        text('dẫn'),
      ]),
    ]);
    expect(texts(editor)).toEqual(['Tiêu đề phụ', 'Một liên kết\ndòng hai', 'Mục một', '', 'Mục con', 'Trích\tdẫn']);
  });

  it('fixes a finding inside one run and across format runs, and refuses one whose text changed', () => {
    const editor = editorWith([element('paragraph', [text('Máy Cam', 1), text('ara mới  đây.')])]);
    const key = editor.getEditorState().read(() => $proofBlocks()[0]!.key);
    let applied = false;
    editor.update(() => (applied = $applyFix({ blockKey: key, start: 4, end: 10, text: 'Camara', fix: 'Camera' })), {
      discrete: true,
    });
    expect(applied).toBe(true);
    expect(texts(editor)).toEqual(['Máy Camera mới  đây.']);
    editor.update(() => (applied = $applyFix({ blockKey: key, start: 14, end: 16, text: '  ', fix: ' ' })), {
      discrete: true,
    });
    expect(texts(editor)).toEqual(['Máy Camera mới đây.']);
    // Stale: the text at those offsets is no longer what was checked.
    editor.update(() => (applied = $applyFix({ blockKey: key, start: 14, end: 16, text: '  ', fix: ' ' })), {
      discrete: true,
    });
    expect(applied).toBe(false);
    expect(texts(editor)).toEqual(['Máy Camera mới đây.']);
  });

  it('converts tone marks node by node, keeping formats', () => {
    const editor = editorWith([element('paragraph', [text('Tỉnh ủy ', 1), text('hòa giải')])]);
    editor.update(() => void $convertTones('new'), { discrete: true });
    expect(texts(editor)).toEqual(['Tỉnh uỷ hoà giải']);
    const formats = editor.getEditorState().read(() => $proofBlocks()[0]!.pieces.length);
    expect(formats).toBe(2);
  });
});
