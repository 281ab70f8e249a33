import { scrypt, type ScryptOptions } from 'node:crypto';

/**
 * The cost of turning a password into a key: password hashes and the seal over each signing key
 * both use it. Every stored hash and sealed key records its own parameters, so a change of cost
 * applies to new ones only and the old ones keep verifying.
 */
export interface KdfCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's scrypt parameters: N=2^17, r=8, p=1. What every host uses; only tests pass a lower one. */
export const PRODUCTION_KDF_COST: Readonly<KdfCost> = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });

/**
 * 2^10: about a hundred times cheaper, for test runs only (the unit tests' kit, and the web host
 * when the end-to-end specs start it with `--test-only-weak-kdf`). Never a default anywhere.
 */
export const TEST_ONLY_KDF_COST: Readonly<KdfCost> = Object.freeze({ N: 2 ** 10, r: 8, p: 1 });

const KEY_LENGTH = 32;

function scryptOptions({ N, r, p }: KdfCost): ScryptOptions {
  // N=2^17 needs 128 MiB, above Node's default limit.
  return { N, r, p, maxmem: 128 * N * r * p + 32 * 1024 * 1024 };
}

/** scrypt of the NFC password: the same password typed with decomposed marks gives the same key. */
export function deriveKey(password: string, salt: Buffer, cost: KdfCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, scryptOptions(cost), (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}
