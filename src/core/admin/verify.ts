import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { ArticleStatus, EditorState } from '../../shared/domain';
import { WORKFLOW_EVENT_KINDS, type WorkflowEventKind } from '../../shared/review';
import { SIGNED_STATUSES } from '../../shared/workflow';
import { GENESIS_HASH, verifyAudit, type AuditAnchor, type AuditVerdict } from '../audit/log';
import type { Db } from '../db/connection';
import { articleContentHash, latestApproval } from '../signoff/approval';
import { approvalSignatureHolds, type StoredApproval } from '../signoff/message';
import { replayStatus } from '../workflow/events';
import { checkFoldedWorkflows } from './verifyOffice';

export interface ApprovalProblem {
  seq: number;
  eventId: string;
  articleId: string;
  problem: 'unknown_key' | 'bad_signature' | 'revision_mismatch' | 'replayed';
}

/** A signed article whose content, as stored now, is not what its approval signed. */
export interface ArticleProblem {
  articleId: string;
  status: ArticleStatus;
  problem: 'no_approval' | 'approval_invalid' | 'content_changed';
  /** The approval event it was checked against, if there is one. */
  approvalSeq: number | null;
}

export interface ImageProblem {
  hash: string;
  /** The original no longer hashes to its name, or the web rendition (what sites get) is another picture. */
  problem: 'bytes_mismatch' | 'rendition_mismatch';
}

/** A workflow event and the audit log disagree: one lacks the other, or they say different things. */
export interface EventProblem {
  table: 'article_events' | 'audit_log';
  seq: number;
  articleId: string | null;
  problem:
    | 'no_audit_row'
    | 'audit_row_differs'
    | 'chain_head_differs'
    | 'no_event'
    | 'audited_twice'
    /** A shared article's log is not what its review document folds to (core/admin/verifyOffice.ts). */
    | 'fold_differs'
    /** A publication's recorded chain head (also on the published page) is no longer a row of the chain. */
    | 'publication_head_differs';
}

export interface VerifyReport {
  ok: boolean;
  audit: AuditVerdict;
  approvals: { checked: number; problems: ApprovalProblem[] };
  articles: { checked: number; problems: ArticleProblem[] };
  images: { checked: number; problems: ImageProblem[] };
  events: { checked: number; problems: EventProblem[] };
  statuses: { checked: number; mismatches: { articleId: string; cached: ArticleStatus; replayed: string }[] };
  /** The first thing found wrong, in words, naming its table and row. */
  firstProblem: string | null;
}

interface ApprovalRow extends StoredApproval {
  seq: number;
  id: string;
  title: string | null;
  summary: string;
  body_json: string;
  byline: string;
  category: string;
  tags_json: string;
  slug: string;
  featured_image: string | null;
}

/**
 * Checks a whole database without changing it, everything a signature or the chain promises:
 * the audit chain link by link; every approval's signature (in the format it was made) and the
 * revision kept with it; each signed article's current content against its approval; every
 * image's bytes against the hash that names them; the workflow events against the audit log,
 * each in the other; approvals recorded twice; and the status cache against the event log.
 * With an anchor (a chain row recorded outside the file), the chain must still reach it unchanged.
 */
export async function verifyDatabase(db: Db, options: { anchor?: AuditAnchor } = {}): Promise<VerifyReport> {
  const audit = verifyAudit({ db }, options.anchor);
  const folded = await checkFoldedWorkflows(db);
  const approvals = checkApprovals(db, folded.shared);
  const articles = checkSignedArticles(db);
  const images = await checkImages(db);
  const events = checkEventsAgainstAudit(db, folded.shared);
  for (const p of folded.problems) {
    events.problems.push({ table: 'article_events', seq: p.seq, articleId: p.articleId, problem: 'fold_differs' });
  }
  events.problems.push(...checkPublicationHeads(db));
  const statuses = checkStatuses(db);

  const problems: string[] = [];
  if (audit.reason === 'anchor_missing') {
    problems.push(`audit_log seq ${audit.firstBrokenSeq}: missing, but the anchor records it`);
  } else if (audit.reason === 'anchor_hash') {
    problems.push(`audit_log seq ${audit.firstBrokenSeq}: hash differs from the anchor`);
  } else if (!audit.ok) problems.push(`audit_log seq ${audit.firstBrokenSeq}: ${audit.reason} does not match`);
  for (const p of approvals.problems)
    problems.push(`article_events seq ${p.seq} (article ${p.articleId}): ${p.problem}`);
  for (const p of articles.problems) {
    const against = p.approvalSeq === null ? '' : ` (approval article_events seq ${p.approvalSeq})`;
    problems.push(`articles id ${p.articleId}: ${p.status} but ${p.problem}${against}`);
  }
  for (const p of images.problems) problems.push(`images hash ${p.hash}: ${p.problem}`);
  for (const p of events.problems) {
    problems.push(`${p.table} seq ${p.seq}${p.articleId ? ` (article ${p.articleId})` : ''}: ${p.problem}`);
  }
  for (const m of statuses.mismatches) {
    problems.push(`articles id ${m.articleId}: status ${m.cached}, log says ${m.replayed}`);
  }
  const firstProblem = problems[0] ?? null;
  return { ok: firstProblem === null, audit, approvals, articles, images, events, statuses, firstProblem };
}

