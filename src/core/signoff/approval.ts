import type { Approval } from '../../shared/review';
import type { StoredArticle } from '../articles/repo';
import type { CoreContext } from '../context';
import { collectImageHashes, contentHash } from './canonical';
import { verifyHash } from './keys';

/** The hash an approval of this article, as it is now, would sign. */
export function articleContentHash(
  article: Pick<
    StoredArticle,
    'title' | 'summary' | 'body' | 'byline' | 'category' | 'tags' | 'slug' | 'featuredImage'
  >,
): string {
  return contentHash({
    title: article.title,
    summary: article.summary,
    body: article.body,
    byline: article.byline,
    category: article.category,
    tags: article.tags,
    imageHashes: collectImageHashes(article.body),
    ...(article.slug ? { slug: article.slug } : {}),
    ...(article.featuredImage ? { featuredImage: article.featuredImage } : {}),
  });
}

interface ApprovalRow {
  seq: number;
  actor_id: string;
  actor_name: string;
  at: string;
  content_hash: string;
  signature: string | null;
  key_fingerprint: string | null;
  public_key: string | null;
}

/** Whether a stored signature still verifies against the key it names. */
export function signatureHolds(row: Pick<ApprovalRow, 'content_hash' | 'signature' | 'public_key'>): boolean {
  return !!row.signature && !!row.public_key && verifyHash(row.public_key, row.content_hash, row.signature);
}

/**
 * The latest approval, verified now: it holds only while the article's current hash is the signed
 * hash, the signature verifies against the stored public key, and no later edit voided it.
 */
export function latestApproval(ctx: CoreContext, articleId: string, currentHash: string): Approval | null {
  const row = ctx.db
    .prepare(
      `SELECT e.seq, e.actor_id, u.display_name AS actor_name, e.at, e.content_hash, e.signature, e.key_fingerprint,
              k.public_key
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
  let problem: Approval['problem'] = null;
  if (!row.public_key) problem = 'unknown_key';
  else if (!signatureHolds(row)) problem = 'bad_signature';
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
