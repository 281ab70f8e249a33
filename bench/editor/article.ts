import { readFileSync } from 'node:fs';
import { emptyEditorState, paragraphNode, textNode } from '../../src/core/articles/editorState';
import { parsePortalArticle } from '../../src/core/demo/sampleArticle';
import type { EditorNode, EditorState } from '../../src/shared/domain';

export const ARTICLE = { words: 10_000, images: 20, tables: 5 } as const;
/** The web rendition every image in the bench article shows, as the editor would. */
export const PHOTO = { width: 1200, height: 800 } as const;

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function tableNode(index: number, words: string[]): EditorNode {
  const cell = (row: number, column: number): EditorNode => ({
    type: 'tablecell',
    version: 1,
    headerState: row === 0 ? 1 : 0,
    colSpan: 1,
    rowSpan: 1,
    backgroundColor: null,
    children: [paragraphNode([textNode(`${words[(index * 31 + row * 7 + column) % words.length]} ${row}.${column}`)])],
  });
  const rows = Array.from({ length: 5 }, (_, row) => ({
    type: 'tablerow' as const,
    version: 1,
    children: Array.from({ length: 4 }, (_, column) => cell(row, column)),
  }));
  return { type: 'table', version: 1, colWidths: [160, 160, 160, 160], rowStriping: false, children: rows };
}

function imageNode(hash: string, index: number): EditorNode {
  return {
    type: 'image',
    version: 1,
    hash,
    width: PHOTO.width,
    height: PHOTO.height,
    altText: `Ảnh minh hoạ số ${index + 1}`,
    caption: `Quang cảnh buổi lễ tại thành phố Huế (ảnh ${index + 1})`,
    credit: 'Ảnh: Phòng Văn hóa & Thông tin',
  };
}

/**
 * A 10,000-word article from the sample article's own paragraphs, with 20 images and 5 tables
 * spread evenly through it: the same content for the editor and both baselines.
 */
export function benchArticle(imageHash: string): EditorState {
  const sample = parsePortalArticle(
    readFileSync(new URL('../../fixtures/sample-article.txt', import.meta.url), 'utf8'),
  );
  const words = sample.paragraphs.join(' ').split(/\s+/);
  // Paragraphs of about 120 words, as a reporter writes them.
  const paragraphs: string[] = [];
  for (let at = 0; paragraphs.length * 120 < ARTICLE.words; at += 120) {
    const slice = Array.from({ length: 120 }, (_, i) => words[(at + i) % words.length]!);
    paragraphs.push(slice.join(' '));
  }
  const children: EditorNode[] = [];
  const imageEvery = Math.floor(paragraphs.length / ARTICLE.images);
  const tableEvery = Math.floor(paragraphs.length / ARTICLE.tables);
  paragraphs.forEach((text, i) => {
    children.push(paragraphNode([textNode(text)]));
    if (i % imageEvery === imageEvery - 1 && i / imageEvery < ARTICLE.images)
      children.push(imageNode(imageHash, Math.floor(i / imageEvery)));
    if (i % tableEvery === Math.floor(tableEvery / 2)) children.push(tableNode(Math.floor(i / tableEvery), words));
  });
  const state = emptyEditorState();
  state.root.children = children;
  return state;
}

/** The same article as the HTML a plain contenteditable starts from. */
export function articleHtml(state: EditorState, photoUrl: string): string {
  const render = (node: EditorNode): string => {
    const inner = () => (node.children ?? []).map(render).join('');
    switch (node.type) {
      case 'text':
        return escapeHtml(node.text ?? '');
      case 'paragraph':
        return `<p>${inner()}</p>`;
      case 'image':
        return (
          `<figure contenteditable="false"><img src="${photoUrl}" width="${PHOTO.width}" height="${PHOTO.height}" ` +
          `alt="${escapeHtml(String(node.altText))}"><figcaption>${escapeHtml(String(node.caption))}</figcaption></figure>`
        );
      case 'table':
        return `<table><tbody>${inner()}</tbody></table>`;
      case 'tablerow':
        return `<tr>${inner()}</tr>`;
      case 'tablecell':
        return node.headerState ? `<th>${inner()}</th>` : `<td>${inner()}</td>`;
      default:
        return inner();
    }
  };
  return state.root.children.map(render).join('');
}
