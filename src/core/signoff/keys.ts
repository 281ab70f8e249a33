import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { deriveKey, type KdfCost } from '../auth/kdf';

/** How the private key sits in the database: AES-256-GCM under scrypt(password). */
interface SealedKey {
  v: 1;
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  tag: string;
  data: string;
}

export interface NewKeyPair {
  publicKey: string;
  fingerprint: string;
  sealedPrivateKey: string;
}

/** SHA-256 (hex) of the DER public key: the short name an approval records. */
export function fingerprintOf(publicKey: string): string {
  return createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex');
}

/**
 * Sealed at the same cost as the password hash (the context's), so the encrypted key in a copied
 * file is as hard to open as the password; the parameters travel with it.
 */
async function seal(privateKey: KeyObject, password: string, cost: KdfCost): Promise<string> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await deriveKey(password, salt, cost);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  const data = Buffer.concat([cipher.update(der), cipher.final()]);
  const sealed: SealedKey = {
    v: 1,
    kdf: 'scrypt',
    N: cost.N,
    r: cost.r,
    p: cost.p,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
  return JSON.stringify(sealed);
}

/** The private key, or null when the password does not open it (GCM's tag refuses a wrong key). */
export async function unseal(sealedJson: string, password: string): Promise<KeyObject | null> {
  const sealed = JSON.parse(sealedJson) as SealedKey;
  const key = await deriveKey(password, Buffer.from(sealed.salt, 'base64'), sealed);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const der = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    return null;
  }
}

export async function newKeyPair(password: string, cost: KdfCost): Promise<NewKeyPair> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicDer = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  return {
    publicKey: publicDer,
    fingerprint: fingerprintOf(publicDer),
    sealedPrivateKey: await seal(privateKey, password, cost),
  };
}

/** A password change seals the same key under the new password, so earlier signatures keep their signer. */
export async function reseal(
  sealedJson: string,
  oldPassword: string,
  newPassword: string,
  cost: KdfCost,
): Promise<string | null> {
  const privateKey = await unseal(sealedJson, oldPassword);
  return privateKey ? seal(privateKey, newPassword, cost) : null;
}

/**
 * Format 1: signs the hex content hash (its bytes, not its text). Returns base64. New approvals sign
 * a message naming what they approve instead (signApproval in ./message); this stays for the vectors.
 */
export function signHash(privateKey: KeyObject, hashHex: string): string {
  return sign(null, Buffer.from(hashHex, 'hex'), privateKey).toString('base64');
}

/** Format 1 (approvals given before format 2): the signature covers the hash's 32 bytes only. */
export function verifyHash(publicKey: string, hashHex: string, signature: string): boolean {
  return verifyMessage(publicKey, Buffer.from(hashHex, 'hex'), signature);
}

/** Signs exactly these bytes. Returns base64. */
export function signMessage(privateKey: KeyObject, message: Buffer): string {
  return sign(null, message, privateKey).toString('base64');
}

/**
 * Public keys parsed once: an office's few dozen keys verify every event of its archive (a join
 * checks tens of thousands of signatures). Bounded, for a process that meets keys without end.
 */
const publicKeys = new Map<string, KeyObject>();

function publicKeyObject(publicKey: string): KeyObject {
  let key = publicKeys.get(publicKey);
  if (!key) {
    key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    if (publicKeys.size >= 1000) publicKeys.clear();
    publicKeys.set(publicKey, key);
  }
  return key;
}

export function verifyMessage(publicKey: string, message: Buffer, signature: string): boolean {
  try {
    return verify(null, message, publicKeyObject(publicKey), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
