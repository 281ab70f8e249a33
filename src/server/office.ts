import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { InvitationRefusal, RegisterInvitation } from '../shared/sync/invitation';
import type { ServerDb } from './db';
import { ServerStartError } from './errors';

const HEX_64 = /^[0-9a-f]{64}$/;

/**
 * The office key this server serves. The first start given `--office` stores it; later starts use
 * the stored one, and a different `--office` is refused: a server never changes office, since every
 * workstation verifies the directory against the key it pinned when it joined. Null while none was
 * ever given (the server then knows only its `server_keys` table).
 */
export function pinOffice(db: ServerDb, requested: string | undefined, now = Date.now()): string | null {
  if (requested !== undefined && !HEX_64.test(requested)) {
    throw new ServerStartError(
      `--office "${requested}" không phải dấu vân tay của khóa văn phòng (64 chữ số hex thường, như lệnh bientap office-key in ra).`,
    );
  }
  const stored = (
    db.prepare('SELECT fingerprint FROM office WHERE id = 1').get() as { fingerprint: string } | undefined
  )?.fingerprint;
  if (stored && requested && stored !== requested) {
    throw new ServerStartError(
      `Máy chủ này đã gắn với khóa văn phòng ${stored}; --office ${requested} là một khóa khác. ` +
        'Một máy chủ chỉ phục vụ một văn phòng: hãy bỏ --office, hoặc dùng thư mục dữ liệu khác cho văn phòng kia.',
    );
  }
  if (stored) return stored;
  if (!requested) return null;
  db.prepare('INSERT INTO office (id, fingerprint, pinned_at) VALUES (1, ?, ?)').run(requested, now);
  return requested;
}

/** One-time invitations: registered by an administrator, redeemed once by a joining workstation. */
export class Invitations {
  constructor(
    private readonly db: ServerDb,
    private readonly now: () => number,
  ) {}

  /** When it expires (by this server's clock), or null when the id is already taken. */
  register(invitation: RegisterInvitation, createdBy: string): number | null {
    const now = this.now();
    const expiresAt = now + invitation.lifetimeSeconds * 1000;
    const result = this.db
      .prepare(
        `INSERT INTO invitations (id, secret_sha256, expires_at, created_at, created_by) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO NOTHING`,
      )
      .run(invitation.id, invitation.secretSha256, expiresAt, now, createdBy);
    return result.changes === 1 ? expiresAt : null;
  }

  /**
   * Spends the invitation: null when accepted (now marked used, in the same statement that checks
   * it was not, so two workstations racing with one line cannot both get in), else why not.
   */
  redeem(id: string, secret: string): InvitationRefusal | null {
    const row = this.db.prepare('SELECT secret_sha256, expires_at, used_at FROM invitations WHERE id = ?').get(id) as
      { secret_sha256: string; expires_at: number; used_at: number | null } | undefined;
    const given = createHash('sha256').update(secret, 'utf8').digest();
    if (!row || !timingSafeEqual(given, Buffer.from(row.secret_sha256, 'hex'))) return 'invitation-unknown';
    if (row.used_at !== null) return 'invitation-used';
    const now = this.now();
    if (now >= row.expires_at) return 'invitation-expired';
    const spent = this.db.prepare('UPDATE invitations SET used_at = ? WHERE id = ? AND used_at IS NULL').run(now, id);
    return spent.changes === 1 ? null : 'invitation-used';
  }
}

export class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Reads a JSON request body of at most `maxBytes`. */
export async function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new BodyError(413, 'too-large', 'Nội dung gửi lên quá lớn.');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new BodyError(413, 'too-large', 'Nội dung gửi lên quá lớn.');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new BodyError(400, 'malformed', 'Nội dung gửi lên không phải JSON hợp lệ.');
  }
}
