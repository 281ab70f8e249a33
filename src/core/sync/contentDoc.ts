import * as Y from 'yjs';
import type { EditorState } from '../../shared/domain';
import { articleContentHash } from '../signoff/approval';
import { bindEditor, loadFromDoc } from './binding';

/** The article's fields beside its body, as the content document holds them. */
export interface ContentMeta {
  title: string;
  summary: string;
  byline: string;
  category: string;
  tags: string[];
  slug: string;
  featuredImage: string | null;
}

/** What one content document holds: the body and the fields a sign-off covers with it. */
export interface ArticleContent extends ContentMeta {
  body: EditorState;
}

/** The name of the Y.Map beside the Lexical root that holds an article's other fields. */
export const CONTENT_META = 'meta';

/**
 * Shared types by field. Words people type (title, summary, byline) are Y.Text, so two people
 * editing a title offline both keep their letters; tags are a Y.Array, so tags added on two
 * machines are both kept; the rest are chosen, not typed, and the last choice wins.
 */
const TEXT_FIELDS = ['title', 'summary', 'byline'] as const;
const VALUE_FIELDS = ['category', 'slug', 'featuredImage'] as const;

function writeMeta(meta: Y.Map<unknown>, article: ContentMeta): void {
  for (const field of TEXT_FIELDS) meta.set(field, new Y.Text(article[field]));
  meta.set('tags', Y.Array.from([...article.tags]));
  for (const field of VALUE_FIELDS) meta.set(field, article[field]);
}

function readMeta(meta: Y.Map<unknown>): ContentMeta {
  const text = (field: string) => {
    const value = meta.get(field);
    return value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '';
  };
  const value = (field: string) => {
    const found = meta.get(field);
    return typeof found === 'string' ? found : '';
  };
  const tags = meta.get('tags');
  return {
    title: text('title'),
    summary: text('summary'),
    byline: text('byline'),
    category: value('category'),
    tags: tags instanceof Y.Array ? tags.toArray().filter((tag): tag is string => typeof tag === 'string') : [],
    slug: value('slug'),
    featuredImage: value('featuredImage') || null,
  };
}

/**
 * A new content document for an article: its body written as a flow (src/shared/collab) by the
 * binding of a headless editor holding exactly the stored editor state, so the document has the
 * shape a live editor writes, and its other fields in the `meta` map.
 *
 * Build it once per article and let every other replica receive it by sync: two documents built
 * independently from the same article are two histories, and merging them doubles the content.
 */
export function contentDocFromArticle(article: ArticleContent, doc: Y.Doc = new Y.Doc()): Y.Doc {
  const bound = bindEditor(doc, { writes: true });
  try {
    const { editor } = bound;
    editor.setEditorState(editor.parseEditorState(JSON.stringify(article.body)));
  } finally {
    bound.dispose();
  }
  doc.transact(() => writeMeta(doc.getMap(CONTENT_META), article));
  return doc;
}

/** The editor state a headless editor bound to `doc` shows, as plain JSON. */
export function bodyFromContentDoc(doc: Y.Doc): EditorState {
  // Reading writes nothing back: a live editor would write only Lexical's normalisation of what it
  // read, which is already in the state read here.
  const bound = bindEditor(doc, { writes: false });
  try {
    loadFromDoc(bound);
    return JSON.parse(JSON.stringify(bound.editor.getEditorState().toJSON())) as EditorState;
  } finally {
    bound.dispose();
  }
}

/** The article a content document holds, as the core stores and signs it. */
export function articleFromContentDoc(doc: Y.Doc): { body: EditorState; meta: ContentMeta } {
  return { body: bodyFromContentDoc(doc), meta: readMeta(doc.getMap(CONTENT_META)) };
}

/** The content hash (what an approval signs) of the article a content document holds. */
export function canonicalHashOfDoc(doc: Y.Doc): string {
  const { body, meta } = articleFromContentDoc(doc);
  return articleContentHash({ ...meta, body });
}
