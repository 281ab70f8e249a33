import { createHash, type KeyObject } from 'node:crypto';
import * as Y from 'yjs';
import type { TextAnchor } from '../../shared/review';
import {
  REVIEW_COMMENTS,
  REVIEW_EVENTS,
  reviewCommentMessageText,
  reviewCommentSchema,
  reviewEventMessageText,
  type ReviewComment,
  type ReviewEvent,
  type UnsignedReviewComment,
  type UnsignedReviewEvent,
} from '../../shared/sync/review';
import { accountAt, keyValidAt, type DirectoryEntry } from '../../shared/sync/directory';
import { snapshotRevision } from '../articles/repo';
import type { CoreContext } from '../context';
import { foldReview, type FoldResult, type RefusedEvent } from '../review/fold';
import { signMessage, verifyMessage } from '../signoff/keys';
import type { NewEvent } from '../workflow/events';

// An article's review document on this workstation: the events and comments made here are signed
// and appended to it (in the transaction that makes them, so they are on disk with it); whatever
// it holds, from here or elsewhere, is folded into the article's workflow log and status here.

export interface EventSigner {
  userId: string;
  fingerprint: string;
  privateKey: KeyObject;
}

/** What the fold needs from the office connection besides the document. */
export interface ReviewContext {
  office: { fingerprint: string; publicKey: string | null };
  directory: ReadonlyMap<string, readonly DirectoryEntry[]>;
  /** The signature check to use (default: Ed25519 each time); a workstation's remembers what it checked. */
  verify?: (publicKey: string, message: string, signature: string) => boolean;
}

/**
 * A signature check that remembers its answers, keyed by everything it checked (key, message and
 * signature): an article's review is folded again whenever its text or the directory changes, and
 * a directory change refolds the whole archive.
 */
export function rememberingVerifier(
  limit = 100_000,
): (publicKey: string, message: string, signature: string) => boolean {
  const known = new Map<string, boolean>();
  return (publicKey, message, signature) => {
    // The message by its hash: a note may be pages long, and the map holds an archive's events.
    const key = `${publicKey}\n${signature}\n${createHash('sha256').update(message).digest('base64')}`;
    let holds = known.get(key);
    if (holds === undefined) {
      holds = verify(publicKey, message, signature);
      if (known.size >= limit) known.clear();
      known.set(key, holds);
    }
    return holds;
  };
}

const verify = (publicKey: string, message: string, signature: string) =>
  verifyMessage(publicKey, Buffer.from(message, 'utf8'), signature);

/** A time on the article's hybrid clock: now, but later than every event already in its log. */
function nextTime(ctx: CoreContext, doc: Y.Doc, wanted?: string): string {
  let latest = '';
  for (const record of doc.getArray<{ at?: unknown }>(REVIEW_EVENTS)) {
    if (typeof record?.at === 'string' && record.at > latest) latest = record.at;
  }
  const now = wanted ?? ctx.now().toISOString();
  if (now > latest) return now;
  return new Date(Date.parse(latest) + 1).toISOString();
}

export function signReviewEvent(unsigned: UnsignedReviewEvent, privateKey: KeyObject): ReviewEvent {
  return { ...unsigned, signature: signMessage(privateKey, Buffer.from(reviewEventMessageText(unsigned), 'utf8')) };
}

/**
 * Appends an event made here, signed by its actor. Returns the event (its time may be a little
 * after `event.at`: the hybrid clock never goes back behind an event the workstation has seen).
 */
export function appendReviewEvent(
  ctx: CoreContext,
  doc: Y.Doc,
  event: NewEvent & { id: string; at: string },
  signer: EventSigner,
): ReviewEvent {
  const approval =
    event.kind === 'approved' && event.signature && event.keyFingerprint && event.signatureFormat
      ? {
          keyFingerprint: event.keyFingerprint,
          signature: event.signature,
          signatureFormat: event.signatureFormat as 1 | 2,
          auditHead: event.auditHead ?? null,
          at: event.at,
        }
      : null;
  const record = signReviewEvent(
    {
      v: 1,
      id: event.id,
      articleId: event.articleId,
      kind: event.kind,
      actorId: event.actorId,
      keyFingerprint: signer.fingerprint,
      at: nextTime(ctx, doc, event.at),
      contentHash: event.contentHash,
      note: event.note ?? '',
      revisionId: event.revisionId ?? null,
      scheduledFor: event.scheduledFor ?? null,
      approval,
    },
    signer.privateKey,
  );
  doc.getArray<ReviewEvent>(REVIEW_EVENTS).push([record]);
  return record;
}

