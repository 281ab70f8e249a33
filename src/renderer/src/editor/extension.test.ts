import { buildEditorFromExtensions } from '@lexical/extension';
import { $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';
import type { EditorState } from '../../../shared/domain';
import { createBodyExtension } from './extension';
import { usePageGlobals } from './testEditor';

usePageGlobals();

const text = (value: string, format = 0) => ({
  type: 'text',
  version: 1,
  text: value,
  format,
  style: '',
  mode: 'normal',
  detail: 0,
});
const paragraph = (...children: object[]) => ({
  type: 'paragraph',
  version: 1,
  format: '',
  indent: 0,
  direction: null,
  textFormat: 0,
  textStyle: '',
  children,
});

/** A stored body as the core hands it over: heading, paragraphs, a table, a photo. */
const STORED = {
  root: {
    type: 'root',
    version: 1,
    format: '',
    indent: 0,
    direction: null,
    children: [
      { type: 'heading', version: 1, tag: 'h2', format: '', indent: 0, direction: null, children: [text('Huế')] },
      paragraph(text('Thành phố '), text('Huế', 1), text(' đón khách.')),
      {
        type: 'table',
        version: 1,
        format: '',
        indent: 0,
        direction: null,
        colWidths: [120, 120],
        rowStriping: false,
        children: [
          {
            type: 'tablerow',
            version: 1,
            format: '',
            indent: 0,
            direction: null,
            children: ['Ngày', 'Sự kiện'].map((cell) => ({
              type: 'tablecell',
              version: 1,
              format: '',
              indent: 0,
              direction: null,
              headerState: 1,
              colSpan: 1,
              rowSpan: 1,
              backgroundColor: null,
              children: [paragraph(text(cell))],
            })),
          },
        ],
      },
      {
        type: 'image',
        version: 1,
        hash: 'a'.repeat(64),
        width: 1200,
        height: 800,
        altText: 'Cầu Trường Tiền',
        caption: 'Cầu Trường Tiền lúc chiều',
        credit: 'Ảnh: Phòng Văn hóa & Thông tin',
      },
      paragraph(text('Hết.')),
    ],
  },
} as unknown as EditorState;

function open(body: EditorState | null) {
  return buildEditorFromExtensions(
    createBodyExtension(body, (error) => {
      throw error;
    }),
  );
}

describe('the body editor opens a stored article', () => {
  it('starts from the stored state object (not its JSON text) and shows it as stored', () => {
    const before = JSON.stringify(STORED);
    const editor = open(STORED);
    const state = editor.getEditorState();
    expect(state.read(() => $getRoot().getTextContent())).toContain('Thành phố Huế đón khách.');
    const opened = JSON.parse(JSON.stringify(state.toJSON())) as EditorState;
    expect(opened.root.children.map((node) => node.type)).toEqual([
      'heading',
      'paragraph',
      'table',
      'image',
      'paragraph',
    ]);
    expect(opened.root.children[3]).toMatchObject({ hash: 'a'.repeat(64), width: 1200, height: 800 });
    expect(opened.root.children[1]!.children!.map((node) => node.text)).toEqual(['Thành phố ', 'Huế', ' đón khách.']);
    // Opening reads the stored object; it never writes to it.
    expect(JSON.stringify(STORED)).toBe(before);
  });

  it('starts an empty body with one paragraph to type in', async () => {
    const editor = open(null);
    // That paragraph is added by an update, committed once the current task has run.
    await new Promise((resolve) => setTimeout(resolve));
    const root = editor.getEditorState().toJSON().root;
    expect(root.children.map((node) => node.type)).toEqual(['paragraph']);
  });
});
