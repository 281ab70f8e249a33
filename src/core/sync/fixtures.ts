import type { EditorNode, EditorState } from '../../shared/domain';
import * as Y from 'yjs';
import { storedBySharedNodes } from '../../shared/lexical/samples';
import { contentDocFromArticle, type ArticleContent } from './contentDoc';

// Articles for the content document's tests: every node type the editor stores, every attribute
// those nodes carry, and the text Vietnamese articles are made of.

/** Lexical's text format bits, as the JSON stores them. */
export const FORMAT = {
  bold: 1,
  italic: 2,
  strikethrough: 4,
  underline: 8,
  code: 16,
  subscript: 32,
  superscript: 64,
  highlight: 128,
} as const;

export function text(value: string, format = 0, style = ''): EditorNode {
  return { type: 'text', version: 1, text: value, format, detail: 0, mode: 'normal', style };
}

export function block(type: string, children: EditorNode[], extra: Record<string, unknown> = {}): EditorNode {
  return { type, version: 1, format: '', indent: 0, direction: null, children, ...extra } as EditorNode;
}

export function paragraph(children: EditorNode[], extra: Record<string, unknown> = {}): EditorNode {
  return block('paragraph', children, { textFormat: 0, textStyle: '', ...extra });
}

export function bodyOf(children: EditorNode[]): EditorState {
  return { root: { type: 'root', version: 1, format: '', indent: 0, direction: null, children } };
}

const linebreak: EditorNode = { type: 'linebreak', version: 1 };
const tab: EditorNode = { type: 'tab', version: 1, text: '\t', format: 0, detail: 2, mode: 'normal', style: '' };
const listItem = (value: number, children: EditorNode[], extra: Record<string, unknown> = {}) =>
  block('listitem', children, { value, ...extra });
const cell = (headerState: number, children: EditorNode[], extra: Record<string, unknown> = {}) =>
  block('tablecell', children, { headerState, colSpan: 1, rowSpan: 1, backgroundColor: null, ...extra });

