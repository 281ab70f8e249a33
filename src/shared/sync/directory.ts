import { z } from 'zod';
import { base64ToBytes, canonicalJson, ed25519Verify, publicKeyFingerprint, utf8 } from '../crypto';
import { ROLES, type Role } from '../domain';

/**
 * The office directory: who belongs to the office, with which role, byline, unit and signing keys,
 * and each account's private key sealed under its password (so its owner can sign in on any
 * workstation of the office). It travels as the Yjs document `office/directory`, an append-only
 * array of signed entries: a later entry for an account supersedes the earlier ones.
 *
 * Nothing in the document is trusted because of where it came from (the server relays what any
 * administrator's workstation wrote). Each workstation, and the server for sign-in, keeps only the
 * entries whose signature chain reaches the office key it pinned:
 * - an entry signed by the office key (the pinned fingerprint) is valid;
 * - an entry signed with another key is valid when that key belonged, at the entry's `updatedAt`,
 *   to an account whose own valid entry (the latest one strictly before that instant) made it an
 *   active administrator and listed that key as valid then.
 * Judging each entry only by entries strictly earlier than it makes the chain acyclic: two
 * administrators cannot vouch for each other into the directory, and a self-signed admin entry
 * counts only when an earlier entry already made its signer an administrator.
 *
 * Runs alike in Node and in a browser: WebCrypto (Ed25519, SHA-256) and the JSON canonical form of
 * RFC 8785, no platform module. The Yjs document is reached through the few methods it needs.
 */

export const DIRECTORY_ENTRY_PURPOSE = 'bientap/directory-entry/v1';
/** The Y.Array of signed entries in `office/directory`. */
export const DIRECTORY_ENTRIES = 'entries';
/** The Y.Array of office public keys (base64 DER) offered with the directory; the pinned fingerprint picks one. */
export const DIRECTORY_OFFICE_KEYS = 'officeKeys';

export const HEX_64 = /^[0-9a-f]{64}$/;
export const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Always `Date.prototype.toISOString()`'s shape, so that comparing the text compares the instants. */
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const instant = z.string().regex(ISO_INSTANT);
const base64 = z.string().min(1).max(4096).regex(BASE64);
const line = z.string().max(500);

export const directoryKeySchema = z.object({
  /** SHA-256 (hex) of the DER public key. */
  fingerprint: z.string().regex(HEX_64),
  /** Ed25519 public key, DER SubjectPublicKeyInfo, base64. */
  publicKey: base64,
  /** From when signatures by this key count … */
  validFrom: instant,
  /** … until when (exclusive); null while the key is current. */
  validUntil: instant.nullable(),
});

/**
 * One signed version of one account. Loose: fields a newer version adds are kept, because the
 * signature covers every field but `signature` itself.
 */
export const directoryEntrySchema = z.looseObject({
  userId: z.string().min(1).max(200),
  username: z.string().min(1).max(200),
  displayName: line,
  role: z.enum(ROLES),
  byline: line,
  unit: line,
  active: z.boolean(),
  keys: z.array(directoryKeySchema).max(100),
  /** The private key sealed under the password, exactly as the account's workstation stores it (JSON). */
  sealedPrivateKey: z.string().max(4096).nullable(),
  /**
   * The password's scrypt hash. It gives nothing the sealed key does not (both are opened by the same
   * scrypt guess at the same cost), and it is what lets the account sign in on a new workstation.
   */
  passwordHash: z.string().max(1024),
  updatedAt: instant,
  /** Fingerprint of the key that signed: the office key's or an administrator's signing key. */
  signer: z.string().regex(HEX_64),
  /** Ed25519 signature (base64) over `directoryEntryMessage`. */
  signature: base64,
});

export type DirectoryKey = z.infer<typeof directoryKeySchema>;

/** One signed version of one account (see the schema for each field). */
export interface UnsignedDirectoryEntry {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  byline: string;
  unit: string;
  active: boolean;
  keys: DirectoryKey[];
  sealedPrivateKey: string | null;
  passwordHash: string;
  updatedAt: string;
  signer: string;
}

export interface DirectoryEntry extends UnsignedDirectoryEntry {
  signature: string;
}

/** The office key a workstation (or the server) trusts: the pinned fingerprint, and the public key when known. */
export interface PinnedOffice {
  fingerprint: string;
  publicKey: string | null;
}

export interface RejectedEntry {
  entry: unknown;
  /** Why, in Vietnamese, for the administrator. */
  reason: string;
}

export interface VerifiedDirectory {
  /** Per account, its latest valid entry. */
  accounts: Map<string, DirectoryEntry>;
  /** Per account, every valid entry, oldest first: what the account was at any moment (`accountAt`). */
  history: Map<string, DirectoryEntry[]>;
  rejected: RejectedEntry[];
}

/** The canonical JSON of a value read from a document, or null when it has none (a binary or a bigint inside). */
export function entryIdentity(value: unknown): string | null {
  try {
    return canonicalJson(value);
  } catch {
    return null;
  }
}

