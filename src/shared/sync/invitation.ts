import { z } from 'zod';
import {
  base64ToBytes,
  bytesToBase64,
  bytesToBase64url,
  canonicalJson,
  ed25519Verify,
  publicKeyFingerprint,
  sha256Hex,
  utf8,
} from '../crypto';

/**
 * An invitation: the one line of text an administrator copies to a new workstation so it can join
 * the office. `bientap-moi:<base64url(JSON payload)>.<base64url(office key's signature)>`.
 *
 * The payload says where the server is, which certificate it must present (its SHA-256, pinned
 * from then on), which office key anchors the directory, and a one-time secret the server accepts
 * once, before `expiresAt` by the server's clock. The office key signs the payload, so a line that
 * was mistyped or altered is refused before the workstation contacts anything; trust in the office
 * key itself comes from the line having been handed over in person or through the office's own
 * channel.
 */
export const INVITATION_PREFIX = 'bientap-moi:';
export const INVITATION_PURPOSE = 'bientap/invitation/v1';

declare const TextDecoder: { new (label: string, options: { fatal: boolean }): { decode(input: Uint8Array): string } };

const HEX_64 = /^[0-9a-f]{64}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** base64url without padding, 32 bytes: 43 characters. */
const SECRET = /^[A-Za-z0-9_-]{43}$/;
const INVITATION_ID = /^[A-Za-z0-9_-]{16,64}$/;

export const invitationPayloadSchema = z
  .object({
    v: z.literal(1),
    /** The server's WebSocket address, wss://host:port. */
    server: z
      .string()
      .max(300)
      .regex(/^wss:\/\/[^\s/?#]+\/?$/),
    /** `sha256:<hex>` of the server certificate's DER. */
    cert: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    /** Fingerprint of the office key (SHA-256 hex of its DER public key). */
    office: z.string().regex(HEX_64),
    /** The office public key, DER SubjectPublicKeyInfo, base64: what the fingerprint names. */
    officeKey: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/),
    id: z.string().regex(INVITATION_ID),
    secret: z.string().regex(SECRET),
    expiresAt: z.string().regex(ISO_INSTANT),
  })
  .strict();

export type InvitationPayload = z.infer<typeof invitationPayloadSchema>;

export interface Invitation extends InvitationPayload {
  /** The office key's signature over `invitationMessage(payload)`, base64. */
  signature: string;
}

/** A line that is not a valid invitation; the message says why, for the person who pasted it. */
export class InvitationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvitationError';
  }
}

/** The exact bytes the office key signs. */
export function invitationMessage(payload: InvitationPayload): Uint8Array {
  return utf8(canonicalJson({ ...payload, purpose: INVITATION_PURPOSE }));
}

/** The line to copy. */
export function encodeInvitation(payload: InvitationPayload, signature: string): string {
  const body = bytesToBase64url(utf8(JSON.stringify(payload)));
  return `${INVITATION_PREFIX}${body}.${bytesToBase64url(base64ToBytes(signature))}`;
}

/**
 * Reads a pasted line and checks the office key's signature against the fingerprint it names.
 * Expiry is not judged here: the server's clock decides it, a workstation's may be days wrong.
 */
export async function parseInvitation(text: string): Promise<Invitation> {
  const line = text.trim();
  if (!line.startsWith(INVITATION_PREFIX)) {
    throw new InvitationError(`Đây không phải lời mời tham gia phòng (lời mời bắt đầu bằng "${INVITATION_PREFIX}").`);
  }
  const [body, signatureText, ...rest] = line.slice(INVITATION_PREFIX.length).split('.');
  const damaged = new InvitationError('Lời mời bị thiếu hoặc sai ký tự. Hãy sao chép lại cả dòng lời mời.');
  if (!body || !signatureText || rest.length > 0) throw damaged;
  if (!/^[A-Za-z0-9_-]+$/.test(body) || !/^[A-Za-z0-9_-]+$/.test(signatureText)) throw damaged;
  let payload: InvitationPayload;
  try {
    const json = new TextDecoder('utf-8', { fatal: true }).decode(base64ToBytes(body));
    const parsed = invitationPayloadSchema.safeParse(JSON.parse(json));
    if (!parsed.success) throw damaged;
    payload = parsed.data;
  } catch {
    throw damaged;
  }
  if ((await publicKeyFingerprint(payload.officeKey)) !== payload.office) {
    throw new InvitationError('Khóa văn phòng trong lời mời không khớp với dấu vân tay của nó: lời mời không hợp lệ.');
  }
  let signature: string;
  try {
    signature = bytesToBase64(base64ToBytes(signatureText));
  } catch {
    throw damaged;
  }
  if (!(await ed25519Verify(payload.officeKey, invitationMessage(payload), signature))) {
    throw new InvitationError('Chữ ký của văn phòng trên lời mời không đúng: lời mời đã bị sửa hoặc bị giả.');
  }
  return { ...payload, signature };
}

/** What the server keeps of a secret: its SHA-256 (hex). */
export function invitationSecretHash(secret: string): Promise<string> {
  return sha256Hex(utf8(secret));
}

/** The longest an invitation may stay open. */
export const MAX_INVITATION_SECONDS = 30 * 24 * 3600;

/**
 * `POST /invitations` (an administrator's fresh token in `authorization`): the server accepts this
 * id once, for `lifetimeSeconds` counted by its own clock (an administrator's clock may be wrong),
 * and answers with the instant that makes (`registeredInvitationSchema`), which the line then names.
 */
export const registerInvitationSchema = z
  .object({
    id: z.string().regex(INVITATION_ID),
    secretSha256: z.string().regex(HEX_64),
    lifetimeSeconds: z.number().int().min(1).max(MAX_INVITATION_SECONDS),
  })
  .strict();

export const registeredInvitationSchema = z.object({ id: z.string(), expiresAt: z.string().regex(ISO_INSTANT) });

export type RegisterInvitation = z.infer<typeof registerInvitationSchema>;

/** `POST /invitations/redeem`: no token (the workstation has no account yet), the secret instead. */
export const redeemInvitationSchema = z
  .object({
    id: z.string().regex(INVITATION_ID),
    secret: z.string().regex(SECRET),
  })
  .strict();

export type RedeemInvitation = z.infer<typeof redeemInvitationSchema>;

/** The answer to a redeemed invitation: the directory document's whole state as a Yjs update (base64). */
export const redeemedInvitationSchema = z.object({ directory: z.string() });

/** Why the server refused an invitation, as codes both sides know. */
export const INVITATION_REFUSALS = {
  'invitation-unknown': 'Máy chủ không nhận lời mời này (sai mã hoặc chưa được đăng ký).',
  'invitation-expired': 'Lời mời đã hết hạn. Hãy xin quản trị viên một lời mời mới.',
  'invitation-used': 'Lời mời này đã được dùng. Mỗi lời mời chỉ dùng được một lần; hãy xin lời mời mới.',
} as const;

export type InvitationRefusal = keyof typeof INVITATION_REFUSALS;