/** Every node type and attribute the editor stores, in one body. */
export const EVERY_NODE: EditorState = bodyOf([
  block('heading', [text('Lễ hội Huế 2026')], { tag: 'h1' }),
  block('heading', [text('Tiêu đề phụ', FORMAT.italic)], { tag: 'h2', format: 'center' }),
  ...(['h3', 'h4', 'h5', 'h6'] as const).map((tag) => block('heading', [text(`Mục ${tag}`)], { tag })),
  paragraph([
    text('Thường '),
    ...Object.entries(FORMAT).map(([name, bit]) => text(`${name} `, bit)),
    text('đậm nghiêng gạch', FORMAT.bold | FORMAT.italic | FORMAT.underline | FORMAT.strikethrough),
    text(' đỏ', 0, 'color: #c00000;'),
    text(' nền', FORMAT.bold, 'background-color: #ffff00; font-size: 18px;'),
  ]),
  paragraph([text('Căn giữa, thụt lề hai bậc')], { format: 'center', indent: 2 }),
  paragraph([text('Căn phải')], { format: 'right', direction: 'ltr' }),
  paragraph([text('Căn đều')], { format: 'justify' }),
  paragraph([text('Đoạn có định dạng gõ tiếp')], { textFormat: FORMAT.bold, textStyle: 'color: #0000ff;' }),
  paragraph([]),
  paragraph([text('Cột một'), tab, text('cột hai'), tab, tab, text('cột bốn')]),
  paragraph([text('Dòng một'), linebreak, text('dòng hai'), linebreak, linebreak, text('dòng bốn')]),
  paragraph([linebreak]),
  block(
    'list',
    [
      listItem(1, [text('Khai mạc')]),
      listItem(2, [text('Đêm '), text('hoàng cung', FORMAT.bold)]),
      listItem(3, [
        block('list', [listItem(1, [text('Lồng một')]), listItem(2, [text('Lồng hai')])], {
          listType: 'bullet',
          start: 1,
          tag: 'ul',
        }),
      ]),
      listItem(3, [text('Bế mạc')], { indent: 0 }),
    ],
    { listType: 'number', start: 1, tag: 'ol' },
  ),
  // Lexical merges adjacent lists of one type; a paragraph between keeps this one and its start.
  paragraph([text('Danh sách đánh số từ 5:')]),
  block('list', [listItem(5, [text('Bắt đầu từ năm')]), listItem(6, [text('Sáu')])], {
    listType: 'number',
    start: 5,
    tag: 'ol',
  }),
  block(
    'list',
    [listItem(1, [text('Đã xong')], { checked: true }), listItem(2, [text('Chưa xong')], { checked: false })],
    { listType: 'check', start: 1, tag: 'ul' },
  ),
  block('quote', [text('Huế đẹp và thơ.'), linebreak, text('— Du khách', FORMAT.italic)]),
  paragraph([
    text('Xem '),
    block('link', [text('trang lễ hội')], { url: 'https://festivalhue.vn/', rel: null, target: null, title: null }),
    text(' hoặc '),
    block('link', [text('viết '), text('thư', FORMAT.bold)], {
      url: 'mailto:bbt@hue.gov.vn',
      rel: 'noopener noreferrer',
      target: '_blank',
      title: 'Thư bạn đọc',
    }),
    text('.'),
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
  { type: 'image', version: 1, hash: 'cd'.repeat(32), width: 0, height: 0, altText: '', caption: '', credit: '' },
  block(
    'table',
    [
      block('tablerow', [
        cell(1, [paragraph([text('Ngày', FORMAT.bold)])]),
        cell(1, [paragraph([text('Sự kiện')])], { backgroundColor: '#eeeeee' }),
      ]),
      block('tablerow', [
        cell(2, [paragraph([text('12/6')])]),
        cell(0, [paragraph([text('Khai mạc')]), paragraph([text('Đoạn thứ hai trong ô')])]),
      ]),
      block('tablerow', [cell(0, [paragraph([text('Gộp hai cột')])], { colSpan: 2 })]),
    ],
    { colWidths: [120, 360] },
  ),
  paragraph([text('Tiếng Việt dựng sẵn: Thừa Thiên Huế, Đảng bộ, Tổ quốc, hòa, Tỉnh ủy, ươm mầm.')]),
]);

/** The fields beside the body, with Vietnamese in every text field. */
export function articleWith(body: EditorState, overrides: Partial<ArticleContent> = {}): ArticleContent {
  return {
    title: 'Festival Huế 2026: Di sản văn hóa với hội nhập',
    summary: 'Sapo: lễ hội diễn ra từ ngày 12/6 với nhiều hoạt động đặc sắc.',
    body,
    byline: 'Minh Tâm (Phòng VH&TT)',
    category: 'Văn hóa',
    tags: ['lễ hội', 'Huế', 'di sản'],
    slug: 'festival-hue-2026',
    featuredImage: 'ab'.repeat(32),
    ...overrides,
  };
}

/** A short article with one of each block, the document the convergence tests start from. */
export const SEED_BODY = storedBySharedNodes(
  bodyOf([
    block('heading', [text('Lễ hội Huế')], { tag: 'h2' }),
    paragraph([text('Festival '), text('Huế', FORMAT.bold), text(' diễn ra vào tháng sáu.')]),
    paragraph([text('Đoạn hai có '), text('chữ nghiêng', FORMAT.italic), text(' ở giữa.')]),
    block(
      'list',
      [block('listitem', [text('Mục một')], { value: 1 }), block('listitem', [text('Mục hai')], { value: 2 })],
      {
        listType: 'bullet',
        start: 1,
        tag: 'ul',
      },
    ),
    block('quote', [text('Trích dẫn'), { type: 'linebreak', version: 1 }, text('dòng hai')]),
    paragraph([
      text('Xem '),
      block('link', [text('trang lễ hội')], { url: 'https://festivalhue.vn/', rel: null, target: null, title: null }),
    ]),
    block('table', [
      block('tablerow', [
        block('tablecell', [paragraph([text('Ngày')])], {
          headerState: 1,
          colSpan: 1,
          rowSpan: 1,
          backgroundColor: null,
        }),
        block('tablecell', [paragraph([text('Sự kiện')])], {
          headerState: 1,
          colSpan: 1,
          rowSpan: 1,
          backgroundColor: null,
        }),
      ]),
    ]),
    paragraph([text('Kết bài.')]),
  ]),
) as unknown as EditorState;

/** The seed article as one content document update. */
export const SEED = Y.encodeStateAsUpdate(contentDocFromArticle(articleWith(SEED_BODY)));

/**
 * Every node type but lists and tables: an article a reader builds from the flow's JSON directly,
 * with no editor update (bodyFromContentDoc), as one content document update.
 */
export const PROSE_SEED = Y.encodeStateAsUpdate(
  contentDocFromArticle(
    articleWith(
      storedBySharedNodes(
        bodyOf(EVERY_NODE.root.children.filter((node) => node.type !== 'list' && node.type !== 'table')),
      ) as unknown as EditorState,
    ),
  ),
);
