import * as Y from 'yjs';
import type { EditorState } from '../../shared/domain';
import { articleContentHash } from '../signoff/approval';
import { readMeta, writeMetaChanges, type ContentMeta } from '../../shared/collab/meta';
import { CONTENT_ROOT } from '../../shared/collab/meta';
import { groupTopLevel, splitBlocks, unitJson, type Item } from '../../shared/collab/flow';
import { bindEditor, parseRootChildren, readDocument } from './binding';

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

/**
 * Top-level nodes Lexical keeps exactly as the flow's JSON builds them, children included: no node
 * transform applies to them (lists renumber their items, tables and shadow roots wrap stray inline
 * children in paragraphs), and the flow already merges neighbouring runs alike as Lexical would.
 */
const BUILT_AS_READ: ReadonlySet<string> = new Set(['paragraph', 'heading', 'quote', 'image', 'horizontalrule']);

/** The editor state a headless editor bound to `doc` shows, as plain JSON. */
export function bodyFromContentDoc(doc: Y.Doc): EditorState {
  const units = groupTopLevel(splitBlocks(doc.getText(CONTENT_ROOT).toDelta() as Item[])).map(unitJson);
  // Most articles are paragraphs, headings, quotes and photos: their state is built from the JSON
  // directly, with no update (a join reads thousands of articles). What a bound editor would show
  // is the same (the convergence tests compare the two on every replica).
  if (units.every((unit) => BUILT_AS_READ.has(unit.type) && !('$' in unit))) {
    return JSON.parse(JSON.stringify(parseRootChildren(units).toJSON())) as EditorState;
  }
  // Reading writes nothing back: a live editor would write only Lexical's normalisation of what it
  // read, which is already in the state read here.
  return readDocument(doc, (editor) => JSON.parse(JSON.stringify(editor.getEditorState().toJSON())) as EditorState);
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
