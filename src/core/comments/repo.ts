import type { CommentThread, TextAnchor } from '../../shared/review';
import { nfc } from '../../shared/text';
import { isoNow, type CoreContext } from '../context';
import { resolveAnchor } from './anchor';

interface EntryRow {
  id: string;
  article_id: string;
  thread_id: string | null;
  kind: 'comment' | 'reply' | 'resolved';
  author_id: string;
  author_name: string;
  at: string;
  body: string;
  anchor_json: string | null;
}

/** Comments are only ever appended: a reply, or a resolution, is a new row pointing at its thread. */
export function appendEntry(
  ctx: CoreContext,
  entry: {
    articleId: string;
    threadId: string | null;
    kind: EntryRow['kind'];
    authorId: string;
    body?: string;
    anchor?: TextAnchor | null;
  },
): string {
  const id = ctx.newId();
  const at = isoNow(ctx);
  const anchor = entry.anchor
    ? { exact: nfc(entry.anchor.exact), prefix: nfc(entry.anchor.prefix), suffix: nfc(entry.anchor.suffix) }
    : null;
  ctx.db
    .prepare(
      `INSERT INTO comment_entries (id, article_id, thread_id, kind, author_id, at, body, anchor_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      entry.articleId,
      entry.threadId,
      entry.kind,
      entry.authorId,
      at,
      nfc(entry.body ?? ''),
      anchor ? JSON.stringify(anchor) : null,
    );
  // On an office's workstation the entry goes, signed, to the office in this transaction.
  ctx.office.commentAdded({
    id,
    articleId: entry.articleId,
    threadId: entry.threadId,
    kind: entry.kind,
    authorId: entry.authorId,
    at,
    body: nfc(entry.body ?? ''),
    anchor,
  });
  return id;
}

/** The thread a comment or reply id belongs to, with its article. */
export function findThreadOf(ctx: CoreContext, entryId: string): { threadId: string; articleId: string } | null {
  const row = ctx.db.prepare('SELECT id, thread_id, article_id FROM comment_entries WHERE id = ?').get(entryId) as
    { id: string; thread_id: string | null; article_id: string } | undefined;
  return row ? { threadId: row.thread_id ?? row.id, articleId: row.article_id } : null;
}

/** Every thread of an article, oldest first, each anchored afresh in the current body text. */
export function listThreads(ctx: CoreContext, articleId: string, bodyText: string): CommentThread[] {
  const rows = ctx.db
    .prepare(
      `SELECT c.*, u.display_name AS author_name FROM comment_entries c JOIN users u ON u.id = c.author_id
       WHERE c.article_id = ? ORDER BY c.seq`,
    )
    .all(articleId) as EntryRow[];
  const threads = new Map<string, CommentThread>();
  for (const row of rows) {
    if (row.kind === 'comment') {
      const anchor = row.anchor_json ? (JSON.parse(row.anchor_json) as TextAnchor) : null;
      const position = anchor ? resolveAnchor(bodyText, anchor) : null;
      threads.set(row.id, {
        id: row.id,
        articleId: row.article_id,
        body: row.body,
        authorId: row.author_id,
        authorName: row.author_name,
        at: row.at,
        anchor,
        position,
        detached: anchor !== null && position === null,
        resolved: false,
        resolvedBy: null,
        resolvedAt: null,
        replies: [],
      });
      continue;
    }
    const thread = threads.get(row.thread_id!);
    if (!thread) continue;
    if (row.kind === 'reply') {
      thread.replies.push({
        id: row.id,
        body: row.body,
        authorId: row.author_id,
        authorName: row.author_name,
        at: row.at,
      });
    } else {
      thread.resolved = true;
      thread.resolvedBy = row.author_name;
      thread.resolvedAt = row.at;
    }
  }
  return [...threads.values()];
}
