import * as Y from 'yjs';
import type { EditorState } from '../../shared/domain';
import { ARTICLE_ORIGIN } from '../../shared/sync/documents';
import { prepareContent } from '../articles/content';
import { findArticle, insertArticle, updateArticleContent, updateArticleMetadata } from '../articles/repo';
import { isoNow, type CoreContext } from '../context';
import { bindEditor, loadFromDoc, type BoundEditor } from '../sync/binding';
import { CONTENT_META, articleFromContentDoc, contentDocFromArticle, type ArticleContent } from '../sync/contentDoc';

// An article as the office shares it: its content document (src/core/sync) kept in step with its
// row here. A save here is written into the document in the same transaction, as the few letters it
// changed; a change that arrives from the server is written into the row (which the search index,
// the lists and the review follow), as a save by the article's author would be.

/** The index document's map: article id → who began it and when. */
export const ARTICLE_INDEX = 'articles';

/** Who began an article and when: what a workstation needs to make its row when the article is new to it. */
export interface ArticleOrigin {
  authorId: string;
  createdAt: string;
}

/** The map beside an article's content holding its origin (not signed: no part of the content hash). */
const ORIGIN = ARTICLE_ORIGIN;

export function readOrigin(doc: Y.Doc): ArticleOrigin | null {
  const origin = doc.getMap(ORIGIN);
  const authorId = origin.get('authorId');
  const createdAt = origin.get('createdAt');
  return typeof authorId === 'string' && typeof createdAt === 'string' ? { authorId, createdAt } : null;
}

/** Sets `text` to `value` by the letters that differ at its ends, so concurrent edits elsewhere in it stay. */
function setText(text: Y.Text, value: string): void {
  const old = text.toString();
  if (old === value) return;
  let prefix = 0;
  const max = Math.min(old.length, value.length);
  while (prefix < max && old[prefix] === value[prefix]) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && old[old.length - 1 - suffix] === value[value.length - 1 - suffix]) suffix++;
  text.delete(prefix, old.length - prefix - suffix);
  text.insert(prefix, value.slice(prefix, value.length - suffix));
}

/** The article's fields beside its body, written into the meta map where they differ. */
function writeMetaChanges(doc: Y.Doc, article: ArticleContent): void {
  const meta = doc.getMap<unknown>(CONTENT_META);
  for (const field of ['title', 'summary', 'byline'] as const) {
    const text = meta.get(field);
    if (text instanceof Y.Text) setText(text, article[field]);
    else meta.set(field, new Y.Text(article[field]));
  }
  for (const field of ['category', 'slug', 'featuredImage'] as const) {
    if (meta.get(field) !== article[field]) meta.set(field, article[field]);
  }
  const tags = meta.get('tags');
  if (!(tags instanceof Y.Array)) {
    meta.set('tags', Y.Array.from([...article.tags]));
    return;
  }
  // Tags are a set: remove those gone, add those new, so tags added on two machines both stay.
  const wanted = new Set(article.tags);
  const present = tags.toArray() as unknown[];
  for (let index = present.length - 1; index >= 0; index--) {
    if (!wanted.has(present[index] as string)) tags.delete(index, 1);
  }
  const have = new Set(tags.toArray() as unknown[]);
  const added = article.tags.filter((tag) => !have.has(tag));
  if (added.length > 0) tags.push(added);
}

function contentOf(article: NonNullable<ReturnType<typeof findArticle>>): ArticleContent {
  return {
    title: article.title,
    summary: article.summary,
    byline: article.byline,
    category: article.category,
    tags: article.tags,
    slug: article.slug,
    featuredImage: article.featuredImage,
    body: article.body,
  };
}

/**
 * One article's content document on this workstation, with a headless editor bound to it through
 * which saves made here are written (as the renderer's editor will be bound, later, directly).
 */
export class ArticleDocument {
  private bound: BoundEditor | null = null;

  constructor(
    readonly articleId: string,
    readonly doc: Y.Doc,
  ) {}

  /** The editor that writes this workstation's saves, loaded from the document on first use. */
  private writer(): BoundEditor {
    if (!this.bound) {
      this.bound = bindEditor(this.doc, { writes: true });
      loadFromDoc(this.bound);
    }
    return this.bound;
  }

  /** A first document for an article that has none yet: the row as it stands, and who began it. */
  static begin(ctx: CoreContext, articleId: string, doc: Y.Doc): boolean {
    const article = findArticle(ctx, articleId);
    if (!article) return false;
    doc.transact(() => {
      contentDocFromArticle(contentOf(article), doc);
      const origin = doc.getMap(ORIGIN);
      origin.set('authorId', article.authorId);
      origin.set('createdAt', article.createdAt);
    });
    return true;
  }

  /** Writes the row as saved here into the document: only what changed. */
  recordSave(ctx: CoreContext): void {
    const article = findArticle(ctx, this.articleId);
    if (!article) return;
    const { editor } = this.writer();
    const shown = JSON.stringify(editor.getEditorState().toJSON());
    const saved = JSON.stringify(article.body);
    if (shown !== saved) editor.setEditorState(editor.parseEditorState(saved));
    this.doc.transact(() => writeMetaChanges(this.doc, contentOf(article)));
  }

  /**
   * Writes what the document holds into the row, when it differs: the article as every workstation
   * will show it once all have the same updates. A row that does not exist yet is made, for the
   * author the document names (who must be in this workstation's directory by then). Returns
   * whether the row changed.
   */
  applyToRow(ctx: CoreContext): boolean {
    const { body, meta } = articleFromContentDoc(this.doc);
    const content = prepareContent(meta.title, meta.summary, body as EditorState);
    const at = isoNow(ctx);
    return ctx.db
      .transaction(() => {
        const row = findArticle(ctx, this.articleId);
        if (!row) {
          const origin = readOrigin(this.doc);
          const author = origin && ctx.db.prepare('SELECT 1 FROM users WHERE id = ?').get(origin.authorId);
          if (!origin || !author) return false;
          insertArticle(ctx, this.articleId, origin.authorId, content, origin.createdAt);
          updateArticleMetadata(ctx, this.articleId, meta);
          return true;
        }
        const sameText =
          row.title === content.title &&
          row.summary === content.summary &&
          JSON.stringify(row.body) === content.bodyJson;
        const sameMeta =
          row.byline === meta.byline &&
          row.category === meta.category &&
          row.slug === meta.slug &&
          row.featuredImage === meta.featuredImage &&
          JSON.stringify(row.tags) === JSON.stringify(meta.tags);
        if (sameText && sameMeta) return false;
        // The version moves for any change, so an editor here still showing the older article is
        // told to reload (CONFLICT) instead of saving its older text or fields over this.
        updateArticleContent(ctx, this.articleId, row.version, content, row.authorId, at);
        if (!sameMeta) updateArticleMetadata(ctx, this.articleId, meta);
        return true;
      })
      .immediate();
  }

  dispose(): void {
    this.bound?.dispose();
    this.bound = null;
  }
}
