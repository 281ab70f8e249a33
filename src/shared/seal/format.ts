import { bytesToBase64url, base64ToBytes, canonicalJson, utf8 } from '../crypto';

/**
 * The seal on a published page: what a reader's verifier needs to check, with no server, that the
 * page shows exactly what a head of department signed. Everything here runs the same in Node (the
 * core that makes seals, `bientap verify-page`) and in a browser (the site's verification page):
 * web-standard APIs only (TextEncoder, atob/btoa, CompressionStream, WebCrypto).
 *
 * Trust runs: pinned office key → key certificate (the signer's key, its name and validity, signed
 * by the office key) → approval signature (the signer's key over the approval message, which names
 * the content hash) → canonical content (hashes to that content hash) → the text the page shows.
 * The office key also signs a publication statement binding the approval to what the page shows
 * beyond the signed content: the bytes of each image as published (the site shows a web rendition,
 * not the original the approval names), which fields the page shows, whether the author signed her
 * own article, and the audit chain's head when the page was made.
 */

export const SEAL_FORMAT = 'bientap/seal/v1';
export const KEYS_FORMAT = 'bientap/keys/v1';
export const KEY_PURPOSE = 'bientap/key/v1';
export const PUBLICATION_PURPOSE = 'bientap/publication/v1';
/** Same as the core's format-2 approval (src/core/signoff/message.ts re-exports it). */
export const APPROVAL_PURPOSE = 'bientap/approval/v2';

/** Where the static site publishes the office's keys, relative to its root. */
export const KEYS_PATH = '.well-known/bientap-keys.json';
/** The static site's verification page, relative to its root. */
export const VERIFY_PAGE_PATH = 'kiem-tra.html';

/** The seal sits in the page as one HTML comment: `<!-- bientap:seal=<base64url(gzip(JSON))> -->`. */
export const SEAL_COMMENT_PREFIX = 'bientap:seal=';

/** The fields of the signed content a page shows, in page order. */
export type ShownField = 'title' | 'summary' | 'body' | 'byline';

export interface OfficeKey {
  /** The office's name as it signs (the site title). */
  name: string;
  /** Ed25519 public key, DER SubjectPublicKeyInfo, base64. */
  publicKey: string;
  /** SHA-256 (hex) of the DER public key. */
  fingerprint: string;
}

/** What the office key certifies of one signer's key. */
export interface KeyStatement {
  /** Fingerprint of the office key that certifies. */
  office: string;
  fingerprint: string;
  publicKey: string;
  /** The signer's name as the office knows her. */
  name: string;
  /** ISO 8601: from when signatures by this key count … */
  validFrom: string;
  /** … and until when (exclusive); null while the key is current. */
  validUntil: string | null;
}

export interface KeyCertificate extends KeyStatement {
  /** The office key's signature over `keyMessage(statement)`, base64. */
  signature: string;
}

/** `.well-known/bientap-keys.json`. */
export interface KeysFile {
  format: typeof KEYS_FORMAT;
  office: OfficeKey;
  keys: KeyCertificate[];
  /** ISO 8601: when this file was written. */
  issuedAt: string;
}

/** The approval as stored with its event, everything its signature covers. */
export interface SealApproval {
  articleId: string;
  revisionId: string | null;
  contentHash: string;
  keyFingerprint: string;
  at: string;
  auditHead: string | null;
  signature: string;
  /** 1: the signature covers the content hash's 32 bytes; 2: `approvalMessage`. */
  signatureFormat: 1 | 2;
}

export interface PublishedImage {
  /** The image as the approval names it: SHA-256 (hex) of the original bytes. */
  hash: string;
  /** SHA-256 (hex) of the bytes the site serves (the web rendition). */
  sha256: string;
}

/** What the office key states about one publication. */
export interface PublicationStatement {
  office: string;
  articleId: string;
  contentHash: string;
  /** The approval's signature: binds this statement to that one approval. */
  approvalSignature: string;
  shows: ShownField[];
  images: PublishedImage[];
  /** The signer wrote the article herself (allowed by the office's setting; the seal says so). */
  selfApproved: boolean;
  /** ISO 8601: when the page was made. */
  publishedAt: string;
  /** The audit chain's head when the page was made ("SEQ:HASH"): an anchor kept outside the database. */
  auditHead: string;
}

export interface Seal {
  format: typeof SEAL_FORMAT;
  office: OfficeKey;
  approval: SealApproval;
  /** The signer's key certificate at publication (a keys file, when given, is preferred). */
  signer: KeyCertificate;
  /** The signed canonical content: RFC 8785 JSON, exactly the bytes whose SHA-256 the approval signs. */
  content: string;
  publication: PublicationStatement & { signature: string };
}

/** The bytes a format-2 approval signs (the core's KATs fix them). */
export function approvalMessageText(statement: {
  articleId: string;
  revisionId: string;
  contentHash: string;
  keyFingerprint: string;
  at: string;
  auditHead: string;
}): string {
  return canonicalJson({
    purpose: APPROVAL_PURPOSE,
    articleId: statement.articleId,
    revisionId: statement.revisionId,
    contentHash: statement.contentHash,
    keyFingerprint: statement.keyFingerprint,
    at: statement.at,
    auditHead: statement.auditHead,
  });
}

/** The bytes the office key signs to certify a signer's key. */
export function keyMessage(statement: KeyStatement): Uint8Array {
  return utf8(
    canonicalJson({
      purpose: KEY_PURPOSE,
      office: statement.office,
      fingerprint: statement.fingerprint,
      publicKey: statement.publicKey,
      name: statement.name,
      validFrom: statement.validFrom,
      validUntil: statement.validUntil,
    }),
  );
}

/** The bytes the office key signs for one publication. */
export function publicationMessage(statement: PublicationStatement): Uint8Array {
  return utf8(
    canonicalJson({
      purpose: PUBLICATION_PURPOSE,
      office: statement.office,
      articleId: statement.articleId,
      contentHash: statement.contentHash,
      approvalSignature: statement.approvalSignature,
      shows: statement.shows,
      images: [...statement.images].sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0)),
      selfApproved: statement.selfApproved,
      publishedAt: statement.publishedAt,
      auditHead: statement.auditHead,
    }),
  );
}

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const output = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(output).arrayBuffer());
}

/** The comment's text after the prefix: the seal's JSON, gzip-compressed, base64url. */
export async function encodeSeal(seal: Seal): Promise<string> {
  return bytesToBase64url(await through(utf8(JSON.stringify(seal)), new CompressionStream('gzip')));
}

/** Throws on anything that is not an encoded seal. */
export async function decodeSeal(text: string): Promise<unknown> {
  const json = new TextDecoder('utf-8', { fatal: true }).decode(
    await through(base64ToBytes(text.trim()), new DecompressionStream('gzip')),
  );
  return JSON.parse(json) as unknown;
}

/** `<!-- bientap:seal=… -->`. */
export async function sealComment(seal: Seal): Promise<string> {
  return `<!-- ${SEAL_COMMENT_PREFIX}${await encodeSeal(seal)} -->`;
}
