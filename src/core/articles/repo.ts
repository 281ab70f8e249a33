import type { Article, ArticleStatus, ArticleSummary, EditorState } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { nfc } from '../../shared/text';
import type { RevisionKind } from '../../shared/review';
import type { CoreContext } from '../context';
import { readOrganisation } from '../organisation/settings';

interface ArticleRow {
  id: string;
  title: string;
  summary: string;
  body_json: string;
  body_text: string;
  word_count: number;
  author_id: string;
  author_name: string;
  status: ArticleStatus;
  version: number;
  created_at: string;
  updated_at: string;
  byline: string;
  category: string;
  tags_json: string;
  published_hash: string | null;
  scheduled_for: string | null;
  slug: string;
  featured_image: string | null;
}

const SELECT = `SELECT a.*, u.display_name AS author_name FROM articles a JOIN users u ON u.id = a.author_id`;

function toSummary(row: Omit<ArticleRow, 'summary' | 'body_json' | 'body_text' | 'created_at'>): ArticleSummary {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    authorId: row.author_id,
    authorName: row.author_name,
    wordCount: row.word_count,
    updatedAt: row.updated_at,
  };
}

/** An article with the metadata that is signed along with its text. */
export interface StoredArticle extends Article {
  byline: string;
  category: string;
  tags: string[];
  publishedHash: string | null;
  scheduledFor: string | null;
  slug: string;
  featuredImage: string | null;
}

export function findArticle(ctx: CoreContext, id: string): StoredArticle | null {
  const row = ctx.db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as ArticleRow | undefined;
  if (!row) return null;
  return {
    ...toSummary(row),
    summary: row.summary,
    body: JSON.parse(row.body_json) as EditorState,
    bodyText: row.body_text,
    version: row.version,
    createdAt: row.created_at,
    byline: row.byline,
    category: row.category,
    tags: JSON.parse(row.tags_json) as string[],
    publishedHash: row.published_hash,
    scheduledFor: row.scheduled_for,
    slug: row.slug,
    featuredImage: row.featured_image,
  };
}

/** Just what a permission or version check needs, without reading the body. */
export function findArticleMeta(
  ctx: CoreContext,
  id: string,
): { authorId: string; version: number; status: ArticleStatus; category: string } | null {
  const row = ctx.db.prepare('SELECT author_id, version, status, category FROM articles WHERE id = ?').get(id) as
    { author_id: string; version: number; status: ArticleStatus; category: string } | undefined;
  return row ? { authorId: row.author_id, version: row.version, status: row.status, category: row.category } : null;
}

export function listArticles(ctx: CoreContext, onlyAuthorId?: string): ArticleSummary[] {
  const columns = 'a.id, a.title, a.status, a.author_id, a.word_count, a.updated_at, u.display_name AS author_name';
  // Listing reads neither bodies nor metadata: review state is added by the caller per row.
  const from = 'FROM articles a JOIN users u ON u.id = a.author_id';
  const rows = onlyAuthorId
    ? ctx.db.prepare(`SELECT ${columns} ${from} WHERE a.author_id = ? ORDER BY a.updated_at DESC`).all(onlyAuthorId)
    : ctx.db.prepare(`SELECT ${columns} ${from} ORDER BY a.updated_at DESC`).all();
  return (rows as ArticleRow[]).map(toSummary);
}

export interface ArticleContent {
  title: string;
  summary: string;
  bodyJson: string;
  bodyText: string;
  wordCount: number;
}

/**
 * A new article. Its byline is its author's, as the portal prints it (`Name (Unit)`, the office's
 * name when the account has no unit of its own), unless `meta`
 * gives one; the other fields `meta` gives are written as `updateArticleMetadata` writes them, in
 * the same statement.
 */
export function insertArticle(
  ctx: CoreContext,
  id: string,
  authorId: string,
  content: ArticleContent,
  at: string,
  meta: ArticleMetadata = {},
): void {
  const fields = metadataColumns(ctx, id, meta);
  // An account without a unit of its own writes for the office.
  const authorByline =
    "CASE WHEN u.byline = '' THEN '' ELSE u.byline || ' (' || COALESCE(NULLIF(u.unit, ''), ?) || ')' END";
  const extra = fields.columns.filter((column) => column !== 'byline');
  const extraValues = fields.values.filter((_, index) => fields.columns[index] !== 'byline');
  const byline = fields.columns.indexOf('byline');
  ctx.db
    .prepare(
      `INSERT INTO articles (id, title, summary, body_json, body_text, word_count, author_id, status, version,
                             created_at, updated_at, updated_by, byline${extra.map((column) => `, ${column}`).join('')})
       SELECT ?, ?, ?, ?, ?, ?, ?, 'draft', 1, ?, ?, ?, ${byline < 0 ? authorByline : '?'}${extra.map(() => ', ?').join('')}
       FROM users u WHERE u.id = ?`,
    )
    .run(
      id,
      content.title,
      content.summary,
      content.bodyJson,
      content.bodyText,
      content.wordCount,
      authorId,
      at,
      at,
      authorId,
      byline < 0 ? readOrganisation(ctx).name : fields.values[byline],
      ...extraValues,
      authorId,
    );
}

export interface ArticleMetadata {
  byline?: string;
  category?: string;
  tags?: string[];
  /** Already a valid slug (see src/shared/slug.ts); '' lets submission derive one from the title. */
  slug?: string;
  featuredImage?: string | null;
}

