import type { ArticleStatus, EditorState } from '../../shared/domain';
import { verifyAudit, type AuditVerdict } from '../audit/log';
import type { Db } from '../db/connection';
import { articleContentHash } from '../signoff/approval';
import { verifyHash } from '../signoff/keys';
import { replayStatus } from '../workflow/events';

export interface ApprovalProblem {
  seq: number;
  eventId: string;
  articleId: string;
  problem: 'unknown_key' | 'bad_signature' | 'revision_mismatch';
}

export interface VerifyReport {
  ok: boolean;
  audit: AuditVerdict;
  approvals: { checked: number; problems: ApprovalProblem[] };
  statuses: { checked: number; mismatches: { articleId: string; cached: ArticleStatus; replayed: string }[] };
  /** The first thing found wrong, in words, naming its table and row. */
  firstProblem: string | null;
}

interface ApprovalRow {
  seq: number;
  id: string;
  article_id: string;
  content_hash: string;
  signature: string | null;
  public_key: string | null;
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
 * Checks a whole database without changing it: the audit chain link by link; every approval's
 * signature against the public key it names, and the revision kept with it against the hash
 * that was signed; and every article's status against the one its event log replays to.
 */
export function verifyDatabase(db: Db): VerifyReport {
  const audit = verifyAudit({ db });
  const approvals = db
    .prepare(
      `SELECT e.seq, e.id, e.article_id, e.content_hash, e.signature, k.public_key,
              r.title, r.summary, r.body_json, r.byline, r.category, r.tags_json, r.slug, r.featured_image
       FROM article_events e
       LEFT JOIN user_keys k ON k.fingerprint = e.key_fingerprint
       LEFT JOIN revisions r ON r.id = e.revision_id
       WHERE e.kind = 'approved' ORDER BY e.seq`,
    )
    .all() as ApprovalRow[];
  const problems: ApprovalProblem[] = [];
  for (const row of approvals) {
    const base = { seq: row.seq, eventId: row.id, articleId: row.article_id };
    if (!row.public_key) {
      problems.push({ ...base, problem: 'unknown_key' });
    } else if (!row.signature || !verifyHash(row.public_key, row.content_hash, row.signature)) {
      problems.push({ ...base, problem: 'bad_signature' });
    } else if (row.title === null || revisionHash(row) !== row.content_hash) {
      problems.push({ ...base, problem: 'revision_mismatch' });
    }
  }
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

  let firstProblem: string | null = null;
  if (!audit.ok) firstProblem = `audit_log seq ${audit.firstBrokenSeq}: ${audit.reason} does not match`;
  else if (problems[0])
    firstProblem = `article_events seq ${problems[0].seq} (article ${problems[0].articleId}): ${problems[0].problem}`;
  else if (mismatches[0])
    firstProblem = `articles id ${mismatches[0].articleId}: status ${mismatches[0].cached}, log says ${mismatches[0].replayed}`;
  return {
    ok: firstProblem === null,
    audit,
    approvals: { checked: approvals.length, problems },
    statuses: { checked: articles.length, mismatches },
    firstProblem,
  };
}

function revisionHash(row: ApprovalRow): string {
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
