import type { Approval } from '../../shared/review';
import type { StoredArticle } from '../articles/repo';
import type { CoreContext } from '../context';
import { collectImageHashes, contentHash, type SignedContent } from './canonical';
import { approvalSignatureHolds, type StoredApproval } from './message';

type SignableArticle = Pick<
  StoredArticle,
  'title' | 'summary' | 'body' | 'byline' | 'category' | 'tags' | 'slug' | 'featuredImage'
>;

/** Exactly what an approval of this article, as it is now, would cover. */
export function signedContentOf(article: SignableArticle): SignedContent {
  return {
    title: article.title,
    summary: article.summary,
    body: article.body,
    byline: article.byline,
    category: article.category,
    tags: article.tags,
    imageHashes: collectImageHashes(article.body),
    ...(article.slug ? { slug: article.slug } : {}),
    ...(article.featuredImage ? { featuredImage: article.featuredImage } : {}),
  };
}

/** The hash an approval of this article, as it is now, would sign. */
export function articleContentHash(article: SignableArticle): string {
  return contentHash(signedContentOf(article));
}

interface ApprovalRow extends StoredApproval {
  seq: number;
  actor_id: string;
  actor_name: string;
}

/**
 * The latest approval, verified now: it holds only while the article's current hash is the signed
 * hash, the signature verifies against the stored public key in the format recorded with it, and
 * no later edit voided it.
 */
export function latestApproval(ctx: Pick<CoreContext, 'db'>, articleId: string, currentHash: string): Approval | null {
  const row = ctx.db
    .prepare(
      `SELECT e.seq, e.actor_id, u.display_name AS actor_name, e.at, e.content_hash, e.signature, e.key_fingerprint,
              e.article_id, e.revision_id, e.signature_format, e.audit_head, k.public_key
       FROM article_events e JOIN users u ON u.id = e.actor_id
       LEFT JOIN user_keys k ON k.fingerprint = e.key_fingerprint
       WHERE e.article_id = ? AND e.kind = 'approved' ORDER BY e.seq DESC LIMIT 1`,
    )
    .get(articleId) as ApprovalRow | undefined;
  if (!row) return null;
  const voided = ctx.db
    .prepare(
      `SELECT 1 FROM article_events WHERE article_id = ? AND seq > ? AND kind IN ('approval_voided', 'changes_requested')`,
    )
    .get(articleId, row.seq);
  // Each approval snapshots a revision of its own and signs a message naming it: an event repeating an
  // earlier one's revision or (format-2) signature is that approval copied back, not a new sign-off.
  const copied = ctx.db
    .prepare(
      `SELECT 1 FROM article_events WHERE article_id = ? AND kind = 'approved' AND seq < ?
         AND ((revision_id IS NOT NULL AND revision_id = ?) OR (signature_format = 2 AND signature = ?))`,
    )
    .get(articleId, row.seq, row.revision_id, row.signature);
  let problem: Approval['problem'] = null;
  if (!row.public_key) problem = 'unknown_key';
  else if (!approvalSignatureHolds(row)) problem = 'bad_signature';
  else if (copied) problem = 'replayed';
  else if (voided || row.content_hash !== currentHash) problem = 'content_changed';
  return {
    valid: problem === null,
    problem,
    approverId: row.actor_id,
    approverName: row.actor_name,
    approvedAt: row.at,
    signedHash: row.content_hash,
    currentHash,
    keyFingerprint: row.key_fingerprint ?? '',
    signature: row.signature ?? '',
  };
}
