import * as Y from 'yjs';
import type { EditorState } from '../../shared/domain';
import { ARTICLE_EDITED, ARTICLE_ORIGIN } from '../../shared/sync/documents';
import { prepareContent } from '../articles/content';
import {
  findArticle,
  insertArticle,
  snapshotBeforeSave,
  updateArticleContent,
  updateArticleMetadata,
} from '../articles/repo';
import { isoNow, type CoreContext } from '../context';
import { bindEditor, loadFromDoc, type BoundEditor } from '../sync/binding';
import { readMeta, writeMetaChanges } from '../../shared/collab/meta';
import { articleFromContentDoc, contentDocFromArticle, type ArticleContent } from '../sync/contentDoc';

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

/** Who last wrote the article's row on this workstation. */
export function updatedBy(ctx: CoreContext, articleId: string): string | null {
  const by = ctx.db.prepare('SELECT updated_by FROM articles WHERE id = ?').pluck().get(articleId);
  return typeof by === 'string' ? by : null;
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

  /**
   * The editor that writes this workstation's saves, loaded from the document on first use and
   * brought up to date with it at each use: a change is applied to it when the editor is next
   * needed, not as it arrives, so that nothing stands between a change and its way to the office.
   */
  private writer(): BoundEditor {
    if (!this.bound) {
      this.bound = bindEditor(this.doc, { writes: true, deferred: true });
      loadFromDoc(this.bound);
    } else this.bound.binding.catchUp();
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

  /**
   * The article as the document holds it now. Through the bound editor when there is one, or when
   * `keep` asks for one (a live editor's article, read at every keystroke: kept in step, not read
   * afresh); otherwise read once by an editor dropped after (an office's thousands of articles
   * arriving at a join keep no editor each).
   */
  read(keep = false): ArticleContent {
    if (!this.bound && !keep) {
      const { body, meta } = articleFromContentDoc(this.doc);
      return { ...meta, body };
    }
    const { editor } = this.writer();
    // As JSON: Lexical's objects carry keys set to undefined, which are no part of a stored state.
    const body = JSON.parse(JSON.stringify(editor.getEditorState().toJSON())) as EditorState;
    return { ...readMeta(this.doc), body };
  }

  /** Writes the row as saved here into the document: only what changed, and who wrote it. */
  recordSave(ctx: CoreContext): void {
    const article = findArticle(ctx, this.articleId);
    if (!article) return;
    // Named first, so wherever the change arrives its writer is known when it is written.
    const editorId = updatedBy(ctx, this.articleId);
    if (editorId) this.markEditor(editorId);
    const { editor } = this.writer();
    const shown = JSON.stringify(editor.getEditorState().toJSON());
    const saved = JSON.stringify(article.body);
    if (shown !== saved) editor.setEditorState(editor.parseEditorState(saved));
    writeMetaChanges(this.doc, contentOf(article));
  }

  /** Names who wrote the latest change here, for the workstations it reaches (written only when it is someone else). */
  markEditor(userId: string): void {
    const edited = this.doc.getMap(ARTICLE_EDITED);
    if (edited.get('by') !== userId) edited.set('by', userId);
  }

  /** Who the document says last wrote it, when this workstation knows her; else null. */
  private lastEditor(ctx: CoreContext): string | null {
    const by = this.doc.getMap(ARTICLE_EDITED).get('by');
    if (typeof by !== 'string') return null;
    return ctx.db.prepare('SELECT 1 FROM users WHERE id = ?').get(by) ? by : null;
  }

  /**
   * Writes what the document holds into the row, when it differs: the article as every workstation
   * will show it once all have the same updates. A row that does not exist yet is made, for the
   * author the document names (who must be in this workstation's directory by then). Returns
   * whether the row changed.
   */
  applyToRow(ctx: CoreContext): boolean {
    const { body, ...meta } = this.read();
    const content = prepareContent(meta.title, meta.summary, body);
    const at = isoNow(ctx);
    return ctx.db
      .transaction(() => {
        const row = findArticle(ctx, this.articleId);
        if (!row) {
          const origin = readOrigin(this.doc);
          const author = origin && ctx.db.prepare('SELECT 1 FROM users WHERE id = ?').get(origin.authorId);
          if (!origin || !author) return false;
          insertArticle(ctx, this.articleId, origin.authorId, content, origin.createdAt, meta);
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
        // Written as its writer's, as her save here would be: the text it replaces goes into the
        // history when hers is a new hand or the last snapshot is old.
        const editorId = this.lastEditor(ctx) ?? row.authorId;
        snapshotBeforeSave(ctx, this.articleId, editorId, at);
        // The version moves for any change, so an editor here still showing the older article is
        // told to reload (CONFLICT) instead of saving its older text or fields over this.
        updateArticleContent(ctx, this.articleId, row.version, content, editorId, at);
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