function checkApprovals(db: Db, shared: ReadonlySet<string>): VerifyReport['approvals'] {
  const rows = db
    .prepare(
      `SELECT e.seq, e.id, e.article_id, e.revision_id, e.content_hash, e.key_fingerprint, e.at, e.signature,
              e.signature_format, e.audit_head, k.public_key,
              r.title, r.summary, r.body_json, r.byline, r.category, r.tags_json, r.slug, r.featured_image
       FROM article_events e
       LEFT JOIN user_keys k ON k.fingerprint = e.key_fingerprint
       LEFT JOIN revisions r ON r.id = e.revision_id
       WHERE e.kind = 'approved' ORDER BY e.seq`,
    )
    .all() as ApprovalRow[];
  const problems: ApprovalProblem[] = [];
  // Each approval names a revision snapshotted for it alone; a second event naming the same one,
  // or carrying the same signature, is a copy of the first.
  const seenRevisions = new Set<string>();
  const seenSignatures = new Set<string>();
  for (const row of rows) {
    const base = { seq: row.seq, eventId: row.id, articleId: row.article_id };
    const replayed =
      (row.revision_id !== null && seenRevisions.has(row.revision_id)) ||
      // Format 1 signed only the hash, so the same head re-approving the same text signs the same bytes.
      (row.signature !== null && row.signature_format !== 1 && seenSignatures.has(row.signature));
    if (row.revision_id !== null) seenRevisions.add(row.revision_id);
    if (row.signature !== null) seenSignatures.add(row.signature);
    if (!row.public_key) problems.push({ ...base, problem: 'unknown_key' });
    else if (!approvalSignatureHolds(row)) problems.push({ ...base, problem: 'bad_signature' });
    else if (row.title === null ? !shared.has(row.article_id) : revisionHash(row) !== row.content_hash)
      // An approval that arrived from another workstation after its text had changed here has no revision here.
      problems.push({ ...base, problem: 'revision_mismatch' });
    else if (replayed) problems.push({ ...base, problem: 'replayed' });
  }
  return { checked: rows.length, problems };
}

/**
 * An approved, scheduled or published article must hold, in its `articles` row, exactly what its
 * latest approval signed: that row is what the app shows and what publishing sends.
 */
function checkSignedArticles(db: Db): VerifyReport['articles'] {
  const rows = db
    .prepare(
      `SELECT id, status, title, summary, body_json, byline, category, tags_json, slug, featured_image
       FROM articles WHERE status IN (${SIGNED_STATUSES.map(() => '?').join(', ')}) ORDER BY created_at, id`,
    )
    .all(...SIGNED_STATUSES) as (Omit<ApprovalRow, keyof StoredApproval | 'seq'> & {
    status: ArticleStatus;
  })[];
  const problems: ArticleProblem[] = [];
  for (const row of rows) {
    const approval = latestApproval({ db }, row.id, revisionHash({ ...row, title: row.title ?? '' }));
    const approvalSeq = approval
      ? (db
          .prepare(`SELECT max(seq) AS seq FROM article_events WHERE article_id = ? AND kind = 'approved'`)
          .pluck()
          .get(row.id) as number)
      : null;
    const base = { articleId: row.id, status: row.status, approvalSeq };
    if (!approval) problems.push({ ...base, problem: 'no_approval' });
    else if (approval.problem === 'content_changed') problems.push({ ...base, problem: 'content_changed' });
    else if (!approval.valid) problems.push({ ...base, problem: 'approval_invalid' });
  }
  return { checked: rows.length, problems };
}

