import type { KeyObject } from 'node:crypto';
import { APPROVAL_PURPOSE, approvalMessageText } from '../../shared/seal/format';
import { signMessage, verifyHash, verifyMessage } from './keys';

/**
 * How an approval's signature was made, as recorded with it (`article_events.signature_format`):
 * 1 signed only the 32 bytes of the content hash (approvals given before format 2 existed);
 * 2 signs a domain-separated message naming the article, the revision, the signer key, the time
 *   and the audit chain's head at that moment.
 */
export type SignatureFormat = 1 | 2;
export const CURRENT_SIGNATURE_FORMAT: SignatureFormat = 2;

/** Names what the bytes are for, so a signature made for anything else never verifies as an approval. */
export { APPROVAL_PURPOSE };

/** What a format-2 approval signature covers. */
export interface ApprovalStatement {
  articleId: string;
  revisionId: string;
  contentHash: string;
  keyFingerprint: string;
  /** The approval event's time, as stored (ISO 8601). */
  at: string;
  /** The audit chain's head when the approval was given: the hash its own audit row links to. */
  auditHead: string;
}

/**
 * The exact bytes a format-2 approval signs: RFC 8785 JSON of the statement and its purpose,
 * UTF-8 (src/shared/seal/format.ts holds the one definition, which a reader's verifier uses too).
 * Every field is ASCII (ids, hex hashes, an ISO time), so no normalization is involved.
 */
export function approvalMessage(statement: ApprovalStatement): Buffer {
  return Buffer.from(approvalMessageText(statement), 'utf8');
}

/** Signs a new (format-2) approval. Returns the base64 signature. */
export function signApproval(privateKey: KeyObject, statement: ApprovalStatement): string {
  return signMessage(privateKey, approvalMessage(statement));
}

/** An approval as stored: the event row's fields and the public key its fingerprint names. */
export interface StoredApproval {
  article_id: string;
  revision_id: string | null;
  content_hash: string;
  key_fingerprint: string | null;
  at: string;
  signature: string | null;
  signature_format: number | null;
  audit_head: string | null;
  public_key: string | null;
}

/**
 * The one check of an approval's signature, used wherever an approval is trusted (the article
 * view, publishing, the history, `bientap verify`): each stored format is verified the way it
 * was made, and a row claiming any other format does not verify.
 */
export function approvalSignatureHolds(row: StoredApproval): boolean {
  if (!row.signature || !row.public_key) return false;
  if (row.signature_format === 1) return verifyHash(row.public_key, row.content_hash, row.signature);
  if (row.signature_format !== 2 || !row.revision_id || !row.key_fingerprint || !row.audit_head) return false;
  const message = approvalMessage({
    articleId: row.article_id,
    revisionId: row.revision_id,
    contentHash: row.content_hash,
    keyFingerprint: row.key_fingerprint,
    at: row.at,
    auditHead: row.audit_head,
  });
  return verifyMessage(row.public_key, message, row.signature);
}
