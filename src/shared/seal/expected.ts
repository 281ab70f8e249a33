import * as z from 'zod/mini';
import type { ShownField } from './format';
import { wordsOf } from './words';

/**
 * What the signed content says a page shows, as words. The content is the approval's canonical
 * JSON: title, summary, byline as text, the body as the editor's Lexical state. The body's words
 * are read from that state the way the published HTML lays it out: every block (paragraph,
 * heading, quote, list item, table cell, rule, image) and every line break separates words, text
 * runs inside a block (bold, links) join; an image shows its caption, then its credit, never its
 * alt text.
 */

export const SignedContentSchema = z.looseObject({
  title: z.string(),
  summary: z.string(),
  body: z.unknown(),
  byline: z.string(),
  category: z.optional(z.unknown()),
  tags: z.optional(z.unknown()),
  imageHashes: z.optional(z.unknown()),
});
export type SignedContent = z.infer<typeof SignedContentSchema>;

/** Nodes that lay out inline: their text joins the text around them. */
const INLINE_TYPES = new Set(['text', 'link', 'autolink', 'tab']);

interface LexicalNodeJson {
  type?: unknown;
  text?: unknown;
  children?: unknown;
  caption?: unknown;
  credit?: unknown;
}

function isNode(value: unknown): value is LexicalNodeJson {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body's text with a line break at every block boundary, ready for `wordsOf`. */
export function bodyText(body: unknown): string {
  let state: unknown = body;
  if (typeof state === 'string') {
    try {
      state = JSON.parse(state) as unknown;
    } catch {
      return state as string;
    }
  }
  const root = isNode(state) && 'root' in state ? (state as { root: unknown }).root : state;
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (!isNode(node)) return;
    const type = typeof node.type === 'string' ? node.type : '';
    if (type === 'text') {
      out.push(typeof node.text === 'string' ? node.text : '');
      return;
    }
    if (type === 'tab') {
      out.push('\t');
      return;
    }
    if (type === 'linebreak' || type === 'horizontalrule') {
      out.push('\n');
      return;
    }
    if (type === 'image') {
      for (const field of [node.caption, node.credit]) if (typeof field === 'string') out.push('\n', field);
      out.push('\n');
      return;
    }
    const block = !INLINE_TYPES.has(type);
    if (block) out.push('\n');
    if (Array.isArray(node.children)) for (const child of node.children) visit(child);
    if (block) out.push('\n');
  };
  visit(root);
  return out.join('');
}

/** The words the page must show: the title apart, and the content region's words in page order. */
export function expectedWords(
  content: Pick<SignedContent, 'title' | 'summary' | 'body' | 'byline'>,
  shows: readonly ShownField[],
): { title: string[] | null; region: string[] } {
  const region: string[] = [];
  if (shows.includes('summary')) region.push(...wordsOf(content.summary));
  if (shows.includes('body')) region.push(...wordsOf(bodyText(content.body)));
  if (shows.includes('byline')) region.push(...wordsOf(content.byline));
  return { title: shows.includes('title') ? wordsOf(content.title) : null, region };
}
