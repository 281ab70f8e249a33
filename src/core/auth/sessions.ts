import { createHash, randomBytes } from 'node:crypto';
import type { CoreContext } from '../context';
import { isoNow } from '../context';
import { writeWithoutWaiting } from '../db/connection';
import { findUserById, type UserRecord } from '../users/repo';

/** A session ends after this long without a call. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** last_seen is written at most this often, so reads stay reads. */
const TOUCH_EVERY_MS = 60 * 1000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Only the token's hash is stored: a copied database file does not hand out sessions. */
export function startSession(ctx: CoreContext, userId: string): string {
  const token = randomBytes(32).toString('base64url');
  const now = isoNow(ctx);
  ctx.db
    .prepare('INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)')
    .run(hashToken(token), userId, now, now);
  return token;
}

export function endSession(ctx: CoreContext, token: string): void {
  ctx.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hashToken(token));
}

/** The signed-in user for a token, or null when the token is unknown, idle too long, or the account is disabled. */
export function resolveSession(ctx: CoreContext, token: string): UserRecord | null {
  const tokenHash = hashToken(token);
  const row = ctx.db.prepare('SELECT user_id, last_seen_at FROM sessions WHERE token_hash = ?').get(tokenHash) as
    { user_id: string; last_seen_at: string } | undefined;
  if (!row) return null;
  const idle = ctx.now().getTime() - Date.parse(row.last_seen_at);
  if (idle > SESSION_IDLE_MS) {
    ctx.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
    return null;
  }
  const user = findUserById(ctx, row.user_id);
  if (!user || user.disabled) return null;
  if (idle > TOUCH_EVERY_MS) {
    // Bookkeeping: a touch lost in a power cut only moves the idle limit back a minute.
    writeWithoutWaiting(ctx.db, () =>
      ctx.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(isoNow(ctx), tokenHash),
    );
  }
  return user;
}