/**
 * Images are stored under the SHA-256 of their original bytes, which is what approvals sign; a
 * replaced original no longer hashes to its name. The web rendition sent to sites is derived from
 * the original and has no signed hash of its own, so it is checked to be the same picture: both
 * are reduced to a small grid and compared, which re-encoding passes and another picture does not.
 * An image that arrived from the office server and waits for its rendition has its original checked.
 */
async function checkImages(db: Db): Promise<VerifyReport['images']> {
  const hashes = db.prepare('SELECT hash FROM images ORDER BY rowid').pluck().all() as string[];
  const read = db.prepare('SELECT bytes, web_bytes FROM images WHERE hash = ?');
  const problems: ImageProblem[] = [];
  for (const hash of hashes) {
    // One row at a time: originals can be large.
    const row = read.get(hash) as { bytes: Buffer; web_bytes: Buffer };
    if (createHash('sha256').update(row.bytes).digest('hex') !== hash) {
      problems.push({ hash, problem: 'bytes_mismatch' });
    } else if (!(await samePicture(row.bytes, row.web_bytes))) {
      problems.push({ hash, problem: 'rendition_mismatch' });
    }
  }
  // Images fetched from the office server whose rendition is not made yet: their originals only.
  const arrived = db.prepare('SELECT hash FROM images_arrived ORDER BY rowid').pluck().all() as string[];
  const readArrived = db.prepare('SELECT bytes FROM images_arrived WHERE hash = ?').pluck();
  for (const hash of arrived) {
    const bytes = readArrived.get(hash) as Buffer;
    if (createHash('sha256').update(bytes).digest('hex') !== hash) problems.push({ hash, problem: 'bytes_mismatch' });
  }
  return { checked: hashes.length + arrived.length, problems };
}

const GRID = 32;
/** Per channel, out of 255: re-encoding a detailed photograph at the web size and quality measured 3 and 0.5. */
const MAX_CELL_DIFFERENCE = 32;
const MAX_MEAN_DIFFERENCE = 6;

async function samePicture(original: Buffer, rendition: Buffer): Promise<boolean> {
  const grid = async (bytes: Buffer) =>
    sharp(bytes, { limitInputPixels: false })
      .rotate()
      .flatten({ background: '#ffffff' })
      .resize(GRID, GRID, { fit: 'fill' })
      .removeAlpha()
      .raw()
      .toBuffer();
  let a: Buffer;
  let b: Buffer;
  try {
    [a, b] = await Promise.all([grid(original), grid(rendition)]);
  } catch {
    return false;
  }
  if (a.length !== b.length) return false;
  let total = 0;
  for (let i = 0; i < a.length; i++) {
    const difference = Math.abs(a[i]! - b[i]!);
    if (difference > MAX_CELL_DIFFERENCE) return false;
    total += difference;
  }
  return total / a.length <= MAX_MEAN_DIFFERENCE;
}

interface EventRow {
  seq: number;
  id: string;
  article_id: string;
  kind: WorkflowEventKind;
  actor_id: string;
  from_status: string;
  to_status: string;
  content_hash: string;
  key_fingerprint: string | null;
  signature_format: number | null;
  audit_head: string | null;
}

interface AuditEventRow {
  seq: number;
  action: string;
  actor_id: string | null;
  subject_id: string | null;
  details: string;
  prev_hash: string;
}

/**
 * Every workflow event is written with its audit row in one transaction, so each must have the
 * other: an event without its audit row was inserted around the app (an approval copied back in,
 * say), and an audited event that is gone was deleted. A format-2 approval's audit row must link to
 * the chain head the approval signed.
 */
