import { randomBytes, timingSafeEqual } from 'node:crypto';
import { deriveKey, type KdfCost } from './kdf';

/** `scrypt$N$r$p$salt$key`, so the cost can change later without breaking old hashes. */
export async function hashPassword(password: string, cost: KdfCost): Promise<string> {
  const salt = randomBytes(16);
  const key = await deriveKey(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Checks against the parameters stored with the hash, whatever the cost is today. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await deriveKey(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Spends the same time as a real check, so an unknown username is not faster to refuse. */
const dummyHashes = new Map<string, Promise<string>>();
export async function burnPasswordCheck(password: string, cost: KdfCost): Promise<void> {
  const costKey = `${cost.N}$${cost.r}$${cost.p}`;
  let dummy = dummyHashes.get(costKey);
  if (!dummy) dummyHashes.set(costKey, (dummy = hashPassword('bientap-dummy-password', cost)));
  await verifyPassword(password, await dummy);
}
