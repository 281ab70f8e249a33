import { createHash } from 'node:crypto';
import type { ReviewedArticle } from '../../shared/review';
import {
  publicationMessage,
  SEAL_FORMAT,
  sealComment,
  type PublicationStatement,
  type Seal,
  type SealApproval,
  type ShownField,
} from '../../shared/seal/format';
import { auditAnchorText } from '../audit/log';
import type { CoreContext } from '../context';
import { canonicalJson } from '../signoff/canonical';
import { signedContentOf } from '../signoff/approval';
import { keyCertificate } from './keysFile';
import { ensureOfficeKey, officeSign } from './officeKey';

/** One image as the page serves it: the hash the approval names, and the bytes the site gets. */
export interface SealedImage {
  hash: string;
  bytes: Uint8Array;
}

export interface PageSeal {
  /** The HTML comment the page carries: `<!-- bientap:seal=… -->`. */
  comment: string;
  /** The signer wrote the article herself: the page's "Đã ký duyệt" line says so. */
  selfApproved: boolean;
}

/** Makes the page's seal for the fields a target shows and the image bytes it serves. */
export type PageSealer = (shows: ShownField[], images: readonly SealedImage[]) => Promise<PageSeal>;

interface ApprovalEventRow {
  article_id: string;
  revision_id: string | null;
  content_hash: string;
  key_fingerprint: string | null;
  at: string;
  audit_head: string | null;
  signature: string | null;
  signature_format: number | null;
  actor_id: string;
}

/**
 * The sealer for an article whose latest approval holds (the caller, `buildPayload`, has checked
 * that): everything but the shown fields and image bytes is fixed now, in the publishing
 * transaction's view of the database, including the audit chain's head at this moment.
 */
export function pageSealer(
  ctx: CoreContext,
  article: Pick<
    ReviewedArticle,
    'id' | 'authorId' | 'title' | 'summary' | 'body' | 'byline' | 'category' | 'tags' | 'slug' | 'featuredImage'
  > & { latestApproval: { signature: string } },
  publishedAt: Date,
): PageSealer {
  const row = ctx.db
    .prepare(
      `SELECT article_id, revision_id, content_hash, key_fingerprint, at, audit_head, signature, signature_format, actor_id
       FROM article_events WHERE article_id = ? AND kind = 'approved' AND signature = ? ORDER BY seq DESC LIMIT 1`,
    )
    .get(article.id, article.latestApproval.signature) as ApprovalEventRow | undefined;
  if (!row?.signature || !row.key_fingerprint || (row.signature_format !== 1 && row.signature_format !== 2))
    throw new Error(`No signed approval to seal for article ${article.id}`);
  const signer = keyCertificate(ctx, row.key_fingerprint);
  if (!signer) throw new Error(`No key certificate for ${row.key_fingerprint}`);
  const office = ensureOfficeKey(ctx);
  const approval: SealApproval = {
    articleId: row.article_id,
    revisionId: row.revision_id,
    contentHash: row.content_hash,
    keyFingerprint: row.key_fingerprint,
    at: row.at,
    auditHead: row.audit_head,
    signature: row.signature,
    signatureFormat: row.signature_format,
  };
  const content = canonicalJson(signedContentOf(article));
  const auditHead = auditAnchorText(ctx);
  const selfApproved = row.actor_id === article.authorId;
  return async (shows, images) => {
    const statement: PublicationStatement = {
      office: office.fingerprint,
      articleId: article.id,
      contentHash: approval.contentHash,
      approvalSignature: approval.signature,
      shows,
      images: images.map((image) => ({
        hash: image.hash,
        sha256: createHash('sha256').update(image.bytes).digest('hex'),
      })),
      selfApproved,
      publishedAt: publishedAt.toISOString(),
      auditHead,
    };
    const seal: Seal = {
      format: SEAL_FORMAT,
      office: { name: office.name, publicKey: office.publicKey, fingerprint: office.fingerprint },
      approval,
      signer,
      content,
      publication: { ...statement, signature: officeSign(office, publicationMessage(statement)) },
    };
    return { comment: await sealComment(seal), selfApproved };
  };
}