/** Appends a comment entry made here, signed by its author. */
export function appendReviewComment(
  doc: Y.Doc,
  entry: Omit<UnsignedReviewComment, 'v' | 'keyFingerprint' | 'anchor'> & { anchor: TextAnchor | null },
  signer: EventSigner,
): void {
  const unsigned: UnsignedReviewComment = { v: 1, ...entry, keyFingerprint: signer.fingerprint };
  const record: ReviewComment = {
    ...unsigned,
    signature: signMessage(signer.privateKey, Buffer.from(reviewCommentMessageText(unsigned), 'utf8')),
  };
  doc.getArray<ReviewComment>(REVIEW_COMMENTS).push([record]);
}

/**
 * The workflow log of an article from before it was shared, as records the office key vouches
 * for (made once, on the workstation that holds the office key, when the article is first shared).
 */
export function legacyReviewEvents(
  ctx: CoreContext,
  articleId: string,
  officeKey: { fingerprint: string; privateKey: KeyObject },
): ReviewEvent[] {
  const rows = ctx.db
    .prepare(
      `SELECT id, kind, actor_id, at, content_hash, note, revision_id, scheduled_for, signature, key_fingerprint,
              signature_format, audit_head
       FROM article_events WHERE article_id = ? ORDER BY seq`,
    )
    .all(articleId) as {
    id: string;
    kind: ReviewEvent['kind'];
    actor_id: string;
    at: string;
    content_hash: string;
    note: string;
    revision_id: string | null;
    scheduled_for: string | null;
    signature: string | null;
    key_fingerprint: string | null;
    signature_format: 1 | 2 | null;
    audit_head: string | null;
  }[];
  let previous = '';
  return rows.map((row) => {
    // Kept in the order they were made, whatever the clock said then.
    const at = row.at > previous ? new Date(row.at).toISOString() : new Date(Date.parse(previous) + 1).toISOString();
    previous = at;
    return signReviewEvent(
      {
        v: 1,
        id: row.id,
        articleId,
        kind: row.kind,
        actorId: row.actor_id,
        keyFingerprint: officeKey.fingerprint,
        at,
        contentHash: row.content_hash,
        note: row.note,
        revisionId: row.revision_id,
        scheduledFor: row.scheduled_for,
        approval:
          row.kind === 'approved' && row.key_fingerprint && row.signature && row.signature_format
            ? {
                keyFingerprint: row.key_fingerprint,
                signature: row.signature,
                signatureFormat: row.signature_format,
                auditHead: row.audit_head,
                at: row.at,
              }
            : null,
      },
      officeKey.privateKey,
    );
  });
}

/** An article's comments from before it was shared, vouched for by the office key (see legacyReviewEvents). */
export function legacyReviewComments(
  ctx: CoreContext,
  articleId: string,
  officeKey: { fingerprint: string; privateKey: KeyObject },
): ReviewComment[] {
  const rows = ctx.db
    .prepare(
      'SELECT id, thread_id, kind, author_id, at, body, anchor_json FROM comment_entries WHERE article_id = ? ORDER BY seq',
    )
    .all(articleId) as {
    id: string;
    thread_id: string | null;
    kind: ReviewComment['kind'];
    author_id: string;
    at: string;
    body: string;
    anchor_json: string | null;
  }[];
  return rows.map((row) => {
    const unsigned: UnsignedReviewComment = {
      v: 1,
      id: row.id,
      articleId,
      threadId: row.thread_id,
      kind: row.kind,
      authorId: row.author_id,
      keyFingerprint: officeKey.fingerprint,
      at: new Date(row.at).toISOString(),
      body: row.body,
      anchor: row.anchor_json ? (JSON.parse(row.anchor_json) as TextAnchor) : null,
    };
    return {
      ...unsigned,
      signature: signMessage(officeKey.privateKey, Buffer.from(reviewCommentMessageText(unsigned), 'utf8')),
    };
  });
}

export function foldArticleReview(
  doc: Y.Doc,
  article: { id: string; authorId: string; currentHash: string },
  review: ReviewContext,
): FoldResult {
  return foldReview(doc.getArray(REVIEW_EVENTS).toArray(), {
    articleId: article.id,
    authorId: article.authorId,
    currentHash: article.currentHash,
    office: review.office,
    directory: review.directory,
    verify: review.verify ?? verify,
  });
}

