import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  scrypt as scryptCallback,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

/** The same cost as password hashing: the encrypted key in a copied file is as hard to open as the password. */
const KDF = { N: 2 ** 17, r: 8, p: 1 } as const;

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

function deriveKey(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(
      password.normalize('NFC'),
      salt,
      32,
      { N, r, p, maxmem: 128 * N * r * p + 32 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

/** SHA-256 (hex) of the DER public key: the short name an approval records. */
export function fingerprintOf(publicKey: string): string {
  return createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex');
}

async function seal(privateKey: KeyObject, password: string): Promise<string> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await deriveKey(password, salt, KDF.N, KDF.r, KDF.p);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  const data = Buffer.concat([cipher.update(der), cipher.final()]);
  const sealed: SealedKey = {
    v: 1,
    kdf: 'scrypt',
    ...KDF,
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
  const key = await deriveKey(password, Buffer.from(sealed.salt, 'base64'), sealed.N, sealed.r, sealed.p);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const der = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    return null;
  }
}

export async function newKeyPair(password: string): Promise<NewKeyPair> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicDer = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  return {
    publicKey: publicDer,
    fingerprint: fingerprintOf(publicDer),
    sealedPrivateKey: await seal(privateKey, password),
  };
}

/** A password change seals the same key under the new password, so earlier signatures keep their signer. */
export async function reseal(sealedJson: string, oldPassword: string, newPassword: string): Promise<string | null> {
  const privateKey = await unseal(sealedJson, oldPassword);
  return privateKey ? seal(privateKey, newPassword) : null;
}

/** Signs the hex content hash (its bytes, not its text). Returns base64. */
export function signHash(privateKey: KeyObject, hashHex: string): string {
  return sign(null, Buffer.from(hashHex, 'hex'), privateKey).toString('base64');
}

export function verifyHash(publicKey: string, hashHex: string, signature: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    return verify(null, Buffer.from(hashHex, 'hex'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