function checkEventsAgainstAudit(db: Db, shared: ReadonlySet<string>): VerifyReport['events'] {
  const events = db
    .prepare(
      `SELECT seq, id, article_id, kind, actor_id, from_status, to_status, content_hash, key_fingerprint,
              signature_format, audit_head
       FROM article_events ORDER BY seq`,
    )
    .all() as EventRow[];
  const actions = WORKFLOW_EVENT_KINDS.map((kind) => `workflow.${kind}`);
  const audited = db
    .prepare(
      `SELECT seq, action, actor_id, subject_id, details, prev_hash FROM audit_log
       WHERE action IN (${actions.map(() => '?').join(', ')}) ORDER BY seq`,
    )
    .all(...actions) as AuditEventRow[];
  const problems: EventProblem[] = [];
  const byEventId = new Map<string, { row: AuditEventRow; details: Record<string, unknown> }>();
  for (const row of audited) {
    const details = parseDetails(row.details);
    const eventId = typeof details.eventId === 'string' ? details.eventId : '';
    if (byEventId.has(eventId)) {
      problems.push({ table: 'audit_log', seq: row.seq, articleId: row.subject_id, problem: 'audited_twice' });
    } else byEventId.set(eventId, { row, details });
  }
  const eventIds = new Set<string>();
  for (const event of events) {
    eventIds.add(event.id);
    // A shared article's log is checked against its review document instead (checkFoldedWorkflows).
    if (shared.has(event.article_id)) continue;
    const entry = byEventId.get(event.id);
    const base = { table: 'article_events' as const, seq: event.seq, articleId: event.article_id };
    if (!entry) {
      problems.push({ ...base, problem: 'no_audit_row' });
      continue;
    }
    const { row, details } = entry;
    const same =
      row.action === `workflow.${event.kind}` &&
      row.subject_id === event.article_id &&
      row.actor_id === event.actor_id &&
      details.from === event.from_status &&
      details.to === event.to_status &&
      details.contentHash === event.content_hash &&
      (details.keyFingerprint ?? null) === event.key_fingerprint;
    if (!same) problems.push({ ...base, problem: 'audit_row_differs' });
    // A format-2 approval signed the chain head its audit row links to: a chain rewritten before it shows here.
    else if (event.signature_format === 2 && row.prev_hash !== event.audit_head) {
      problems.push({ ...base, problem: 'chain_head_differs' });
    }
  }
  for (const [eventId, { row }] of byEventId) {
    if (!eventIds.has(eventId) && !(row.subject_id !== null && shared.has(row.subject_id))) {
      problems.push({ table: 'audit_log', seq: row.seq, articleId: row.subject_id, problem: 'no_event' });
    }
  }
  problems.sort((a, b) => (a.table === b.table ? a.seq - b.seq : a.table === 'article_events' ? -1 : 1));
  return { checked: events.length, problems };
}

/**
 * Each publication recorded the chain's head of its moment (`SEQ:HASH`), and the published page's
 * seal carries the same: the chain must still hold that row, before the publication, unchanged.
 */
function checkPublicationHeads(db: Db): EventProblem[] {
  const sent = db
    .prepare(`SELECT seq, subject_id, details FROM audit_log WHERE action = 'publishing.sent' ORDER BY seq`)
    .all() as { seq: number; subject_id: string | null; details: string }[];
  const rowAt = db.prepare('SELECT hash FROM audit_log WHERE seq = ?');
  const problems: EventProblem[] = [];
  for (const row of sent) {
    const head = parseDetails(row.details).auditHead;
    if (head === undefined) continue; // published before publications recorded a head
    const match = typeof head === 'string' ? /^(\d+):([0-9a-f]{64})$/.exec(head) : null;
    const seq = match ? Number(match[1]) : NaN;
    const holds =
      match !== null &&
      seq < row.seq &&
      (seq === 0 ? match[2] === GENESIS_HASH : (rowAt.get(seq) as { hash: string } | undefined)?.hash === match[2]);
    if (!holds)
      problems.push({
        table: 'audit_log',
        seq: row.seq,
        articleId: row.subject_id,
        problem: 'publication_head_differs',
      });
  }
  return problems;
}

function parseDetails(json: string): Record<string, unknown> {
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function checkStatuses(db: Db): VerifyReport['statuses'] {
  const articles = db.prepare('SELECT id, status FROM articles ORDER BY created_at, id').all() as {
    id: string;
    status: ArticleStatus;
  }[];
  const mismatches: VerifyReport['statuses']['mismatches'] = [];
  for (const article of articles) {
    let replayed: string;
    try {
      replayed = replayStatus({ db }, article.id);
    } catch (error) {
      replayed = `invalid log: ${(error as Error).message}`;
    }
    if (replayed !== article.status) mismatches.push({ articleId: article.id, cached: article.status, replayed });
  }
  return { checked: articles.length, mismatches };
}

function revisionHash(
  row: Pick<ApprovalRow, 'title' | 'summary' | 'body_json' | 'byline' | 'category' | 'tags_json' | 'slug'> & {
    featured_image: string | null;
  },
): string {
  return articleContentHash({
    title: row.title ?? '',
    summary: row.summary,
    body: JSON.parse(row.body_json) as EditorState,
    byline: row.byline,
    category: row.category,
    tags: JSON.parse(row.tags_json) as string[],
    slug: row.slug,
    featuredImage: row.featured_image,
  });
}
