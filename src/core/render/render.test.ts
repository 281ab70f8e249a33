import { readFileSync } from 'node:fs';
import path from 'node:path';
import { $insertDataTransferForRichText } from '@lexical/clipboard';
import { createHeadlessEditor } from '@lexical/headless';
import { $getRoot, $getSelection, $isRangeSelection, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { EDITOR_NODE_TYPES, editorStateSchema, type EditorNode, type EditorState } from '../../shared/domain';
import {
  STORED_IMAGES,
  imageClassKeepsSharedJSON,
  storedBySharedNodes,
  storedThrough,
} from '../../shared/lexical/samples';
import { paragraphNode, textNode } from '../articles/editorState';
import { domWindow, withDom } from './dom';
import { renderArticleHtml } from './html';
import { RENDER_NODES } from './nodes';
import { sanitizeHtml } from './sanitize';

const BOLD = 1;
const ITALIC = 2;

function text(value: string, format = 0): EditorNode {
  return { ...textNode(value), format };
}

function block(type: string, children: EditorNode[], extra: Record<string, unknown> = {}): EditorNode {
  return { type, version: 1, format: '', indent: 0, direction: null, children, ...extra } as EditorNode;
}

function state(children: EditorNode[]): EditorState {
  return { root: { type: 'root', version: 1, format: '', indent: 0, direction: null, children } };
}

const cell = (headerState: number, value: string) =>
  block('tablecell', [paragraphNode([text(value)])], { headerState, colSpan: 1, rowSpan: 1, backgroundColor: null });

const listItem = (value: number, children: EditorNode[]) => block('listitem', children, { value });

/** An article with every kind of node the core stores. */
const representative = state([
  block('heading', [text('Lễ hội Huế 2026')], { tag: 'h2' }),
  paragraphNode([text('Festival '), text('Huế', BOLD), text(' diễn ra '), text('tháng 6', ITALIC), text('.')]),
  { ...paragraphNode([text('Căn giữa')]), format: 'center' },
  block('heading', [text('Chương trình')], { tag: 'h3' }),
  block(
    'list',
    [
      listItem(1, [text('Khai mạc')]),
      listItem(2, [
        block('list', [listItem(1, [text('Đêm hoàng cung')])], { listType: 'bullet', start: 1, tag: 'ul' }),
      ]),
    ],
    { listType: 'number', start: 1, tag: 'ol' },
  ),
  block('quote', [text('Huế đẹp và thơ.'), { type: 'linebreak', version: 1 }, text('— Du khách')]),
  paragraphNode([
    text('Xem '),
    block('link', [text('trang lễ hội')], { url: 'https://festivalhue.vn/', rel: null, target: null, title: null }),
    text(' hoặc '),
    block('link', [text('viết thư')], { url: 'mailto:bbt@hue.gov.vn', rel: null, target: null, title: null }),
  ]),
  { type: 'horizontalrule', version: 1 },
  {
    type: 'image',
    version: 1,
    hash: 'ab'.repeat(32),
    width: 1600,
    height: 1067,
    altText: 'Ngọ Môn về đêm',
    caption: 'Ngọ Môn trong đêm khai mạc',
    credit: 'Ảnh: Minh Tâm',
  },
  block('table', [
    block('tablerow', [cell(1, 'Ngày'), cell(1, 'Sự kiện')]),
    block('tablerow', [cell(0, '12/6'), cell(0, 'Khai mạc')]),
  ]),
]);

describe('publishing HTML', () => {
  it('registers a node class for every type the core stores', () => {
    const editor = createHeadlessEditor({ nodes: [...RENDER_NODES] });
    const registered = new Set(editor._nodes.keys());
    for (const type of EDITOR_NODE_TYPES) expect(registered).toContain(type);
  });

  it('reads stored images as the shared editor nodes do, and leaves their JSON to them', () => {
    const editor = createHeadlessEditor({
      nodes: [...RENDER_NODES],
      onError: (error) => {
        throw error;
      },
    });
    expect(storedThrough(editor, STORED_IMAGES)).toEqual(storedBySharedNodes(STORED_IMAGES));
    expect(imageClassKeepsSharedJSON(RENDER_NODES)).toBe(true);
  });

  it('renders a representative article to pinned HTML', () => {
    expect(editorStateSchema.safeParse(representative).success).toBe(true);
    expect(renderArticleHtml(representative)).toBe(
      [
        '<h2>Lễ hội Huế 2026</h2>',
        '<p>Festival <b><strong>Huế</strong></b> diễn ra <i><em>tháng 6</em></i>.</p>',
        '<p style="text-align: center;">Căn giữa</p>',
        '<h3>Chương trình</h3>',
        // A nested list belongs to the item before it, as HTML nests lists.
        '<ol><li>Khai mạc<ul><li>Đêm hoàng cung</li></ul></li></ol>',
        '<blockquote>Huế đẹp và thơ.<br>— Du khách</blockquote>',
        '<p>Xem <a href="https://festivalhue.vn/" rel="noopener noreferrer">trang lễ hội</a> hoặc ',
        '<a href="mailto:bbt@hue.gov.vn" rel="noopener noreferrer">viết thư</a></p>',
        '<hr>',
        `<figure><img src="images/${'ab'.repeat(32)}" alt="Ngọ Môn về đêm" width="1600" height="1067">`,
        '<figcaption>Ngọ Môn trong đêm khai mạc <small>Ảnh: Minh Tâm</small></figcaption></figure>',
        '<table><tbody><tr><th><p>Ngày</p></th><th><p>Sự kiện</p></th></tr>',
        '<tr><td><p>12/6</p></td><td><p>Khai mạc</p></td></tr></tbody></table>',
      ].join(''),
    );
  });

  it('points images wherever the publishing target keeps them', () => {
    const html = renderArticleHtml(representative, { imageUrl: (hash) => `/media/${hash}.jpg` });
    expect(html).toContain(`<img src="/media/${'ab'.repeat(32)}.jpg"`);
  });

  it('publishes an image of unknown size without a size, leaving the layout to the image', () => {
    const image = {
      type: 'image',
      version: 1,
      hash: 'cd'.repeat(32),
      altText: 'Cầu Trường Tiền',
      caption: '',
      credit: '',
    };
    expect(renderArticleHtml(state([image as EditorNode]))).toBe(
      `<figure><img src="images/${'cd'.repeat(32)}" alt="Cầu Trường Tiền"></figure>`,
    );
    expect(renderArticleHtml(state([{ ...image, width: 1600 } as EditorNode]))).not.toContain('width=');
  });

  it('gives output that sanitizing again leaves unchanged', () => {
    const html = renderArticleHtml(representative);
    expect(sanitizeHtml(html)).toBe(html);
  });

  it('drops links to anything but http, https and mailto, even from a state that skipped validation', () => {
    const hostile = state([
      paragraphNode([
        block('link', [text('bấm')], { url: 'javascript:alert(1)', rel: null, target: null, title: null }),
        block('link', [text('dữ liệu')], { url: 'data:text/html,<b>x</b>', rel: null, target: null, title: null }),
      ]),
    ]);
    expect(editorStateSchema.safeParse(hostile).success).toBe(false);
    const html = renderArticleHtml(hostile);
    expect(html).not.toMatch(/javascript:|data:/i);
    expect(html).toContain('bấm');
    expect(html).toContain('dữ liệu');
  });

  it('removes everything outside the allow-list from hostile HTML', () => {
    const dirty = [
      '<p onclick="x()">a<script>alert(1)</script></p>',
      '<img src="x" onerror="alert(1)">',
      '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>',
      '<svg><script>alert(1)</script></svg>',
      '<a href="javascript:alert(1)">j</a><a href="data:text/html;base64,PHNjcmlwdD4=">d</a>',
      '<p style="background:url(javascript:alert(1)); width: expression(alert(1))">css</p>',
      '<iframe src="https://example.com"></iframe><style>p{}</style><form><input></form>',
    ].join('');
    const clean = sanitizeHtml(dirty);
    expect(clean).not.toMatch(/script|onerror|onclick|javascript:|data:|expression|iframe|<svg|<style|<form|<input/i);
    expect(sanitizeHtml(clean)).toBe(clean);
  });
});

/** Pastes text the way the editor's rich-text paste does, through Lexical's own clipboard code. */
function pastePlainText(editor: LexicalEditor, value: string): void {
  editor.update(
    () => {
      $getRoot().clear().selectEnd();
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) throw new Error('no selection');
      const data = { getData: (type: string) => (type === 'text/plain' ? value : '') } as unknown as DataTransfer;
      $insertDataTransferForRichText(data, selection, editor);
    },
    { discrete: true },
  );
}

describe('the sample article', () => {
  const file = path.resolve(import.meta.dirname, '../../../fixtures/sample-article.txt');
  const lines = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

  it('pasted as plain text and published keeps every word and diacritic', () => {
    const editor = createHeadlessEditor({
      nodes: [...RENDER_NODES],
      onError: (error) => {
        throw error;
      },
    });
    withDom(() => pastePlainText(editor, lines.join('\n')));
    const stored = editorStateSchema.parse(JSON.parse(JSON.stringify(editor.getEditorState().toJSON())));
    const html = renderArticleHtml(stored);

    const page = domWindow().document.createElement('div');
    page.innerHTML = html;
    const paragraphs = Array.from(page.querySelectorAll('p'), (p) => p.textContent ?? '');
    expect(paragraphs).toEqual(lines.map((line) => line.normalize('NFC')));
    // The faults the portal let through stay visible to the proofreader, not silently "fixed".
    expect(html).toContain('Tổ quốcvào');
    expect(html).toContain('Camara an ninh');
    expect(html).toContain('Tỉnh ủy');
  });
});
