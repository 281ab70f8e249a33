import type { ArticleStatus } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { RefusedEvent, WorkflowEvent, WorkflowEventKind } from '../../shared/review';
import type { KeyObject } from 'node:crypto';
import { appendAudit, auditHead } from '../audit/log';
import { isoNow, type CoreContext } from '../context';
import { approvalSignatureHolds, CURRENT_SIGNATURE_FORMAT, signApproval } from '../signoff/message';
import { isLegal, TRANSITIONS } from '../../shared/workflow';

/** Each status as the UI names it. */
export const STATUS_WORDS: Record<ArticleStatus, string> = {
  draft: 'nháp',
  submitted: 'chờ duyệt',
  changes_requested: 'yêu cầu sửa',
  approved: 'đã duyệt',
  scheduled: 'lên lịch',
  published: 'đã đăng',
  withdrawn: 'gỡ bài',
};

export function assertLegal(kind: WorkflowEventKind, from: ArticleStatus): void {
  if (isLegal(kind, from)) return;
  throw new AppError(
    'INVALID_TRANSITION',
    `Bài viết đang ở trạng thái “${STATUS_WORDS[from]}” nên không thể làm việc này. Hãy tải lại bài để xem trạng thái hiện tại.`,
  );
}

export interface NewEvent {
  /** Given when the event is recorded before it is appended (an office's event keeps one id everywhere). */
  id?: string;
  articleId: string;
  kind: WorkflowEventKind;
  actorId: string;
  contentHash: string;
  note?: string;
  revisionId?: string | null;
  signature?: string | null;
  keyFingerprint?: string | null;
  /** How the signature was made (core/signoff/message.ts); approvals only. */
  signatureFormat?: number | null;
  /** For a format-2 approval: the audit chain's head it signed, which its audit row must link to. */
  auditHead?: string | null;
  /** The event's time, when a signature already covers it. */
  at?: string;
  scheduledFor?: string | null;
}

/**
 * Appends one workflow event and writes the status cache in the same transaction (call inside
 * one). The event log is the truth; the status column only saves replaying it on every read.
 */