interface DerivedRow {
  id: string;
  kind: string;
  actor_id: string;
  at: string;
  from_status: string;
  to_status: string;
  content_hash: string;
  signature: string | null;
  key_fingerprint: string | null;
  note: string;
  revision_id: string | null;
  scheduled_for: string | null;
  signature_format: number | null;
  audit_head: string | null;
}

/**
 * The id of the void a content change makes of an approval: the same on every workstation that
 * holds the same approval and content, and shaped as every event id is (a name-based UUID).
 */
function voidIdOf(approvalId: string, contentHash: string): string {
  const hex = createHash('sha256').update(`void:${approvalId}:${contentHash}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The log rows a fold stands for, in order (the approval voided by the content, last, when it was). */
export function derivedRows(fold: FoldResult, voidActorId: string, currentHash: string): DerivedRow[] {
  const rows: DerivedRow[] = fold.events.map(({ event, from, to }) => ({
    id: event.id,
    kind: event.kind,
    actor_id: event.actorId,
    at: event.at,
    from_status: from,
    to_status: to,
    content_hash: event.contentHash,
    note: event.note,
    revision_id: event.revisionId,
    scheduled_for: event.scheduledFor,
    // An approval as the single workstation records it (its own sign-off); other events carry none.
    signature: event.approval?.signature ?? null,
    key_fingerprint: event.approval?.keyFingerprint ?? null,
    signature_format: event.approval?.signatureFormat ?? null,
    audit_head: event.approval?.auditHead ?? null,
    ...(event.approval ? { at: event.approval.at } : {}),
  }));
  const voided = fold.voidedByContent;
  if (voided) {
    rows.push({
      id: voidIdOf(voided.approval.id, currentHash),
      kind: 'approval_voided',
      actor_id: voidActorId,
      at: rows[rows.length - 1]!.at,
      from_status: voided.from,
      to_status: 'submitted',
      content_hash: currentHash,
      signature: null,
      key_fingerprint: null,
      note: 'Nội dung đã sửa sau khi duyệt (có thể trên máy khác); bài cần được duyệt lại.',
      revision_id: null,
      scheduled_for: null,
      signature_format: null,
      audit_head: null,
    });
  }
  return rows;
}

/** The kinds of event that name a revision of their own (as workflow/handlers.ts keeps them). */
const NAMED_REVISIONS = ['submitted', 'changes_requested', 'approved', 'published'] as const;

const SAME_ROW_KEYS = ['id', 'from_status', 'to_status'] as const;

/**
 * Writes the fold into the article's log and status here (inside a transaction): nothing when the
 * log already reads so, else the whole log again in the fold's order. Revisions the latest event
 * of each kind names that this workstation lacks are kept from the current text when it is the
 * text they acted on (so "compare with the submitted version" works here too). Returns whether anything changed.
 */
export function writeFold(
  ctx: CoreContext,
  articleId: string,
  fold: FoldResult,
  voidActorId: string,
  currentHash: string,
): boolean {
  const rows = derivedRows(fold, voidActorId, currentHash);
  const stored = ctx.db
    .prepare('SELECT id, from_status, to_status FROM article_events WHERE article_id = ? ORDER BY seq')
    .all(articleId) as Pick<DerivedRow, (typeof SAME_ROW_KEYS)[number]>[];
  const article = ctx.db
    .prepare('SELECT status, scheduled_for, published_hash FROM articles WHERE id = ?')
    .get(articleId) as { status: string; scheduled_for: string | null; published_hash: string | null } | undefined;
  if (!article) return false;
  const sameLog =
    stored.length === rows.length && stored.every((row, i) => SAME_ROW_KEYS.every((key) => row[key] === rows[i]![key]));
  const sameRow =
    article.status === fold.status &&
    article.scheduled_for === fold.scheduledFor &&
    article.published_hash === fold.publishedHash;
  if (sameLog && sameRow) return false;
  if (!sameLog) {
    ctx.db.prepare('INSERT OR IGNORE INTO article_events_refold (article_id) VALUES (?)').run(articleId);
    ctx.db.prepare('DELETE FROM article_events WHERE article_id = ?').run(articleId);
    ctx.db.prepare('DELETE FROM article_events_refold WHERE article_id = ?').run(articleId);
    const insert = ctx.db.prepare(
      `INSERT INTO article_events (id, article_id, kind, actor_id, at, from_status, to_status, content_hash, signature,
                                   key_fingerprint, note, revision_id, scheduled_for, signature_format, audit_head)
       VALUES (@id, @article_id, @kind, @actor_id, @at, @from_status, @to_status, @content_hash, @signature,
               @key_fingerprint, @note, @revision_id, @scheduled_for, @signature_format, @audit_head)`,
    );
    const hasRevision = ctx.db.prepare('SELECT 1 FROM revisions WHERE id = ?').pluck();
    // Only the latest of each kind can be asked for ("compare with the version submitted / signed").
    const latest = new Map(rows.map((row, index) => [row.kind, index]));
    for (const [index, row] of rows.entries()) {
      insert.run({ ...row, article_id: articleId });
      if (latest.get(row.kind) !== index) continue;
      if (row.revision_id && row.content_hash === currentHash && !hasRevision.get(row.revision_id)) {
        const kind = NAMED_REVISIONS.find((named) => named === row.kind);
        if (kind) snapshotRevision(ctx, articleId, kind, row.actor_id, row.at, row.revision_id);
      }
    }
  }
  ctx.db
    .prepare('UPDATE articles SET status = ?, scheduled_for = ?, published_hash = ? WHERE id = ?')
    .run(fold.status, fold.scheduledFor, fold.publishedHash, articleId);
  return true;
}

/** Keeps what the fold left out of the article's log, and why, for its review panel (replacing the last fold's). */
export function writeRefusals(ctx: CoreContext, articleId: string, refused: readonly RefusedEvent[]): void {
  ctx.db.prepare('DELETE FROM office_refused_events WHERE article_id = ?').run(articleId);
  const insert = ctx.db.prepare(
    `INSERT INTO office_refused_events (article_id, event_id, kind, actor_id, at, reason, forged)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const refusal of refused) {
    const record = (refusal.record ?? {}) as { kind?: unknown; actorId?: unknown; at?: unknown };
    const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 200) : null);
    insert.run(
      articleId,
      refusal.id,
      text(record.kind),
      text(record.actorId),
      text(record.at),
      refusal.reason,
      refusal.forged ? 1 : 0,
    );
  }
}

