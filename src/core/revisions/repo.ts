import type { EditorState } from '../../shared/domain';
import type { RevisionKind, RevisionSummary } from '../../shared/review';
import type { CoreContext } from '../context';

export interface RevisionRecord extends RevisionSummary {
  summary: string;
  body: EditorState;
  bodyText: string;
  byline: string;
  category: string;
  tags: string[];
  slug: string;
  featuredImage: string | null;
}

interface RevisionRow {
  id: string;
  article_id: string;
  kind: RevisionKind;
  article_version: number;
  author_id: string;
  author_name: string;
  created_at: string;
  title: string;
  summary: string;
  body_json: string;
  body_text: string;
  byline: string;
  category: string;
  tags_json: string;
  slug: string;
  featured_image: string | null;
}

const SELECT = `SELECT r.*, u.display_name AS author_name FROM revisions r JOIN users u ON u.id = r.author_id`;

function toSummary(row: RevisionRow): RevisionSummary {
  return {
    id: row.id,
    articleId: row.article_id,
    kind: row.kind,
    articleVersion: row.article_version,
    authorId: row.author_id,
    authorName: row.author_name,
    at: row.created_at,
    title: row.title,
  };
}

/** Oldest first, as a history reads. */
export function listRevisions(ctx: CoreContext, articleId: string): RevisionSummary[] {
  const rows = ctx.db
    .prepare(`${SELECT} WHERE r.article_id = ? ORDER BY r.created_at, r.article_version, r.rowid`)
    .all(articleId) as RevisionRow[];
  return rows.map(toSummary);
}

export function findRevision(ctx: CoreContext, id: string): RevisionRecord | null {
  const row = ctx.db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as RevisionRow | undefined;
  if (!row) return null;
  return {
    ...toSummary(row),
    summary: row.summary,
    body: JSON.parse(row.body_json) as EditorState,
    bodyText: row.body_text,
    byline: row.byline,
    category: row.category,
    tags: JSON.parse(row.tags_json) as string[],
    slug: row.slug,
    featuredImage: row.featured_image,
  };
}

/** The revision kept by the latest workflow event of a kind, optionally by one person. */
export function revisionOfLatestEvent(
  ctx: CoreContext,
  articleId: string,
  kind: 'approved' | 'submitted',
  actorId?: string,
): string | null {
  const row = ctx.db
    .prepare(
      `SELECT revision_id FROM article_events
       WHERE article_id = ? AND kind = ? AND revision_id IS NOT NULL AND (? IS NULL OR actor_id = ?)
       ORDER BY seq DESC LIMIT 1`,
    )
    .get(articleId, kind, actorId ?? null, actorId ?? null) as { revision_id: string } | undefined;
  return row?.revision_id ?? null;
}
