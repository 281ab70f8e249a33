import * as z from 'zod/mini';
import { KEYS_FORMAT, SEAL_FORMAT, type KeysFile, type Seal } from './format';

/**
 * The shapes a verifier accepts from a page or a keys file it fetched: anything else is refused
 * before a single field is trusted. Extra fields are allowed (a later maker may add some).
 */

const text = z.string();
const hex64 = z.string().check(z.regex(/^[0-9a-fA-F]{64}$/));

const OfficeKeySchema = z.looseObject({ name: text, publicKey: text, fingerprint: hex64 });

export const KeyCertificateSchema = z.looseObject({
  office: hex64,
  fingerprint: hex64,
  publicKey: text,
  name: text,
  validFrom: text,
  validUntil: z.nullable(text),
  signature: text,
});

export const KeysFileSchema = z.looseObject({
  format: z.literal(KEYS_FORMAT),
  office: OfficeKeySchema,
  keys: z.array(KeyCertificateSchema),
  issuedAt: text,
});

const ShownFieldSchema = z.enum(['title', 'summary', 'body', 'byline']);

export const SealSchema = z.looseObject({
  format: z.literal(SEAL_FORMAT),
  office: OfficeKeySchema,
  approval: z.looseObject({
    articleId: text,
    revisionId: z.nullable(text),
    contentHash: hex64,
    keyFingerprint: hex64,
    at: text,
    auditHead: z.nullable(text),
    signature: text,
    signatureFormat: z.union([z.literal(1), z.literal(2)]),
  }),
  signer: KeyCertificateSchema,
  content: text,
  publication: z.looseObject({
    office: hex64,
    articleId: text,
    contentHash: hex64,
    approvalSignature: text,
    shows: z.array(ShownFieldSchema),
    images: z.array(z.looseObject({ hash: text, sha256: hex64 })),
    selfApproved: z.boolean(),
    publishedAt: text,
    auditHead: text,
    signature: text,
  }),
});

/** A keys file as JSON, or null when it is not one. */
export function parseKeysFile(json: unknown): KeysFile | null {
  const parsed = KeysFileSchema.safeParse(json);
  return parsed.success ? (parsed.data as KeysFile) : null;
}

export function parseSeal(json: unknown): { seal: Seal } | { problem: string } {
  const parsed = SealSchema.safeParse(json);
  if (parsed.success) return { seal: parsed.data as Seal };
  const issue = parsed.error.issues[0];
  return { problem: issue ? issue.path.join('.') || '(gốc)' : '(gốc)' };
}