/**
 * Writes the comment entries the document holds and this workstation lacks, each checked against
 * its author's key in the directory at its time. Returns the refused ones and how many were written.
 */
export function writeComments(
  ctx: CoreContext,
  articleId: string,
  doc: Y.Doc,
  review: ReviewContext,
): { written: number; refused: RefusedEvent[] } {
  const has = ctx.db.prepare('SELECT 1 FROM comment_entries WHERE id = ?').pluck();
  const hasThread = ctx.db.prepare('SELECT 1 FROM comment_entries WHERE id = ? AND article_id = ?').pluck();
  const insert = ctx.db.prepare(
    `INSERT INTO comment_entries (id, article_id, thread_id, kind, author_id, at, body, anchor_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const refused: RefusedEvent[] = [];
  let written = 0;
  for (const record of doc.getArray(REVIEW_COMMENTS).toArray()) {
    const parsed = reviewCommentSchema.safeParse(record);
    if (!parsed.success) {
      refused.push({ record, id: null, reason: 'Góp ý sai định dạng.', forged: true });
      continue;
    }
    const entry = parsed.data;
    if (has.get(entry.id)) continue;
    const refuse = (reason: string) => refused.push({ record, id: entry.id, reason, forged: true });
    if (entry.articleId !== articleId) {
      refuse('Góp ý của một bài khác bị chép sang bài này.');
      continue;
    }
    const account = accountAt(review.directory, entry.authorId, entry.at);
    const key = account?.keys.find((candidate) => candidate.fingerprint === entry.keyFingerprint);
    const publicKey =
      entry.keyFingerprint === review.office.fingerprint
        ? review.office.publicKey
        : account?.active && key && keyValidAt(key, entry.at)
          ? key.publicKey
          : null;
    if (!publicKey || !verify(publicKey, reviewCommentMessageText(entry), entry.signature)) {
      refuse('Chữ ký của góp ý không đúng hoặc khóa không thuộc người viết.');
      continue;
    }
    if (entry.threadId && !hasThread.get(entry.threadId, articleId)) continue;
    insert.run(
      entry.id,
      articleId,
      entry.threadId,
      entry.kind,
      entry.authorId,
      entry.at,
      entry.body,
      entry.anchor ? JSON.stringify(entry.anchor) : null,
    );
    written += 1;
  }
  return { written, refused };
}
