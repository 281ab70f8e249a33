import {
  KEYS_FORMAT,
  keyMessage,
  type KeyCertificate,
  type KeysFile,
  type KeyStatement,
} from '../../shared/seal/format';
import { isoNow, type CoreContext } from '../context';
import { ensureOfficeKey, findOfficeKey, officeSign } from './officeKey';

interface KeyRow {
  fingerprint: string;
  user_id: string;
  public_key: string;
  created_at: string;
  display_name: string;
  next_at: string | null;
}

/**
 * Every signing key that may stand behind an approval: the keys of accounts that may sign now and
 * of everyone who ever signed one. A key is valid from when it was made until the same person's
 * next key replaced it (a password reset makes a new key; the old one signs nothing after that).
 */
function signingKeys(ctx: Pick<CoreContext, 'db'>, office: string): KeyStatement[] {
  const rows = ctx.db
    .prepare(
      `SELECT k.fingerprint, k.user_id, k.public_key, k.created_at, u.display_name,
              (SELECT min(n.created_at) FROM user_keys n
                WHERE n.user_id = k.user_id AND n.created_at > k.created_at) AS next_at
       FROM user_keys k JOIN users u ON u.id = k.user_id
       WHERE u.role IN ('head', 'admin')
          OR k.fingerprint IN (SELECT key_fingerprint FROM article_events WHERE kind = 'approved')
       ORDER BY k.created_at, k.fingerprint`,
    )
    .all() as KeyRow[];
  return rows.map((row) => ({
    office,
    fingerprint: row.fingerprint,
    publicKey: row.public_key,
    name: row.display_name,
    validFrom: row.created_at,
    validUntil: row.next_at,
  }));
}

function certify(key: Parameters<typeof officeSign>[0], statement: KeyStatement): KeyCertificate {
  return { ...statement, signature: officeSign(key, keyMessage(statement)) };
}

/**
 * `.well-known/bientap-keys.json` as the office would publish it now, or null while it has no
 * office key (a read-only caller such as `bientap verify-page --data` never makes one).
 */
export function officeKeysFile(ctx: CoreContext): KeysFile | null {
  if (!findOfficeKey(ctx)) return null;
  return issueKeysFile(ctx);
}

/** The keys file, making the office key first when the office has none. */
export function issueKeysFile(ctx: CoreContext): KeysFile {
  const office = ensureOfficeKey(ctx);
  return {
    format: KEYS_FORMAT,
    office: { name: office.name, publicKey: office.publicKey, fingerprint: office.fingerprint },
    keys: signingKeys(ctx, office.fingerprint).map((statement) => certify(office, statement)),
    issuedAt: isoNow(ctx),
  };
}

/** The certificate of one key, as a seal carries it. */
export function keyCertificate(ctx: CoreContext, fingerprint: string): KeyCertificate | null {
  const office = ensureOfficeKey(ctx);
  const statement = signingKeys(ctx, office.fingerprint).find((key) => key.fingerprint === fingerprint);
  return statement ? certify(office, statement) : null;
}
