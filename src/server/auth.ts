import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { serverAuthMessage, serverAuthTokenSchema } from '../shared/sync/auth';
import { keyFingerprint, type ServerDirectory, type ServerKey } from './directory';

/** Why a token was refused; stable codes a workstation maps to its own message. */
export type AuthRefusal = 'malformed' | 'nonce' | 'unknown-key' | 'disabled' | 'signature';

export class AuthError extends Error {
  constructor(readonly refusal: AuthRefusal) {
    super(`auth:${refusal}`);
    this.name = 'AuthError';
  }
}

/**
 * One-time nonces for `GET /auth/challenge`, kept in memory: each is good once, for a short while.
 * A restart forgets them, which only means clients ask again.
 */
export class Challenges {
  private readonly pending = new Map<string, number>();

  constructor(
    readonly lifetimeMs = 120_000,
    private readonly maxPending = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** A fresh nonce, or null when too many are outstanding (the caller answers 503). */
  issue(): string | null {
    this.sweep();
    if (this.pending.size >= this.maxPending) return null;
    const nonce = randomBytes(32).toString('base64url');
    this.pending.set(nonce, this.now() + this.lifetimeMs);
    return nonce;
  }

  /** Takes a nonce: true once, if it was issued and has not expired. */
  take(nonce: string): boolean {
    const expires = this.pending.get(nonce);
    if (expires === undefined) return false;
    this.pending.delete(nonce);
    return expires > this.now();
  }

  private sweep(): void {
    const now = this.now();
    for (const [nonce, expires] of this.pending) if (expires <= now) this.pending.delete(nonce);
  }
}

export interface Authenticated extends ServerKey {
  fingerprint: string;
}

/**
 * Checks a token (the JSON a workstation sends) against the directory. The nonce is spent by any
 * attempt, good or bad, so a token can never be tried twice.
 */
export function authenticate(
  tokenText: string,
  challenges: Challenges,
  directory: ServerDirectory,
  certificateSha256: string,
): Authenticated {
  let parsed: unknown;
  try {
    parsed = JSON.parse(tokenText);
  } catch {
    throw new AuthError('malformed');
  }
  const token = serverAuthTokenSchema.safeParse(parsed);
  if (!token.success) throw new AuthError('malformed');
  const { fingerprint, nonce, signature } = token.data;
  if (!challenges.take(nonce)) throw new AuthError('nonce');
  const key = directory.keyFor(fingerprint);
  // A directory entry whose key does not hash to its fingerprint is as good as unknown.
  if (!key || keyFingerprint(key.publicKey) !== fingerprint) throw new AuthError('unknown-key');
  if (!key.active) throw new AuthError('disabled');
  if (!signatureHolds(key.publicKey, serverAuthMessage(nonce, certificateSha256), signature)) {
    throw new AuthError('signature');
  }
  return { ...key, fingerprint };
}

/**
 * A key that signed in on a connection, asked again for another document on the same connection
 * (a workstation opens every document it shares on one socket, with the one token it signed for
 * it): still in the directory, still active, with the role the directory gives it now.
 */
export function stillSignedIn(who: Authenticated, directory: ServerDirectory): Authenticated {
  const key = directory.keyFor(who.fingerprint);
  if (!key || key.publicKey !== who.publicKey) throw new AuthError('unknown-key');
  if (!key.active) throw new AuthError('disabled');
  return { ...key, fingerprint: who.fingerprint };
}

function signatureHolds(publicKey: string, message: Uint8Array, signature: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, message, key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
