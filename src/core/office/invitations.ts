import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { z } from 'zod';
import { readDirectory } from '../../shared/sync/directory';
import { DIRECTORY_DOCUMENT } from '../../shared/sync/documents';
import {
  encodeInvitation,
  invitationMessage,
  invitationSecretHash,
  parseInvitation,
  MAX_INVITATION_SECONDS,
  redeemedInvitationSchema,
  registeredInvitationSchema,
  type InvitationPayload,
} from '../../shared/sync/invitation';
import { isoNow, type CoreContext } from '../context';
import { ensureOfficeKey, officeSign } from '../seal/officeKey';
import { unseal } from '../signoff/keys';
import { findSealedKey, findUserByUsername } from '../users/repo';
import {
  OfficeError,
  fetchPinnedCertificate,
  officeRequest,
  refusalOf,
  serverToken,
  type OfficeServerPin,
} from './client';
import { applyDirectory, directoryEntriesFromDatabase, type AppliedDirectory } from './directory';
import { LocalDocumentStore } from './store';

/** Where this workstation's office lives: kept in the settings table once it created or joined one. */
export const officeConnectionSchema = z.object({
  url: z.string(),
  certSha256: z.string().regex(/^[0-9a-f]{64}$/),
  cert: z.string(),
  office: z.string().regex(/^[0-9a-f]{64}$/),
  officeKey: z.string(),
  since: z.string(),
});

export type OfficeConnectionSettings = z.infer<typeof officeConnectionSchema>;

const CONNECTION_KEY = 'office.connection';

export function readOfficeConnection(ctx: Pick<CoreContext, 'db'>): OfficeConnectionSettings | null {
  const row = ctx.db.prepare('SELECT value_json FROM settings WHERE key = ?').get(CONNECTION_KEY) as
    { value_json: string } | undefined;
  if (!row) return null;
  const parsed = officeConnectionSchema.safeParse(JSON.parse(row.value_json));
  return parsed.success ? parsed.data : null;
}

function writeOfficeConnection(ctx: CoreContext, connection: OfficeConnectionSettings): void {
  ctx.db
    .prepare(
      `INSERT INTO settings (key, value_json, updated_at, updated_by) VALUES (?, ?, ?, NULL)
       ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at,
                                       updated_by = NULL`,
    )
    .run(CONNECTION_KEY, JSON.stringify(connection), isoNow(ctx));
}

/** `sha256:<hex>` as the server prints it, or the bare hex. */
export function parseCertPin(text: string): string {
  const hex = text
    .trim()
    .toLowerCase()
    .replace(/^sha256:/, '')
    .replace(/:/g, '');
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new OfficeError(
      'Mã chứng chỉ máy chủ không hợp lệ: cần dạng sha256:<64 chữ số hex> như dòng BIENTAP_SERVER_CERT máy chủ in ra.',
      'cert-pin',
    );
  }
  return hex;
}

export function pinOf(connection: OfficeConnectionSettings): OfficeServerPin {
  return { url: connection.url, certSha256: connection.certSha256, cert: connection.cert };
}

/** An administrator's signing key, opened with her password, to sign in to the server. */
async function adminKey(ctx: CoreContext, username: string, password: string) {
  const user = findUserByUsername(ctx, username);
  const sealed = user ? findSealedKey(ctx, user.id) : null;
  const privateKey = sealed ? await unseal(sealed.sealed, password) : null;
  if (!user || !sealed || !privateKey || user.disabled) {
    throw new OfficeError('Sai tên đăng nhập hoặc mật khẩu.', 'credentials');
  }
  if (user.role !== 'admin') throw new OfficeError('Chỉ quản trị viên mới làm được việc này.', 'not-admin');
  return { fingerprint: sealed.fingerprint, privateKey };
}

/** Sends this workstation's accounts, signed by the office key, to the server's directory (in batches the server takes). */
export async function publishDirectory(
  ctx: CoreContext,
  pin: OfficeServerPin,
): Promise<{ accepted: number; rejected: { userId: unknown; reason: string }[] }> {
  const { officeKey, entries } = directoryEntriesFromDatabase(ctx);
  const result = { accepted: 0, rejected: [] as { userId: unknown; reason: string }[] };
  for (let start = 0; start === 0 || start < entries.length; start += DIRECTORY_BATCH) {
    const batch = entries.slice(start, start + DIRECTORY_BATCH);
    const answer = await officeRequest(pin, 'POST', '/directory/entries', { body: { officeKey, entries: batch } });
    if (answer.status !== 200) throw refusalOf(answer, 'Không gửi được danh bạ lên máy chủ');
    const body = answer.body as typeof result;
    result.accepted += body.accepted;
    result.rejected.push(...body.rejected);
  }
  return result;
}

/** Entries per request; the server takes up to a thousand. */
const DIRECTORY_BATCH = 500;

/**
 * Makes this workstation the office's: checks the server's certificate against the pin the server
 * printed, sends the directory (every account, signed by this workstation's office key) and
 * remembers the server. The server must have been started with `--office` and this office key.
 */
