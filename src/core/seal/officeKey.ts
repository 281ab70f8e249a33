import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { OfficeKey } from '../../shared/seal/format';
import { isoNow, type CoreContext } from '../context';
import { readOrganisation } from '../organisation/settings';
import { fingerprintOf, signMessage } from '../signoff/keys';

interface OfficeKeyRow {
  fingerprint: string;
  name: string;
  public_key: string;
  private_key: string;
}

function current(ctx: Pick<CoreContext, 'db'>): OfficeKeyRow | undefined {
  return ctx.db
    .prepare('SELECT fingerprint, name, public_key, private_key FROM office_keys ORDER BY seq DESC LIMIT 1')
    .get() as OfficeKeyRow | undefined;
}

const publicPart = (row: OfficeKeyRow): OfficeKey => ({
  name: row.name,
  publicKey: row.public_key,
  fingerprint: row.fingerprint,
});

/** The office's current public key, or null while the office has never published a seal. Reads only. */
export function findOfficeKey(ctx: Pick<CoreContext, 'db'>): OfficeKey | null {
  const row = current(ctx);
  return row ? publicPart(row) : null;
}

/** The office's current key, made the first time the office needs one. */
export function ensureOfficeKey(ctx: CoreContext): OfficeKey & { privateKey: KeyObject } {
  let row = current(ctx);
  if (!row) {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const publicDer = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    ctx.db
      .prepare(
        `INSERT INTO office_keys (fingerprint, name, public_key, private_key, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      )
      .run(
        fingerprintOf(publicDer),
        // The key carries the office's name as it stood when the key was made.
        readOrganisation(ctx).name,
        publicDer,
        privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
        isoNow(ctx),
      );
    row = current(ctx)!;
  }
  const privateKey = createPrivateKey({ key: Buffer.from(row.private_key, 'base64'), format: 'der', type: 'pkcs8' });
  return { ...publicPart(row), privateKey };
}

/** The office key's signature over exactly these bytes (base64). */
export function officeSign(key: { privateKey: KeyObject }, message: Uint8Array): string {
  return signMessage(key.privateKey, Buffer.from(message));
}
