import type { Role } from '../../shared/domain';
import {
  directoryEntryMessage,
  type DirectoryEntry,
  type DirectoryKey,
  type RejectedEntry,
  type UnsignedDirectoryEntry,
  type VerifiedDirectory,
} from '../../shared/sync/directory';
import { appendAudit } from '../audit/log';
import { isoNow, type CoreContext } from '../context';
import { ensureOfficeKey, officeSign } from '../seal/officeKey';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  byline: string;
  unit: string;
  password_hash: string;
  disabled: number;
  updated_at: string;
  key_fingerprint: string | null;
  private_key: string | null;
}

interface KeyRow {
  fingerprint: string;
  public_key: string;
  created_at: string;
}

/**
 * An account's keys as the directory states them: each valid from when it was made until the same
 * person's next key replaced it (the rule the published keys file follows too).
 */
function keysOf(ctx: Pick<CoreContext, 'db'>, userId: string): DirectoryKey[] {
  const rows = ctx.db
    .prepare(
      'SELECT fingerprint, public_key, created_at FROM user_keys WHERE user_id = ? ORDER BY created_at, fingerprint',
    )
    .all(userId) as KeyRow[];
  return rows.map((row, i) => ({
    fingerprint: row.fingerprint,
    publicKey: row.public_key,
    validFrom: row.created_at,
    validUntil: rows.slice(i + 1).find((next) => next.created_at > row.created_at)?.created_at ?? null,
  }));
}

/** The account's entry before signing. Its instant is the last change to the account or its keys. */
function unsignedEntry(ctx: Pick<CoreContext, 'db'>, row: UserRow, signer: string): UnsignedDirectoryEntry {
  const keys = keysOf(ctx, row.id);
  const updatedAt = keys.reduce((latest, key) => (key.validFrom > latest ? key.validFrom : latest), row.updated_at);
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    byline: row.byline,
    unit: row.unit,
    active: row.disabled === 0,
    keys,
    sealedPrivateKey: row.private_key,
    passwordHash: row.password_hash,
    updatedAt,
    signer,
  };
}

/**
 * Every account of this workstation's database as a directory entry signed by the office key. Only
 * the workstation that holds the office key (the administrator's, which created the office) makes
 * them; Ed25519 signatures are deterministic, so an unchanged account gives the same entry again.
 */
export function directoryEntriesFromDatabase(ctx: CoreContext): { officeKey: string; entries: DirectoryEntry[] } {
  const office = ensureOfficeKey(ctx);
  const rows = ctx.db
    .prepare(
      `SELECT id, username, display_name, role, byline, unit, password_hash, disabled, updated_at, key_fingerprint,
              private_key
       FROM users ORDER BY created_at, id`,
    )
    .all() as UserRow[];
  const entries = rows.map((row) => {
    const unsigned = unsignedEntry(ctx, row, office.fingerprint);
    return { ...unsigned, signature: officeSign(office, directoryEntryMessage(unsigned, office.fingerprint)) };
  });
  return { officeKey: office.publicKey, entries };
}

export interface AppliedDirectory {
  created: string[];
  updated: string[];
  /** Accounts this database already holds as the directory says, or holds a newer change of. */
  unchanged: string[];
  /** Valid entries this database cannot take (a name or key already belonging to another account here). */
  conflicts: { userId: string; username: string; reason: string }[];
  /** Entries the verification refused: never applied, reported. */
  rejected: RejectedEntry[];
}

/**
 * Brings the verified directory into this database: creates accounts it lacks, updates the ones the
 * directory holds a newer version of, adds keys (user_keys is append-only), ends the sessions of an
 * account the directory disables. Takes only `verified.accounts`: a rejected entry never reaches the
 * database. One transaction, so a failure leaves the database as it was.
 */
