import * as Y from 'yjs';
import type { EditorState } from '../../shared/domain';
import { articleContentHash } from '../signoff/approval';
import { readMeta, writeMetaChanges, type ContentMeta } from '../../shared/collab/meta';
import { bindEditor, loadFromDoc } from './binding';

export { CONTENT_META, type ContentMeta } from '../../shared/collab/meta';

/** What one content document holds: the body and the fields a sign-off covers with it. */
export interface ArticleContent extends ContentMeta {
  body: EditorState;
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
  writeMetaChanges(doc, article);
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
  return { body: bodyFromContentDoc(doc), meta: readMeta(doc) };
}

/** The content hash (what an approval signs) of the article a content document holds. */
export function canonicalHashOfDoc(doc: Y.Doc): string {
  const { body, meta } = articleFromContentDoc(doc);
  return articleContentHash({ ...meta, body });
}