/** The columns and values of the fields `meta` gives, NFC; throws when the slug is another article's. */
function metadataColumns(
  ctx: CoreContext,
  id: string,
  meta: ArticleMetadata,
): { columns: string[]; values: (string | null)[] } {
  const columns: string[] = [];
  const values: (string | null)[] = [];
  const set = (column: string, value: string | null) => {
    columns.push(column);
    values.push(value);
  };
  if (meta.byline !== undefined) set('byline', nfc(meta.byline.trim()));
  if (meta.category !== undefined) set('category', nfc(meta.category.trim()));
  if (meta.tags !== undefined) {
    const tags = [...new Set(meta.tags.map((tag) => nfc(tag.trim())).filter(Boolean))];
    set('tags_json', JSON.stringify(tags));
  }
  if (meta.slug !== undefined) {
    const taken = meta.slug !== '' && isSlugTaken(ctx, meta.slug, id);
    if (taken) {
      throw new AppError(
        'INVALID_INPUT',
        `Đường dẫn “${meta.slug}” đã được một bài khác dùng. Hãy đặt đường dẫn khác.`,
        [{ path: 'slug', message: 'Đường dẫn đã được dùng.' }],
      );
    }
    set('slug', meta.slug);
  }
  if (meta.featuredImage !== undefined) set('featured_image', meta.featuredImage);
  return { columns, values };
}

/** Writes whichever of the fields were given, NFC, leaving the rest as stored: one statement. */
export function updateArticleMetadata(ctx: CoreContext, id: string, meta: ArticleMetadata): void {
  const { columns, values } = metadataColumns(ctx, id, meta);
  if (columns.length === 0) return;
  // The statement for each set of fields is prepared once (the connection caches statements).
  ctx.db
    .prepare(`UPDATE articles SET ${columns.map((column) => `${column} = ?`).join(', ')} WHERE id = ?`)
    .run(...values, id);
}

export function isSlugTaken(ctx: CoreContext, slug: string, exceptId: string): boolean {
  return !!ctx.db.prepare('SELECT 1 FROM articles WHERE slug = ? AND id <> ?').get(slug, exceptId);
}

/** Writes the content only if the stored version is still `baseVersion`; returns whether it did. */
export function updateArticleContent(
  ctx: CoreContext,
  id: string,
  baseVersion: number,
  content: ArticleContent,
  editorId: string,
  at: string,
): boolean {
  const result = ctx.db
    .prepare(
      `UPDATE articles SET title = ?, summary = ?, body_json = ?, body_text = ?, word_count = ?,
              version = version + 1, updated_at = ?, updated_by = ?
       WHERE id = ? AND version = ?`,
    )
    .run(
      content.title,
      content.summary,
      content.bodyJson,
      content.bodyText,
      content.wordCount,
      at,
      editorId,
      id,
      baseVersion,
    );
  return result.changes === 1;
}

/** An autosave snapshot is kept at most this often while one person keeps typing. */
export const AUTOSAVE_COALESCE_MS = 10 * 60 * 1000;

export type { RevisionKind };

/** Keeps the article exactly as it is now (text and metadata) as a named revision; returns its id. */
export function snapshotRevision(
  ctx: CoreContext,
  articleId: string,
  kind: RevisionKind,
  authorId: string,
  at: string,
  id: string = ctx.newId(),
): string {
  ctx.db
    .prepare(
      `INSERT INTO revisions (id, article_id, article_version, kind, title, summary, body_json, body_text, byline,
                              category, tags_json, slug, featured_image, author_id, created_at, updated_at)
       SELECT ?, id, version, ?, title, summary, body_json, body_text, byline, category, tags_json, slug,
              featured_image, ?, ?, ?
       FROM articles WHERE id = ?`,
    )
    .run(id, kind, authorId, at, at, articleId);
  return id;
}

export function recordRevision(
  ctx: CoreContext,
  articleId: string,
  articleVersion: number,
  kind: RevisionKind,
  authorId: string,
  content: Omit<ArticleContent, 'wordCount'>,
  at: string,
): void {
  ctx.db
    .prepare(
      `INSERT INTO revisions (id, article_id, article_version, kind, title, summary, body_json, body_text, author_id,
                              created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      ctx.newId(),
      articleId,
      articleVersion,
      kind,
      content.title,
      content.summary,
      content.bodyJson,
      content.bodyText,
      authorId,
      at,
      at,
    );
}

/**
 * Autosaves coalesce: the article row always holds the newest text, and before a save overwrites
 * it, the text it replaces is kept as a revision when the last one is over ten minutes old or
 * someone else wrote it. A reporter typing for an hour leaves a handful of revisions, and most
 * saves write one row, not two.
 */
export function snapshotBeforeSave(ctx: CoreContext, articleId: string, editorId: string, at: string): void {
  const last = ctx.db
    .prepare(
      'SELECT article_version, created_at FROM revisions WHERE article_id = ? ORDER BY article_version DESC, created_at DESC LIMIT 1',
    )
    .get(articleId) as { article_version: number; created_at: string } | undefined;
  const current = ctx.db.prepare('SELECT version, updated_by, updated_at FROM articles WHERE id = ?').get(articleId) as
    { version: number; updated_by: string; updated_at: string } | undefined;
  if (!current || last?.article_version === current.version) return;
  const stale = !last || Date.parse(at) - Date.parse(last.created_at) >= AUTOSAVE_COALESCE_MS;
  if (!stale && current.updated_by === editorId) return;
  // The text being replaced was written by its last editor at their time, not by this save.
  snapshotRevision(ctx, articleId, 'autosave', current.updated_by, current.updated_at);
}

export function countRevisions(ctx: CoreContext, articleId: string): number {
  return (ctx.db.prepare('SELECT count(*) AS n FROM revisions WHERE article_id = ?').get(articleId) as { n: number }).n;
}