/** The exact text signed for an entry: its canonical JSON without `signature`, with the purpose and the office. */
export function directoryEntryMessageText(entry: UnsignedDirectoryEntry, officeFingerprint: string): string {
  const { signature: _signature, ...signed } = entry as Partial<DirectoryEntry>;
  return canonicalJson({ ...signed, purpose: DIRECTORY_ENTRY_PURPOSE, office: officeFingerprint });
}

/** The exact bytes signed for an entry (UTF-8 of `directoryEntryMessageText`). */
export function directoryEntryMessage(entry: UnsignedDirectoryEntry, officeFingerprint: string): Uint8Array {
  return utf8(directoryEntryMessageText(entry, officeFingerprint));
}

/** Compares two base64 signatures by their bytes: the tie-break between entries of one instant. */
function compareSignatures(a: string, b: string): number {
  const x = base64ToBytes(a);
  const y = base64ToBytes(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] as number) - (y[i] as number);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** True when `a` supersedes `b`: later, or at the same instant the greater signature. */
function supersedes(a: DirectoryEntry, b: DirectoryEntry): boolean {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt;
  return compareSignatures(a.signature, b.signature) > 0;
}

export const keyValidAt = (key: DirectoryKey, at: string): boolean =>
  key.validFrom <= at && (key.validUntil === null || at < key.validUntil);

const short = (fingerprint: string) => fingerprint.slice(0, 16);

/**
 * Caches signature checks across calls (the server re-verifies on every change): key → result,
 * keyed by signer key, signature and message.
 */
export type VerificationCache = Map<string, boolean>;

async function cachedVerify(
  cache: VerificationCache | undefined,
  publicKey: string,
  message: Uint8Array,
  signature: string,
  messageText: string,
): Promise<boolean> {
  const key = `${publicKey}|${signature}|${messageText}`;
  const known = cache?.get(key);
  if (known !== undefined) return known;
  const result = await ed25519Verify(publicKey, message, signature);
  cache?.set(key, result);
  return result;
}

/**
 * Keeps the entries whose chain reaches the pinned office key and, per account, the latest of them
 * (same instant: the greater signature bytes). Every other entry is returned with the reason.
 */
export async function verifyDirectory(
  entries: readonly unknown[],
  office: PinnedOffice,
  cache?: VerificationCache,
): Promise<VerifiedDirectory> {
  const rejected: RejectedEntry[] = [];
  const officeKeyOk =
    office.publicKey !== null && (await publicKeyFingerprint(office.publicKey)) === office.fingerprint;

  // Well-formed entries, each once (the same signed entry appended twice is one entry).
  const candidates: DirectoryEntry[] = [];
  const seen = new Set<string>();
  for (const raw of entries) {
    const parsed = directoryEntrySchema.safeParse(raw);
    if (!parsed.success) {
      rejected.push({ entry: raw, reason: 'Mục danh bạ sai định dạng.' });
      continue;
    }
    const entry = parsed.data as DirectoryEntry;
    // By the whole entry: a forged copy carrying a genuine signature must not hide the genuine entry.
    const identity = entryIdentity(entry);
    if (identity === null) {
      rejected.push({ entry: raw, reason: 'Mục danh bạ sai định dạng.' });
      continue;
    }
    if (seen.has(identity)) continue;
    seen.add(identity);
    let keysOk = true;
    for (const key of entry.keys) if ((await publicKeyFingerprint(key.publicKey)) !== key.fingerprint) keysOk = false;
    if (!keysOk) {
      rejected.push({ entry: raw, reason: `Khóa của tài khoản ${entry.username} không khớp với dấu vân tay ghi kèm.` });
      continue;
    }
    candidates.push(entry);
  }
  candidates.sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : 0));

  /** Valid entries so far, per account, in the order they became valid. */
  const valid = new Map<string, DirectoryEntry[]>();
  /** Which accounts have listed a key, by its fingerprint. */
  const holders = new Map<string, Set<string>>();

  /** The account's state strictly before `at`: its latest valid entry from before then. */
  const stateBefore = (userId: string, at: string): DirectoryEntry | null => {
    let best: DirectoryEntry | null = null;
    for (const entry of valid.get(userId) ?? []) {
      if (entry.updatedAt >= at) continue;
      if (!best || supersedes(entry, best)) best = entry;
    }
    return best;
  };

  /** Null when the entry's signature chain holds, else why not. */
  const judge = async (entry: DirectoryEntry): Promise<string | null> => {
    const messageText = directoryEntryMessageText(entry, office.fingerprint);
    const message = utf8(messageText);
    if (entry.signer === office.fingerprint) {
      if (!officeKeyOk)
        return 'Không có khóa công khai của văn phòng khớp với dấu vân tay đã ghim để kiểm tra mục này.';
      return (await cachedVerify(cache, office.publicKey as string, message, entry.signature, messageText))
        ? null
        : 'Chữ ký của khóa văn phòng không đúng: mục giả mạo hoặc đã bị sửa.';
    }
    let refusal = `Khóa ký ${short(entry.signer)}… không thuộc tài khoản nào đã được xác minh trong danh bạ: chuỗi ký không dẫn về khóa văn phòng.`;
    for (const userId of holders.get(entry.signer) ?? []) {
      const signer = stateBefore(userId, entry.updatedAt);
      const key = signer?.keys.find((candidate) => candidate.fingerprint === entry.signer);
      if (!signer || !key) continue;
      if (signer.role !== 'admin') {
        refusal = `Người ký (${signer.username}) không phải quản trị viên vào lúc ${entry.updatedAt}.`;
      } else if (!signer.active) {
        refusal = `Tài khoản người ký (${signer.username}) đã bị khóa vào lúc ${entry.updatedAt}.`;
      } else if (!keyValidAt(key, entry.updatedAt)) {
        refusal = `Khóa ký của ${signer.username} không còn hiệu lực vào lúc ${entry.updatedAt}.`;
      } else {
        return (await cachedVerify(cache, key.publicKey, message, entry.signature, messageText))
          ? null
          : `Chữ ký của ${signer.username} không đúng: mục giả mạo hoặc đã bị sửa.`;
      }
    }
    return refusal;
  };

  // Entries of one instant are judged together against everything strictly earlier, then admitted.
  for (let start = 0; start < candidates.length;) {
    const at = (candidates[start] as DirectoryEntry).updatedAt;
    let end = start;
    while (end < candidates.length && (candidates[end] as DirectoryEntry).updatedAt === at) end++;
    const group = candidates.slice(start, end);
    const verdicts = await Promise.all(group.map(judge));
    group.forEach((entry, i) => {
      const reason = verdicts[i];
      if (reason) {
        rejected.push({ entry, reason });
        return;
      }
      const list = valid.get(entry.userId) ?? [];
      list.push(entry);
      valid.set(entry.userId, list);
      for (const key of entry.keys) {
        const users = holders.get(key.fingerprint) ?? new Set<string>();
        users.add(entry.userId);
        holders.set(key.fingerprint, users);
      }
    });
    start = end;
  }

  const accounts = new Map<string, DirectoryEntry>();
  for (const [userId, list] of valid) {
    let best = list[0] as DirectoryEntry;
    for (const entry of list) if (supersedes(entry, best)) best = entry;
    accounts.set(userId, best);
  }
  return { accounts, history: valid, rejected };
}