export function appendEvent(ctx: CoreContext, event: NewEvent): { id: string; from: ArticleStatus; to: ArticleStatus } {
  const row = ctx.db.prepare('SELECT status FROM articles WHERE id = ?').get(event.articleId) as
    { status: ArticleStatus } | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  const from = row.status;
  assertLegal(event.kind, from);
  // An approval without a signature is not an approval; no caller may append one.
  if (event.kind === 'approved' && (!event.signature || !event.keyFingerprint || !event.signatureFormat)) {
    throw new Error('An approval event needs a signature, its format and a key fingerprint');
  }
  const to = TRANSITIONS[event.kind].to;
  const id = event.id ?? ctx.newId();
  const at = event.at ?? isoNow(ctx);
  ctx.db
    .prepare(
      `INSERT INTO article_events (id, article_id, kind, actor_id, at, from_status, to_status, content_hash, signature,
                                   key_fingerprint, note, revision_id, scheduled_for, signature_format, audit_head)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      event.articleId,
      event.kind,
      event.actorId,
      at,
      from,
      to,
      event.contentHash,
      event.signature ?? null,
      event.keyFingerprint ?? null,
      event.note ?? '',
      event.revisionId ?? null,
      event.scheduledFor ?? null,
      event.signatureFormat ?? null,
      event.auditHead ?? null,
    );
  ctx.db
    .prepare(
      `UPDATE articles SET status = ?,
              scheduled_for = ?,
              published_hash = CASE WHEN ? THEN ? WHEN ? THEN NULL ELSE published_hash END
       WHERE id = ?`,
    )
    .run(
      to,
      event.kind === 'scheduled' ? (event.scheduledFor ?? null) : null,
      event.kind === 'published' ? 1 : 0,
      event.contentHash,
      event.kind === 'withdrawn' ? 1 : 0,
      event.articleId,
    );
  auditEvent(ctx, event, id, from, to);
  return { id, from, to };
}

/** The audit row of a workflow event made here (the office's events too: the audit log is this workstation's). */
function auditEvent(ctx: CoreContext, event: NewEvent, id: string, from: ArticleStatus, to: ArticleStatus): void {
  appendAudit(ctx, {
    actorId: event.actorId,
    action: `workflow.${event.kind}`,
    subjectId: event.articleId,
    details: {
      eventId: id,
      from,
      to,
      contentHash: event.contentHash,
      ...(event.keyFingerprint ? { keyFingerprint: event.keyFingerprint } : {}),
      ...(event.signatureFormat ? { signatureFormat: event.signatureFormat } : {}),
      ...(event.kind === 'approved' && event.revisionId ? { revisionId: event.revisionId } : {}),
      ...(event.note ? { note: event.note } : {}),
    },
  });
}

/**
 * Records a workflow event made here (inside a transaction): on an office's workstation, signed
 * into the article's review document, from which its log and status are folded (core/office);
 * elsewhere appended to the local log. Returns the status before and after.
 */
export function recordEvent(
  ctx: CoreContext,
  event: NewEvent,
  /** The key an approval was signed with (unsealed by the approver's password): it signs the office's record too. */
  signer?: { privateKey: KeyObject; keyFingerprint: string },
): { id: string; from: ArticleStatus; to: ArticleStatus; shared: boolean } {
  const id = ctx.newId();
  const at = event.at ?? isoNow(ctx);
  const status = () =>
    (ctx.db.prepare('SELECT status FROM articles WHERE id = ?').pluck().get(event.articleId) as
      ArticleStatus | undefined) ?? null;
  const from = status();
  if (from === null) throw new AppError('NOT_FOUND');
  assertLegal(event.kind, from);
  const recorded = ctx.office.recordEvent({ ...event, id, at }, signer);
  if (recorded !== 'folded') return { ...appendEvent(ctx, { ...event, id, at }), shared: recorded === 'appended' };
  const to = status() as ArticleStatus;
  auditEvent(ctx, event, id, from, to);
  return { id, from, to, shared: true };
}

/**
 * Signs and appends an approval of the named revision (call inside the transaction that
 * snapshotted it). The signature names this article, this revision and this moment, so it cannot
 * be moved to another, and where the audit chain stood, so the chain before it cannot be rewritten
 * unseen: the approval's own audit row links to that head.
 */
export function appendApproval(
  ctx: CoreContext,
  event: Omit<NewEvent, 'kind' | 'signature' | 'keyFingerprint' | 'signatureFormat' | 'auditHead'> & {
    revisionId: string;
  },
  signer: { privateKey: KeyObject; keyFingerprint: string },
): ReturnType<typeof recordEvent> {
  return recordEvent(ctx, signedApproval(ctx, event, signer), signer);
}

/** The approval event of the named revision, signed (format 2) now, ready to record. */
function signedApproval(
  ctx: CoreContext,
  event: Omit<NewEvent, 'kind' | 'signature' | 'keyFingerprint' | 'signatureFormat' | 'auditHead'> & {
    revisionId: string;
  },
  signer: { privateKey: KeyObject; keyFingerprint: string },
): NewEvent {
  const at = event.at ?? isoNow(ctx);
  const head = auditHead(ctx);
  const signature = signApproval(signer.privateKey, {
    articleId: event.articleId,
    revisionId: event.revisionId,
    contentHash: event.contentHash,
    keyFingerprint: signer.keyFingerprint,
    at,
    auditHead: head,
  });
  return {
    ...event,
    kind: 'approved',
    at,
    signature,
    keyFingerprint: signer.keyFingerprint,
    signatureFormat: CURRENT_SIGNATURE_FORMAT,
    auditHead: head,
  };
}

/**
 * The status the event log implies, replayed from the start; throws if an event does not follow
 * from the one before it (a log that was written around the rules).
 */
export function replayStatus(ctx: Pick<CoreContext, 'db'>, articleId: string): ArticleStatus {
  const events = ctx.db
    .prepare('SELECT seq, kind, from_status, to_status FROM article_events WHERE article_id = ? ORDER BY seq')
    .all(articleId) as { seq: number; kind: WorkflowEventKind; from_status: ArticleStatus; to_status: ArticleStatus }[];
  let status: ArticleStatus = 'draft';
  for (const event of events) {
    // A second head's signature of the approved text, merged from another workstation of the office.
    const coSigned = event.kind === 'approved' && status === 'approved' && event.to_status === 'approved';
    if (coSigned) continue;
    if (
      event.from_status !== status ||
      !isLegal(event.kind, status) ||
      TRANSITIONS[event.kind].to !== event.to_status
    ) {
      throw new Error(`Workflow event ${event.seq} does not follow from status ${status}`);
    }
    status = event.to_status;
  }
  return status;
}

interface EventRow {
  id: string;
  article_id: string;
  signature_format: number | null;
  audit_head: string | null;
  kind: WorkflowEventKind;
  actor_id: string;
  actor_name: string;
  at: string;
  from_status: ArticleStatus;
  to_status: ArticleStatus;
  content_hash: string;
  note: string;
  revision_id: string | null;
  key_fingerprint: string | null;
  signature: string | null;
  public_key: string | null;
  scheduled_for: string | null;
}

export function listEvents(ctx: CoreContext, articleId: string): WorkflowEvent[] {
  const rows = ctx.db
    .prepare(
      `SELECT e.*, u.display_name AS actor_name, k.public_key
       FROM article_events e JOIN users u ON u.id = e.actor_id
       LEFT JOIN user_keys k ON k.fingerprint = e.key_fingerprint
       WHERE e.article_id = ? ORDER BY e.seq`,
    )
    .all(articleId) as EventRow[];
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    actorId: row.actor_id,
    actorName: row.actor_name,
    at: row.at,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    contentHash: row.content_hash,
    note: row.note,
    revisionId: row.revision_id,
    keyFingerprint: row.key_fingerprint,
    signatureValid: row.kind === 'approved' ? approvalSignatureHolds(row) : null,
    scheduledFor: row.scheduled_for,
  }));
}

/** What an office's fold kept out of the article's log, and why (none on a single workstation). */
export function listRefusedEvents(ctx: CoreContext, articleId: string): RefusedEvent[] {
  const rows = ctx.db
    .prepare(
      `SELECT r.event_id, r.kind, r.at, r.reason, r.forged, u.display_name AS actor_name
       FROM office_refused_events r LEFT JOIN users u ON u.id = r.actor_id
       WHERE r.article_id = ? ORDER BY r.at, r.event_id`,
    )
    .all(articleId) as {
    event_id: string | null;
    kind: string | null;
    at: string | null;
    reason: string;
    forged: number;
    actor_name: string | null;
  }[];
  return rows.map((row) => ({
    id: row.event_id,
    kind: row.kind,
    actorName: row.actor_name,
    at: row.at,
    reason: row.reason,
    forged: row.forged === 1,
  }));
}
