import { AppError } from '../../shared/errors';
import path from 'node:path';
import type { OutboxEntry, OutboxState, Placement, TargetConfig } from '../../shared/publishing';
import { OUTBOX_STATES } from '../../shared/publishing';
import { isoNow, type CoreContext } from '../context';
import { progressOf } from './progress';
import { staticArticleUrl } from './static/adapter';
import { listTargets } from './targets';

export type OutboxAction = 'publish' | 'withdraw';

interface EntryRow {
  id: string;
  article_id: string;
  article_title: string;
  target_id: string;
  target_name: string;
  action: OutboxAction;
  content_hash: string | null;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  overwrite: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface EntryRecord extends Omit<OutboxEntry, 'progress'> {
  contentHash: string | null;
  overwrite: boolean;
  createdBy: string | null;
}

const SELECT = `SELECT o.*, a.title AS article_title, t.name AS target_name
  FROM outbox o JOIN articles a ON a.id = o.article_id JOIN publish_targets t ON t.id = o.target_id`;

function toRecord(row: EntryRow): EntryRecord {
  return {
    id: row.id,
    articleId: row.article_id,
    articleTitle: row.article_title,
    targetId: row.target_id,
    targetName: row.target_name,
    action: row.action,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    contentHash: row.content_hash,
    overwrite: row.overwrite === 1,
    createdBy: row.created_by,
  };
}

export function toPublicEntry(ctx: CoreContext, record: EntryRecord): OutboxEntry {
  const { contentHash: _hash, overwrite: _overwrite, createdBy: _by, ...visible } = record;
  return { ...visible, progress: progressOf(ctx, record.id) };
}

export function findEntry(ctx: CoreContext, id: string): EntryRecord | null {
  const row = ctx.db.prepare(`${SELECT} WHERE o.id = ?`).get(id) as EntryRow | undefined;
  return row ? toRecord(row) : null;
}

/** States a newer request replaces: nothing has reached the site for them, or it no longer matters. */
const OPEN: readonly OutboxState[] = ['queued', 'failed', 'conflict'];

/**
 * Queues `action` for the article on every enabled target. Call inside the transaction that
 * changes the article's status: the request and the status change are stored together or not at
 * all. An older request for the same article and site that has not gone out is superseded, so
 * the site ends in the state last asked for.
 */
export function enqueue(
  ctx: CoreContext,
  articleId: string,
  action: OutboxAction,
  options: { contentHash: string | null; notBefore?: string | null; userId: string },
): string[] {
  const at = isoNow(ctx);
  const due = options.notBefore && options.notBefore > at ? options.notBefore : at;
  const supersede = ctx.db.prepare(
    `UPDATE outbox SET state = 'superseded', updated_at = ?
     WHERE article_id = ? AND target_id = ? AND state IN (${OPEN.map(() => '?').join(', ')})`,
  );
  const insert = ctx.db.prepare(
    `INSERT INTO outbox (id, article_id, target_id, action, content_hash, state, attempts, next_attempt_at,
                         created_at, created_by, updated_at)
     VALUES (?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?, ?)`,
  );
  const ids: string[] = [];
  for (const target of listTargets(ctx, true)) {
    supersede.run(at, articleId, target.id, ...OPEN);
    // Withdrawing from a site the article never reached has nothing to do there.
    if (action === 'withdraw' && !hasBeenSent(ctx, articleId, target.id)) continue;
    const id = ctx.newId();
    insert.run(id, articleId, target.id, action, options.contentHash, due, at, options.userId, at);
    ids.push(id);
  }
  return ids;
}

/** Whether anything of the article may be on the site: a recorded post, or an attempt that may have landed. */
function hasBeenSent(ctx: CoreContext, articleId: string, targetId: string): boolean {
  return !!ctx.db
    .prepare(
      `SELECT 1 FROM remote_posts WHERE article_id = ? AND target_id = ?
       UNION ALL SELECT 1 FROM outbox WHERE article_id = ? AND target_id = ? AND action = 'publish'
         AND (state = 'sending' OR (attempts > 0 AND state IN ('queued', 'failed', 'conflict')))`,
    )
    .get(articleId, targetId, articleId, targetId);
}

/**
 * The next entry to send: due, its target enabled and not paused, and no older unfinished entry
 * for the same article and site ahead of it (a withdrawal never overtakes the publish before it).
 */
export function nextDue(ctx: CoreContext, now: string, pausedTargets: ReadonlySet<string>): EntryRecord | null {
  const rows = ctx.db
    .prepare(
      `${SELECT} WHERE o.state = 'queued' AND o.next_attempt_at <= ? AND t.enabled = 1
         AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.article_id = o.article_id AND p.target_id = o.target_id
                         AND p.state IN ('queued', 'sending') AND p.created_at < o.created_at)
       ORDER BY o.next_attempt_at, o.created_at LIMIT 20`,
    )
    .all(now) as EntryRow[];
  const row = rows.find((candidate) => !pausedTargets.has(candidate.target_id));
  return row ? toRecord(row) : null;
}

/** Per enabled site, when its earliest queued entry falls due. */
export function dueTimes(ctx: CoreContext): { targetId: string; at: string }[] {
  return ctx.db
    .prepare(
      `SELECT o.target_id AS targetId, min(o.next_attempt_at) AS at FROM outbox o
       JOIN publish_targets t ON t.id = o.target_id
       WHERE o.state = 'queued' AND t.enabled = 1 GROUP BY o.target_id`,
    )
    .all() as { targetId: string; at: string }[];
}

export function markSending(ctx: CoreContext, id: string): boolean {
  return (
    ctx.db
      .prepare(
        `UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ? AND state = 'queued'`,
      )
      .run(isoNow(ctx), id).changes === 1
  );
}

export function settle(
  ctx: CoreContext,
  id: string,
  state: OutboxState,
  fields: { lastError?: string | null; nextAttemptAt?: string } = {},
): void {
  ctx.db
    .prepare(
      `UPDATE outbox SET state = ?, last_error = ?, next_attempt_at = coalesce(?, next_attempt_at), updated_at = ?
       WHERE id = ?`,
    )
    .run(state, fields.lastError ?? null, fields.nextAttemptAt ?? null, isoNow(ctx), id);
}

/**
 * After a restart, an entry left "sending" may or may not have reached the site. It is sent
 * again: the adapter looks for the post the first attempt may have made before creating one.
 */
export function requeueInterrupted(ctx: CoreContext): number {
  return ctx.db.prepare(`UPDATE outbox SET state = 'queued', updated_at = ? WHERE state = 'sending'`).run(isoNow(ctx))
    .changes;
}

/** A failed or conflicting entry sent again on request; `overwrite` answers a conflict. */
export function requeue(ctx: CoreContext, id: string, overwrite = false): EntryRecord {
  const entry = findEntry(ctx, id);
  if (!entry) throw new AppError('NOT_FOUND');
  if (entry.state !== 'failed' && entry.state !== 'conflict') {
    throw new AppError(
      'INVALID_TRANSITION',
      'Yêu cầu đăng này không ở trạng thái lỗi hay xung đột nên không cần gửi lại.',
    );
  }
  ctx.db
    .prepare(
      `UPDATE outbox SET state = 'queued', next_attempt_at = ?, overwrite = ?, last_error = NULL, updated_at = ?
       WHERE id = ?`,
    )
    .run(isoNow(ctx), overwrite ? 1 : 0, isoNow(ctx), id);
  return findEntry(ctx, id)!;
}

export function listQueue(
  ctx: CoreContext,
  limit = 200,
): { items: EntryRecord[]; counts: Record<OutboxState, number> } {
  const items = (ctx.db.prepare(`${SELECT} ORDER BY o.created_at DESC, o.id LIMIT ?`).all(limit) as EntryRow[]).map(
    toRecord,
  );
  const counts = Object.fromEntries(OUTBOX_STATES.map((state) => [state, 0])) as Record<OutboxState, number>;
  for (const row of ctx.db.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state').all() as {
    state: OutboxState;
    n: number;
  }[])
    counts[row.state] = row.n;
  return { items, counts };
}

