import type { Article, ArticleStatus, ArticleSummary, EditorState } from '../../shared/domain';
import type { CoreContext } from '../context';

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

export function findArticle(ctx: CoreContext, id: string): Article | null {
  const row = ctx.db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as ArticleRow | undefined;
  if (!row) return null;
  return {
    ...toSummary(row),
    summary: row.summary,
    body: JSON.parse(row.body_json) as EditorState,
    bodyText: row.body_text,
    version: row.version,
    createdAt: row.created_at,
  };
}

/** Just what a permission or version check needs, without reading the body. */
export function findArticleMeta(ctx: CoreContext, id: string): { authorId: string; version: number } | null {
  const row = ctx.db.prepare('SELECT author_id, version FROM articles WHERE id = ?').get(id) as
    { author_id: string; version: number } | undefined;
  return row ? { authorId: row.author_id, version: row.version } : null;
}

export function listArticles(ctx: CoreContext, onlyAuthorId?: string): ArticleSummary[] {
  const columns = 'a.id, a.title, a.status, a.author_id, a.word_count, a.updated_at, u.display_name AS author_name';
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

export function insertArticle(
  ctx: CoreContext,
  id: string,
  authorId: string,
  content: ArticleContent,
  at: string,
): void {
  ctx.db
    .prepare(
      `INSERT INTO articles (id, title, summary, body_json, body_text, word_count, author_id, status, version,
                             created_at, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', 1, ?, ?, ?)`,
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
    );
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

export type RevisionKind = 'created' | 'autosave';

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
  const row = ctx.db
    .prepare('SELECT title, summary, body_json AS bodyJson, body_text AS bodyText FROM articles WHERE id = ?')
    .get(articleId) as Omit<ArticleContent, 'wordCount'>;
  recordRevision(ctx, articleId, current.version, 'autosave', current.updated_by, row, current.updated_at);
}

export function countRevisions(ctx: CoreContext, articleId: string): number {
  return (ctx.db.prepare('SELECT count(*) AS n FROM revisions WHERE article_id = ?').get(articleId) as { n: number }).n;
}