/**
 * The account as the directory stated it at `at`: its latest valid entry from that instant or
 * before, or null when it had none yet. What a workflow event is judged by (who held which role,
 * which keys were valid, whether the account was active when the event was made).
 */
export function accountAt(
  history: ReadonlyMap<string, readonly DirectoryEntry[]>,
  userId: string,
  at: string,
): DirectoryEntry | null {
  let best: DirectoryEntry | null = null;
  for (const entry of history.get(userId) ?? []) {
    if (entry.updatedAt > at) continue;
    if (!best || supersedes(entry, best)) best = entry;
  }
  return best;
}

/** The few methods of a Y.Doc the directory uses (a Y.Doc fits), so this file needs no Yjs import. */
export interface DirectoryDoc {
  getArray<T>(name: string): { push(items: T[]): void; toArray(): T[] };
  transact(f: () => void): void;
}

/** Appends signed entries (and the office's public key, once) to the directory document. */
export function appendDirectoryEntries(
  doc: DirectoryDoc,
  entries: readonly DirectoryEntry[],
  officePublicKey?: string,
): void {
  doc.transact(() => {
    const keys = doc.getArray<string>(DIRECTORY_OFFICE_KEYS);
    if (officePublicKey && !keys.toArray().includes(officePublicKey)) keys.push([officePublicKey]);
    const present = new Set(
      doc
        .getArray<unknown>(DIRECTORY_ENTRIES)
        .toArray()
        .map((entry) => entryIdentity(entry)),
    );
    const fresh = entries.filter((entry) => !present.has(entryIdentity(entry)));
    if (fresh.length > 0) doc.getArray<DirectoryEntry>(DIRECTORY_ENTRIES).push(fresh.map((entry) => ({ ...entry })));
  });
}

/** The office public key the document offers whose fingerprint is the pinned one, or null. */
export async function officeKeyFromDirectory(doc: DirectoryDoc, pinnedFingerprint: string): Promise<string | null> {
  for (const key of doc.getArray<unknown>(DIRECTORY_OFFICE_KEYS).toArray()) {
    if (typeof key === 'string' && (await publicKeyFingerprint(key)) === pinnedFingerprint) return key;
  }
  return null;
}

/** Reads and verifies the whole directory document against the pinned office key. */
export async function readDirectory(
  doc: DirectoryDoc,
  pinned: { fingerprint: string; publicKey?: string | null },
  cache?: VerificationCache,
): Promise<VerifiedDirectory> {
  const publicKey = pinned.publicKey ?? (await officeKeyFromDirectory(doc, pinned.fingerprint));
  return verifyDirectory(
    doc.getArray<unknown>(DIRECTORY_ENTRIES).toArray(),
    { fingerprint: pinned.fingerprint, publicKey },
    cache,
  );
}
