import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { entryIdentity, readDirectory, type VerificationCache, type VerifiedDirectory } from '../shared/sync/directory';
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
 * Who may connect, by key fingerprint. A server pinned to an office key answers from the signed
 * office directory document (DocumentServerDirectory); one started without an office knows only
 * the keys an operator put in its `server_keys` table (SqliteServerDirectory).
 */
export interface ServerDirectory {
  keyFor(fingerprint: string): ServerKey | null;
  /** Resolves once every change received so far has been verified (keyFor answers from it). */
  settled?(): Promise<void>;
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

/**
 * The server's view of the office directory document: a copy of the document fed with every update
 * the server stores, verified against the pinned office key after each change, exactly as a
 * workstation verifies it. keyFor answers from the verified accounts only; an entry that is forged,
 * unsigned or signed outside the chain is ignored and logged once. The server never vouches for an
 * entry: it only refuses to let an unverified one open a connection.
 */
export class DocumentServerDirectory implements ServerDirectory {
  readonly doc = new Y.Doc();
  private readonly cache: VerificationCache = new Map();
  private readonly reported = new Set<string>();
  private keys = new Map<string, ServerKey & { validUntil: string | null }>();
  private verifying: Promise<void> = Promise.resolve();
  private queued = false;
  private latest: VerifiedDirectory = { accounts: new Map(), history: new Map(), rejected: [] };

  constructor(
    readonly officeFingerprint: string,
    private readonly log: (line: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Takes one update of the directory document (any order, any repetition) and re-verifies. A burst
   * of updates costs one verification more, not one each: a run not yet started covers them all.
   */
  applyUpdate(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update);
    if (this.queued) return;
    this.queued = true;
    this.verifying = this.verifying.then(() => {
      this.queued = false;
      return this.verify();
    });
  }

  settled(): Promise<void> {
    return this.verifying;
  }

  /** The accounts as last verified. */
  verified(): VerifiedDirectory {
    return this.latest;
  }

  keyFor(fingerprint: string): ServerKey | null {
    const key = this.keys.get(fingerprint);
    if (!key) return null;
    // A key that was replaced (a password reset makes a new one) opens nothing from then on.
    const now = new Date(this.now()).toISOString();
    const current = key.validUntil === null || now < key.validUntil;
    return { publicKey: key.publicKey, userId: key.userId, role: key.role, active: key.active && current };
  }

  private async verify(): Promise<void> {
    try {
      const verified = await readDirectory(this.doc, { fingerprint: this.officeFingerprint }, this.cache);
      const keys = new Map<string, ServerKey & { validUntil: string | null }>();
      const shared = new Set<string>();
      for (const account of verified.accounts.values()) {
        for (const key of account.keys) {
          if (keys.has(key.fingerprint) && keys.get(key.fingerprint)?.userId !== account.userId)
            shared.add(key.fingerprint);
          keys.set(key.fingerprint, {
            publicKey: key.publicKey,
            userId: account.userId,
            role: account.role,
            active: account.active,
            validUntil: key.validUntil,
          });
        }
      }
      // A key two accounts claim names nobody for certain: it opens nothing.
      for (const fingerprint of shared) {
        keys.delete(fingerprint);
        this.log(
          `Khóa ${fingerprint.slice(0, 16)}… được hai tài khoản trong danh bạ khai là của mình: không dùng được để đăng nhập.`,
        );
      }
      for (const { entry, reason } of verified.rejected) {
        const identity = entryIdentity(entry) ?? String(entry);
        if (this.reported.has(identity)) continue;
        this.reported.add(identity);
        const who = (entry as { username?: unknown } | null)?.username;
        this.log(`Bỏ qua một mục danh bạ${typeof who === 'string' ? ` (${who})` : ''}: ${reason}`);
      }
      this.latest = verified;
      this.keys = keys;
    } catch (error) {
      this.log(`Không kiểm tra được danh bạ văn phòng: ${(error as Error).message}`);
    }
  }
}
