import type { CoreContext } from '../context';
import type { RemoteRef } from './adapter';

export function findRemote(ctx: CoreContext, articleId: string, targetId: string): RemoteRef | null {
  const row = ctx.db
    .prepare('SELECT remote_id, url, remote_modified FROM remote_posts WHERE article_id = ? AND target_id = ?')
    .get(articleId, targetId) as { remote_id: string; url: string; remote_modified: string } | undefined;
  return row ? { remoteId: row.remote_id, url: row.url, remoteModified: row.remote_modified } : null;
}

export function saveRemote(
  ctx: CoreContext,
  articleId: string,
  targetId: string,
  ref: RemoteRef,
  contentHash: string,
  at: string,
): void {
  ctx.db
    .prepare(
      `INSERT INTO remote_posts (article_id, target_id, remote_id, url, remote_modified, content_hash, synced_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (article_id, target_id) DO UPDATE SET remote_id = excluded.remote_id, url = excluded.url,
         remote_modified = excluded.remote_modified, content_hash = excluded.content_hash, synced_at = excluded.synced_at`,
    )
    .run(articleId, targetId, ref.remoteId, ref.url, ref.remoteModified, contentHash, at);
}

/** The site's copy, as it is now, becomes the one the next update is compared against. */
export function acceptRemoteStamp(
  ctx: CoreContext,
  articleId: string,
  targetId: string,
  remoteModified: string,
  at: string,
): void {
  ctx.db
    .prepare('UPDATE remote_posts SET remote_modified = ?, synced_at = ? WHERE article_id = ? AND target_id = ?')
    .run(remoteModified, at, articleId, targetId);
}

export function forgetRemote(ctx: CoreContext, articleId: string, targetId: string): void {
  ctx.db.prepare('DELETE FROM remote_posts WHERE article_id = ? AND target_id = ?').run(articleId, targetId);
}