/** Per enabled site: the newest request for the article, and where the article is public. */
export function placements(ctx: CoreContext, articleId: string): Placement[] {
  const latest = ctx.db.prepare(
    `SELECT id, state, last_error, next_attempt_at FROM outbox WHERE article_id = ? AND target_id = ?
     ORDER BY created_at DESC, rowid DESC LIMIT 1`,
  );
  const remote = ctx.db.prepare('SELECT url, synced_at FROM remote_posts WHERE article_id = ? AND target_id = ?');
  const slug =
    (ctx.db.prepare('SELECT slug FROM articles WHERE id = ?').pluck().get(articleId) as string | undefined) ?? '';
  return listTargets(ctx).flatMap((target) => {
    const entry = latest.get(articleId, target.id) as
      { id: string; state: OutboxState; last_error: string | null; next_attempt_at: string } | undefined;
    if (!target.enabled && !entry) return [];
    const post = remote.get(articleId, target.id) as { url: string; synced_at: string } | undefined;
    return [
      {
        targetId: target.id,
        targetName: target.name,
        state: entry?.state ?? null,
        entryId: entry?.id ?? null,
        lastError: entry?.last_error ?? null,
        nextAttemptAt: entry?.next_attempt_at ?? null,
        url: post?.url ?? null,
        syncedAt: post?.synced_at ?? null,
        expectedUrl: post?.url ?? expectedUrl(target.config, slug),
        progress: progressOf(ctx, entry?.id ?? null),
      },
    ];
  });
}

/** The address a site will give the article, when it can be known before publishing. */
function expectedUrl(config: TargetConfig, slug: string): string | null {
  if (config.kind !== 'static' || !slug) return null;
  const url = staticArticleUrl(config.baseUrl, slug);
  return config.baseUrl ? url : path.join(config.folder, url);
}
