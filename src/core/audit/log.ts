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

/** Appends one event, chained to the last. Call inside the transaction that makes the change. */
export function appendAudit(ctx: CoreContext, entry: AuditEntry): void {
  const last = ctx.db.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    { hash: string } | undefined;
  const row: Omit<AuditRow, 'hash'> = {
    id: ctx.newId(),
    at: isoNow(ctx),
    actor_id: entry.actorId,
    action: entry.action,
    subject_id: entry.subjectId ?? null,
    details: JSON.stringify(entry.details ?? {}),
    prev_hash: last?.hash ?? GENESIS_HASH,
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
  /** Local sequence number of the first row whose link is broken. */
  firstBrokenSeq?: number;
  reason?: string;
}

/** Walks the chain from the start and reports the first row that does not link or hash. */
export function verifyAudit(ctx: Pick<CoreContext, 'db'>): AuditVerdict {
  const rows = ctx.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as (AuditRow & { seq: number })[];
  let prev = GENESIS_HASH;
  for (const row of rows) {
    if (row.prev_hash !== prev) return { ok: false, rows: rows.length, firstBrokenSeq: row.seq, reason: 'prev_hash' };
    if (hashAuditRow(row) !== row.hash)
      return { ok: false, rows: rows.length, firstBrokenSeq: row.seq, reason: 'hash' };
    prev = row.hash;
  }
  return { ok: true, rows: rows.length };
}
