import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { CoreContext } from '../context';
import { isoNow } from '../context';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  actorId: string | null;
  action: string;
  subjectId?: string | null;
  details?: Record<string, unknown>;
}

interface AuditRow {
  id: string;
  at: string;
  actor_id: string | null;
  action: string;
  subject_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

/** The hash covers every field of the row and the previous row's hash, in canonical JSON. */
export function hashAuditRow(row: Omit<AuditRow, 'hash'>): string {
  const canonical = canonicalize({
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    action: row.action,
    subjectId: row.subject_id,
    details: JSON.parse(row.details) as unknown,
    prevHash: row.prev_hash,
  });
  return createHash('sha256')
    .update(canonical ?? '', 'utf8')
    .digest('hex');
}

/** The hash the next row will link to. Read inside the transaction that appends it. */
export function auditHead(ctx: Pick<CoreContext, 'db'>): string {
  const last = ctx.db.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    { hash: string } | undefined;
  return last?.hash ?? GENESIS_HASH;
}

/** The chain's newest row as `SEQ:HASH` (`0:<genesis>` while empty): what an anchor kept elsewhere records. */
export function auditAnchorText(ctx: Pick<CoreContext, 'db'>): string {
  const last = ctx.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  return last ? `${last.seq}:${last.hash}` : `0:${GENESIS_HASH}`;
}

/** Appends one event, chained to the last. Call inside the transaction that makes the change. */
export function appendAudit(ctx: CoreContext, entry: AuditEntry): void {
  const row: Omit<AuditRow, 'hash'> = {
    id: ctx.newId(),
    at: isoNow(ctx),
    actor_id: entry.actorId,
    action: entry.action,
    subject_id: entry.subjectId ?? null,
    details: JSON.stringify(entry.details ?? {}),
    prev_hash: auditHead(ctx),
  };
  ctx.db
    .prepare(
      `INSERT INTO audit_log (id, at, actor_id, action, subject_id, details, prev_hash, hash)
       VALUES (@id, @at, @actor_id, @action, @subject_id, @details, @prev_hash, @hash)`,
    )
    .run({ ...row, hash: hashAuditRow(row) });
}

export interface AuditVerdict {
  ok: boolean;
  rows: number;
  /** The last row: what to keep outside the file, to check it later with `anchor`. */
  head: AuditAnchor | null;
  /** Local sequence number of the first row whose link is broken. */
  firstBrokenSeq?: number;
  reason?: 'prev_hash' | 'hash' | 'anchor_missing' | 'anchor_hash';
}

/** A row of the chain as recorded somewhere the database's holder cannot rewrite. */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

/**
 * Walks the chain from the start and reports the first row that does not link or hash. A chain
 * is only as good as its last row, which anyone can drop or recompute with everything before it;
 * given an anchor kept outside the file, the row it names must still be there with that hash,
 * so rows cut from the end or a rewritten past show.
 */
export function verifyAudit(ctx: Pick<CoreContext, 'db'>, anchor?: AuditAnchor): AuditVerdict {
  const rows = ctx.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as (AuditRow & { seq: number })[];
  const last = rows.at(-1);
  const base = { ok: false, rows: rows.length, head: last ? { seq: last.seq, hash: last.hash } : null };
  let prev = GENESIS_HASH;
  for (const row of rows) {
    if (row.prev_hash !== prev) return { ...base, firstBrokenSeq: row.seq, reason: 'prev_hash' };
    if (hashAuditRow(row) !== row.hash) return { ...base, firstBrokenSeq: row.seq, reason: 'hash' };
    prev = row.hash;
  }
  if (anchor) {
    const anchored = rows.find((row) => row.seq === anchor.seq);
    if (!anchored) return { ...base, firstBrokenSeq: anchor.seq, reason: 'anchor_missing' };
    if (anchored.hash !== anchor.hash.toLowerCase())
      return { ...base, firstBrokenSeq: anchor.seq, reason: 'anchor_hash' };
  }
  return { ...base, ok: true };
}
