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
      `INSERT INTO articles (id, title, summary, body_json, body_text, word_count, author_id, status, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', 1, ?, ?)`,
    )
    .run(id, content.title, content.summary, content.bodyJson, content.bodyText, content.wordCount, authorId, at, at);
}

/** Writes the content only if the stored version is still `baseVersion`; returns whether it did. */
export function updateArticleContent(
  ctx: CoreContext,
  id: string,
  baseVersion: number,
  content: ArticleContent,
  at: string,
): boolean {
  const result = ctx.db
    .prepare(
      `UPDATE articles SET title = ?, summary = ?, body_json = ?, body_text = ?, word_count = ?,
              version = version + 1, updated_at = ?
       WHERE id = ? AND version = ?`,
    )
    .run(content.title, content.summary, content.bodyJson, content.bodyText, content.wordCount, at, id, baseVersion);
  return result.changes === 1;
}

/** Coalesces autosaves: a reporter typing for an hour leaves a handful of revisions, not thousands. */
export const AUTOSAVE_COALESCE_MS = 10 * 60 * 1000;

export function recordRevision(
  ctx: CoreContext,
  articleId: string,
  articleVersion: number,
  kind: 'created' | 'autosave',
  authorId: string,
  content: ArticleContent,
  at: string,
): void {
  if (kind === 'autosave') {
    const last = ctx.db
      .prepare(
        'SELECT id, kind, author_id, created_at FROM revisions WHERE article_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
      )
      .get(articleId) as { id: string; kind: string; author_id: string; created_at: string } | undefined;
    if (
      last &&
      last.kind === 'autosave' &&
      last.author_id === authorId &&
      Date.parse(at) - Date.parse(last.created_at) < AUTOSAVE_COALESCE_MS
    ) {
      ctx.db
        .prepare(
          `UPDATE revisions SET article_version = ?, title = ?, summary = ?, body_json = ?, body_text = ?, updated_at = ?
           WHERE id = ?`,
        )
        .run(articleVersion, content.title, content.summary, content.bodyJson, content.bodyText, at, last.id);
      return;
    }
  }
  ctx.db
    .prepare(
      `INSERT INTO revisions (id, article_id, article_version, kind, title, summary, body_json, body_text, author_id, created_at, updated_at)
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

export function countRevisions(ctx: CoreContext, articleId: string): number {
  return (ctx.db.prepare('SELECT count(*) AS n FROM revisions WHERE article_id = ?').get(articleId) as { n: number }).n;
}
