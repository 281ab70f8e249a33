import { createHash } from 'node:crypto';
import type { ServerDb } from './db';

export type ServerRole = 'reporter' | 'editor' | 'head' | 'admin';

export const SERVER_ROLES: readonly ServerRole[] = ['reporter', 'editor', 'head', 'admin'];

export interface ServerKey {
  /** DER (SPKI) Ed25519 public key, base64. */
  publicKey: string;
  userId: string;
  role: ServerRole;
  active: boolean;
}

/**
 * Who may connect, by key fingerprint. Backed for now by the `server_keys` table; the signed office
 * directory document will supply it later, behind this same interface.
 */
export interface ServerDirectory {
  keyFor(fingerprint: string): ServerKey | null;
}

/** SHA-256 (hex) of a DER public key given as base64: the name a workstation's token gives. */
export function keyFingerprint(publicKey: string): string {
  return createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex');
}

export class SqliteServerDirectory implements ServerDirectory {
  private readonly find;

  constructor(private readonly db: ServerDb) {
    this.find = db.prepare('SELECT public_key, user_id, role, active FROM server_keys WHERE fingerprint = ?');
  }

  keyFor(fingerprint: string): ServerKey | null {
    const row = this.find.get(fingerprint) as
      { public_key: string; user_id: string; role: ServerRole; active: number } | undefined;
    if (!row) return null;
    return { publicKey: row.public_key, userId: row.user_id, role: row.role, active: row.active === 1 };
  }
}

/** Adds (or replaces) a key in `server_keys`; returns its fingerprint. */
export function addServerKey(db: ServerDb, key: ServerKey): string {
  if (!SERVER_ROLES.includes(key.role)) throw new Error(`Vai trò không hợp lệ: ${key.role}`);
  const fingerprint = keyFingerprint(key.publicKey);
  db.prepare(
    `INSERT INTO server_keys (fingerprint, public_key, user_id, role, active, added_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (fingerprint) DO UPDATE SET public_key = excluded.public_key, user_id = excluded.user_id,
       role = excluded.role, active = excluded.active`,
  ).run(fingerprint, key.publicKey, key.userId, key.role, key.active ? 1 : 0, Date.now());
  return fingerprint;
}
