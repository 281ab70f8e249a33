import type { Role, User } from '../../shared/domain';
import { nfc } from '../../shared/text';
import type { CoreContext } from '../context';
import { isoNow } from '../context';

export interface UserRecord extends User {
  passwordHash: string;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  byline: string;
  unit: string;
  password_hash: string;
  disabled: number;
}

function fromRow(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    byline: row.byline,
    unit: row.unit,
    disabled: row.disabled === 1,
    passwordHash: row.password_hash,
  };
}

export function toPublicUser(record: UserRecord): User {
  const { passwordHash: _omitted, ...user } = record;
  return user;
}

export function findUserById(ctx: CoreContext, id: string): UserRecord | null {
  const row = ctx.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return row ? fromRow(row) : null;
}

export function findUserByUsername(ctx: CoreContext, username: string): UserRecord | null {
  const row = ctx.db.prepare('SELECT * FROM users WHERE username = ?').get(username.trim()) as UserRow | undefined;
  return row ? fromRow(row) : null;
}

export function countUsers(ctx: CoreContext): number {
  return (ctx.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

export function listUsers(ctx: CoreContext): UserRecord[] {
  return (ctx.db.prepare('SELECT * FROM users ORDER BY display_name COLLATE NOCASE').all() as UserRow[]).map(fromRow);
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  byline?: string;
  unit?: string;
}

export function insertUser(ctx: CoreContext, input: NewUser): UserRecord {
  const id = ctx.newId();
  const now = isoNow(ctx);
  const displayName = nfc(input.displayName.trim());
  ctx.db
    .prepare(
      `INSERT INTO users (id, username, display_name, role, byline, unit, password_hash, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      input.username.trim(),
      displayName,
      input.role,
      nfc(input.byline?.trim() || displayName),
      nfc(input.unit?.trim() ?? ''),
      input.passwordHash,
      now,
      now,
    );
  return findUserById(ctx, id)!;
}

/** Stores a new signing key for the user and makes it their current one. */
export function storeUserKey(
  ctx: CoreContext,
  userId: string,
  key: { publicKey: string; fingerprint: string; sealedPrivateKey: string },
): void {
  ctx.db
    .prepare('INSERT INTO user_keys (fingerprint, user_id, public_key, created_at) VALUES (?, ?, ?, ?)')
    .run(key.fingerprint, userId, key.publicKey, isoNow(ctx));
  ctx.db
    .prepare('UPDATE users SET key_fingerprint = ?, private_key = ? WHERE id = ?')
    .run(key.fingerprint, key.sealedPrivateKey, userId);
}

export function findSealedKey(ctx: CoreContext, userId: string): { fingerprint: string; sealed: string } | null {
  const row = ctx.db.prepare('SELECT key_fingerprint, private_key FROM users WHERE id = ?').get(userId) as
    { key_fingerprint: string | null; private_key: string | null } | undefined;
  return row?.key_fingerprint && row.private_key ? { fingerprint: row.key_fingerprint, sealed: row.private_key } : null;
}

export interface UserChanges {
  displayName?: string;
  byline?: string;
  unit?: string;
  role?: Role;
  disabled?: boolean;
  passwordHash?: string;
}

const COLUMNS: Record<keyof UserChanges, string> = {
  displayName: 'display_name',
  byline: 'byline',
  unit: 'unit',
  role: 'role',
  disabled: 'disabled',
  passwordHash: 'password_hash',
};

/** Writes the given fields (text NFC, trimmed); returns the user as stored. */
export function updateUser(ctx: CoreContext, id: string, changes: UserChanges): UserRecord {
  for (const [key, value] of Object.entries(changes) as [keyof UserChanges, unknown][]) {
    if (value === undefined) continue;
    const stored =
      typeof value === 'boolean' ? (value ? 1 : 0) : key === 'passwordHash' ? value : nfc(String(value).trim());
    ctx.db.prepare(`UPDATE users SET ${COLUMNS[key]} = ?, updated_at = ? WHERE id = ?`).run(stored, isoNow(ctx), id);
  }
  return findUserById(ctx, id)!;
}