export async function createOffice(
  ctx: CoreContext,
  input: { url: string; cert: string },
): Promise<{ connection: OfficeConnectionSettings; accepted: number }> {
  const url = input.url.trim().replace(/\/+$/, '');
  if (!/^wss:\/\/[^\s/?#]+$/.test(url)) {
    throw new OfficeError('Địa chỉ máy chủ phải có dạng wss://máy:cổng (dòng BIENTAP_SERVER_URL).', 'server-url');
  }
  const certSha256 = parseCertPin(input.cert);
  const cert = await fetchPinnedCertificate(url, certSha256);
  const office = ensureOfficeKey(ctx);
  const connection: OfficeConnectionSettings = {
    url,
    certSha256,
    cert,
    office: office.fingerprint,
    officeKey: office.publicKey,
    since: isoNow(ctx),
  };
  const published = await publishDirectory(ctx, pinOf(connection));
  writeOfficeConnection(ctx, connection);
  return { connection, accepted: published.accepted };
}

/** Signs an invitation with the office key (registering it on the server is `createInvitation`'s job). */
export function signInvitation(ctx: CoreContext, payload: Omit<InvitationPayload, 'office' | 'officeKey' | 'v'>) {
  const office = ensureOfficeKey(ctx);
  const full: InvitationPayload = { v: 1, ...payload, office: office.fingerprint, officeKey: office.publicKey };
  return encodeInvitation(full, officeSign(office, invitationMessage(full)));
}

export const DEFAULT_INVITATION_HOURS = 72;

/**
 * `bientap office invite`: a one-time invitation for one new workstation. The secret goes into the
 * line only; the server gets its SHA-256, registered with the administrator's key.
 */
export async function createInvitation(
  ctx: CoreContext,
  input: { username: string; password: string; hours?: number },
): Promise<{ line: string; id: string; expiresAt: string }> {
  const connection = readOfficeConnection(ctx);
  if (!connection) {
    throw new OfficeError('Máy này chưa tạo hay tham gia phòng làm việc chung nào.', 'no-office');
  }
  const office = ensureOfficeKey(ctx);
  if (office.fingerprint !== connection.office) {
    throw new OfficeError('Chỉ máy giữ khóa văn phòng (máy đã tạo phòng) mới tạo được lời mời.', 'not-office');
  }
  const hours = input.hours ?? DEFAULT_INVITATION_HOURS;
  const lifetimeSeconds = Math.round(hours * 3600);
  if (!(lifetimeSeconds >= 1 && lifetimeSeconds <= MAX_INVITATION_SECONDS)) {
    throw new OfficeError('Thời hạn lời mời phải từ vài phút đến 30 ngày.', 'hours');
  }
  const key = await adminKey(ctx, input.username, input.password);
  const id = randomBytes(16).toString('base64url');
  const secret = randomBytes(32).toString('base64url');
  const pin = pinOf(connection);
  const token = await serverToken(pin, key);
  const answer = await officeRequest(pin, 'POST', '/invitations', {
    token,
    body: { id, secretSha256: await invitationSecretHash(secret), lifetimeSeconds },
  });
  const registered = registeredInvitationSchema.safeParse(answer.body);
  if (answer.status !== 201 || !registered.success) throw refusalOf(answer, 'Máy chủ không nhận lời mời');
  // The server's clock decides the expiry; the line states it as the server counted it.
  const { expiresAt } = registered.data;
  const line = signInvitation(ctx, {
    server: connection.url,
    cert: `sha256:${connection.certSha256}`,
    id,
    secret,
    expiresAt,
  });
  return { line, id, expiresAt };
}

/**
 * `bientap office join`: checks the invitation's office signature, checks the server presents the
 * certificate the invitation pins (else refuses: possibly an impostor), spends the invitation,
 * verifies the directory it receives against the invitation's office key and brings the accounts
 * into this database. A rejected entry is never applied; the result lists them.
 */
export async function joinOffice(
  ctx: CoreContext,
  line: string,
): Promise<{ connection: OfficeConnectionSettings; applied: AppliedDirectory }> {
  const existing = readOfficeConnection(ctx);
  const invitation = await parseInvitation(line);
  if (existing && existing.office !== invitation.office) {
    throw new OfficeError('Máy này đã thuộc một phòng làm việc chung khác.', 'other-office');
  }
  const certSha256 = parseCertPin(invitation.cert);
  const cert = await fetchPinnedCertificate(invitation.server, certSha256);
  const connection: OfficeConnectionSettings = {
    url: invitation.server.replace(/\/+$/, ''),
    certSha256,
    cert,
    office: invitation.office,
    officeKey: invitation.officeKey,
    since: isoNow(ctx),
  };
  const answer = await officeRequest(pinOf(connection), 'POST', '/invitations/redeem', {
    body: { id: invitation.id, secret: invitation.secret },
  });
  if (answer.status !== 200) throw refusalOf(answer, 'Máy chủ không nhận lời mời');
  const redeemed = redeemedInvitationSchema.safeParse(answer.body);
  if (!redeemed.success) throw new OfficeError('Máy chủ trả lời không đúng dạng.', 'answer');
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, Buffer.from(redeemed.data.directory, 'base64'));
  } catch {
    throw new OfficeError('Danh bạ máy chủ gửi về bị hỏng.', 'directory');
  }
  const verified = await readDirectory(doc, { fingerprint: invitation.office, publicKey: invitation.officeKey });
  const applied = applyDirectory(ctx, verified);
  ctx.db.transaction(() => {
    // The live connection starts from the directory as received, not from nothing.
    new LocalDocumentStore(ctx).append(DIRECTORY_DOCUMENT, Y.encodeStateAsUpdate(doc), false);
    writeOfficeConnection(ctx, connection);
  })();
  return { connection, applied };
}