export function applyDirectory(ctx: CoreContext, verified: VerifiedDirectory): AppliedDirectory {
  const result: AppliedDirectory = {
    created: [],
    updated: [],
    unchanged: [],
    conflicts: [],
    rejected: verified.rejected,
  };
  const byId = ctx.db.prepare(
    `SELECT id, username, display_name, role, byline, unit, password_hash, disabled, updated_at, key_fingerprint,
            private_key
     FROM users WHERE id = ?`,
  );
  const byName = ctx.db.prepare('SELECT id FROM users WHERE username = ?');
  const keyOwner = ctx.db.prepare('SELECT user_id FROM user_keys WHERE fingerprint = ?');
  const insertKey = ctx.db.prepare(
    'INSERT INTO user_keys (fingerprint, user_id, public_key, created_at) VALUES (?, ?, ?, ?)',
  );
  const insertUser = ctx.db.prepare(
    `INSERT INTO users (id, username, display_name, role, byline, unit, password_hash, disabled, created_at, updated_at,
                        key_fingerprint, private_key)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateUser = ctx.db.prepare(
    `UPDATE users SET username = ?, display_name = ?, role = ?, byline = ?, unit = ?, password_hash = ?, disabled = ?,
                      updated_at = ?, key_fingerprint = ?, private_key = ?
     WHERE id = ?`,
  );
  const endSessions = ctx.db.prepare('DELETE FROM sessions WHERE user_id = ?');

  ctx.db
    .transaction(() => {
      for (const entry of verified.accounts.values()) {
        const conflict = conflictOf(entry);
        if (conflict) {
          result.conflicts.push({ userId: entry.userId, username: entry.username, reason: conflict });
          continue;
        }
        const local = byId.get(entry.userId) as UserRow | undefined;
        const current = entry.sealedPrivateKey ? currentKey(entry) : null;
        const values = [
          entry.username,
          entry.displayName,
          entry.role,
          entry.byline,
          entry.unit,
          entry.passwordHash,
          entry.active ? 0 : 1,
        ] as const;
        if (!local) {
          insertUser.run(
            entry.userId,
            ...values,
            entry.updatedAt,
            entry.updatedAt,
            current,
            current ? entry.sealedPrivateKey : null,
          );
          result.created.push(entry.userId);
        }
        // Keys are facts (a public key and when it was made): every one the directory vouches for is kept.
        for (const key of entry.keys) {
          if (!keyOwner.get(key.fingerprint))
            insertKey.run(key.fingerprint, entry.userId, key.publicKey, key.validFrom);
        }
        if (!local) {
          if (!entry.active) endSessions.run(entry.userId);
          continue;
        }
        // A change made here after the directory's version wins on this workstation; it reaches the
        // directory when the administrator's workstation publishes it.
        if (local.updated_at > entry.updatedAt || sameAccount(local, entry)) {
          result.unchanged.push(entry.userId);
          continue;
        }
        updateUser.run(
          ...values,
          entry.updatedAt,
          current ?? local.key_fingerprint,
          current ? entry.sealedPrivateKey : local.private_key,
          entry.userId,
        );
        result.updated.push(entry.userId);
        if (!entry.active) endSessions.run(entry.userId);
      }
      if (result.created.length + result.updated.length > 0) {
        appendAudit(ctx, {
          actorId: null,
          action: 'office.directoryApplied',
          details: { created: result.created, updated: result.updated, at: isoNow(ctx) },
        });
      }
    })
    .immediate();
  return result;

  function conflictOf(entry: DirectoryEntry): string | null {
    const named = byName.get(entry.username) as { id: string } | undefined;
    if (named && named.id !== entry.userId) {
      return `Tên đăng nhập ${entry.username} đã thuộc một tài khoản khác trên máy này.`;
    }
    for (const key of entry.keys) {
      const owner = keyOwner.get(key.fingerprint) as { user_id: string } | undefined;
      if (owner && owner.user_id !== entry.userId) {
        return `Khóa ký ${key.fingerprint.slice(0, 16)}… đã thuộc một tài khoản khác trên máy này.`;
      }
    }
    return null;
  }
}

/** The key the account signs with now: the one still open, else the latest. */
function currentKey(entry: DirectoryEntry): string | null {
  const open = entry.keys.filter((key) => key.validUntil === null);
  const pool = open.length > 0 ? open : entry.keys;
  let best: DirectoryKey | null = null;
  for (const key of pool) if (!best || key.validFrom > best.validFrom) best = key;
  return best?.fingerprint ?? null;
}

function sameAccount(local: UserRow, entry: DirectoryEntry): boolean {
  return (
    local.username === entry.username &&
    local.display_name === entry.displayName &&
    local.role === entry.role &&
    local.byline === entry.byline &&
    local.unit === entry.unit &&
    local.password_hash === entry.passwordHash &&
    (local.disabled === 0) === entry.active &&
    (local.private_key ?? null) === (entry.sealedPrivateKey ?? null)
  );
}
