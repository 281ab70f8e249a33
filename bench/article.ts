import { readFileSync } from 'node:fs';
import path from 'node:path';
import { countWords } from '../src/shared/text';
import type { EditorState } from '../src/shared/domain';

const SAMPLE = path.resolve(import.meta.dirname, '../fixtures/sample-article.txt');

function paragraph(text: string) {
  return {
    type: 'paragraph' as const,
    version: 1,
    format: '',
    indent: 0,
    direction: null,
    textFormat: 0,
    textStyle: '',
    children: [{ type: 'text' as const, version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }],
  };
}

/** The longest start of `text`, in whole tokens, that holds `words` words. */
function cut(text: string, words: number): string {
  const tokens = text.split(/\s+/);
  let kept = '';
  for (const token of tokens) {
    const next = kept ? `${kept} ${token}` : token;
    if (countWords(next) > words) break;
    kept = next;
  }
  return kept;
}

/**
 * A Lexical document of real Vietnamese prose with exactly `words` words: the sample article's
 * body paragraphs repeated, the last one cut to size.
 */
export function vietnameseArticle(words: number): { title: string; body: EditorState; words: number } {
  const lines = readFileSync(SAMPLE, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim());
  const source = lines.slice(4).filter((line) => countWords(line) > 20);
  const paragraphs: string[] = [];
  let total = 0;
  for (let i = 0; total < words; i++) {
    const text = source[i % source.length] ?? '';
    const need = words - total;
    const kept = countWords(text) <= need ? text : cut(text, need);
    paragraphs.push(kept);
    total += countWords(kept);
  }
  const body: EditorState = {
    root: { type: 'root', version: 1, format: '', indent: 0, direction: null, children: paragraphs.map(paragraph) },
  };
  return { title: lines[0] ?? '', body, words: total };
}

/** The same document with one more word typed at the end: every save in a run writes new bytes. */
export function withTypedWord(body: EditorState, n: number): EditorState {
  const children = body.root.children.slice();
  const last = children.at(-1);
  const text = last?.children?.[0]?.text ?? '';
  children[children.length - 1] = paragraph(`${text} chữ${n}`);
  return { root: { ...body.root, children } };
}
